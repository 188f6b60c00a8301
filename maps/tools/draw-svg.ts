/**
 * SVG building blocks for draw-map.ts: number formatting, escaping, the palette, station symbols,
 * scale bar and north arrow. Pure string functions; coordinates are SVG pixels, rounded to 0.1 px
 * so that the same map always gives the same bytes.
 */
import type { LaneKind, StationKind } from '../schema/map-schema.ts';

/** A pixel value rounded to 0.1, never `-0`. */
export function f(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(r === 0 ? 0 : r);
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const LANE_COLOURS: Record<LaneKind, string> = {
  yard: '#64748b',
  approach: '#2563eb',
  gate: '#ea580c',
  bridge: '#7c3aed',
  dock: '#0d9488',
};

type Shape = 'square' | 'circle' | 'diamond' | 'triangle' | 'triangle-down' | 'hexagon' | 'bar';

export const STATION_STYLE: Record<StationKind, { colour: string; shape: Shape; label: string; one: string; many: string }> = {
  'transfer-crane': { colour: '#dc2626', shape: 'square', label: 'transfer crane', one: 'transfer crane', many: 'transfer cranes' },
  'truck-bay': { colour: '#92400e', shape: 'bar', label: 'truck bay', one: 'truck bay', many: 'truck bays' },
  'igv-parking': { colour: '#475569', shape: 'circle', label: 'IGV parking', one: 'IGV parking area', many: 'IGV parking areas' },
  charger: { colour: '#16a34a', shape: 'diamond', label: 'charger', one: 'charger', many: 'chargers' },
  'battery-swap': { colour: '#65a30d', shape: 'hexagon', label: 'battery swap', one: 'battery swap station', many: 'battery swap stations' },
  'automated-gate': { colour: '#f59e0b', shape: 'triangle', label: 'automated gate', one: 'automated gate', many: 'automated gates' },
  'nii-scanner': { colour: '#db2777', shape: 'triangle-down', label: 'NII scanner', one: 'NII scanner', many: 'NII scanners' },
  'inspection-bay': { colour: '#0891b2', shape: 'square', label: 'inspection bay', one: 'inspection bay', many: 'inspection bays' },
};

function polygon(cx: number, cy: number, pts: readonly (readonly [number, number])[], attrs: string): string {
  return `<polygon points="${pts.map(([x, y]) => `${f(cx + x)},${f(cy + y)}`).join(' ')}" ${attrs}/>`;
}

/** The symbol of a station kind centred on (cx, cy), `r` px from centre to edge. */
export function stationSymbol(kind: StationKind, cx: number, cy: number, r: number): string {
  const { colour, shape } = STATION_STYLE[kind];
  const attrs = `fill="${colour}" stroke="#fff" stroke-width="${f(Math.max(0.6, r / 4))}"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" ${attrs}/>`;
    case 'square':
      return `<rect x="${f(cx - r)}" y="${f(cy - r)}" width="${f(2 * r)}" height="${f(2 * r)}" ${attrs}/>`;
    case 'bar':
      return `<rect x="${f(cx - 1.3 * r)}" y="${f(cy - 0.7 * r)}" width="${f(2.6 * r)}" height="${f(1.4 * r)}" ${attrs}/>`;
    case 'diamond':
      return polygon(cx, cy, [[0, -1.3 * r], [1.3 * r, 0], [0, 1.3 * r], [-1.3 * r, 0]], attrs);
    case 'triangle':
      return polygon(cx, cy, [[0, -1.3 * r], [1.2 * r, r], [-1.2 * r, r]], attrs);
    case 'triangle-down':
      return polygon(cx, cy, [[0, 1.3 * r], [1.2 * r, -r], [-1.2 * r, -r]], attrs);
    case 'hexagon':
      return polygon(cx, cy, [0, 1, 2, 3, 4, 5].map((k) => [1.15 * r * Math.cos((k * Math.PI) / 3), 1.15 * r * Math.sin((k * Math.PI) / 3)] as const), attrs);
  }
}

/** Direction arrowhead with its tip `size` px ahead of (cx, cy), pointing along screen angle `a` (radians). */
export function arrowHead(cx: number, cy: number, a: number, size: number, colour: string): string {
  const dx = Math.cos(a);
  const dy = Math.sin(a);
  const tip: [number, number] = [dx * size, dy * size];
  const l: [number, number] = [-dx * size * 0.7 - dy * size * 0.6, -dy * size * 0.7 + dx * size * 0.6];
  const r: [number, number] = [-dx * size * 0.7 + dy * size * 0.6, -dy * size * 0.7 - dx * size * 0.6];
  return polygon(cx, cy, [tip, l, r], `class="arrow" fill="${colour}"`);
}

/** Longest 1-2-5 × 10ⁿ metre length that fits in `maxPx` at `pxPerM`. */
export function niceMetres(maxPx: number, pxPerM: number): number {
  let best = 1;
  for (let e = 0; e <= 5; e++) for (const m of [1, 2, 5]) if (m * 10 ** e * pxPerM <= maxPx) best = m * 10 ** e;
  return best;
}

/** Scale bar with its lower-left corner at (x, y): four alternating blocks, "0" and the length in m. */
export function scaleBar(x: number, y: number, pxPerM: number, maxPx: number): string {
  const metres = niceMetres(maxPx, pxPerM);
  const w = metres * pxPerM;
  const blocks = [0, 1, 2, 3]
    .map((i) => `<rect x="${f(x + (i * w) / 4)}" y="${f(y - 6)}" width="${f(w / 4)}" height="6" fill="${i % 2 ? '#fff' : '#111'}" stroke="#111" stroke-width="0.6"/>`)
    .join('');
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return (
    `<g class="scale-bar"><rect x="${f(x - 6)}" y="${f(y - 22)}" width="${f(w + 12 + 8 * label.length)}" height="28" fill="#fff" fill-opacity="0.85"/>` +
    blocks +
    `<text x="${f(x)}" y="${f(y - 9)}" font-size="10">0</text>` +
    `<text x="${f(x + w + 4)}" y="${f(y)}" font-size="11">${label}</text></g>`
  );
}

/** North arrow centred at (cx, cy); the maps are always drawn north up. */
export function northArrow(cx: number, cy: number, size: number): string {
  const s = size;
  return (
    `<g class="north-arrow">` +
    `<polygon points="${f(cx)},${f(cy - s)} ${f(cx + s * 0.45)},${f(cy + s * 0.6)} ${f(cx)},${f(cy + s * 0.3)}" fill="#111"/>` +
    `<polygon points="${f(cx)},${f(cy - s)} ${f(cx - s * 0.45)},${f(cy + s * 0.6)} ${f(cx)},${f(cy + s * 0.3)}" fill="#fff" stroke="#111" stroke-width="0.8"/>` +
    `<text x="${f(cx)}" y="${f(cy - s - 3)}" text-anchor="middle" font-size="${f(s * 0.9)}" font-weight="bold">N</text></g>`
  );
}
