/**
 * Station labels for the enlarged insets of `igv map draw`: short names, and a greedy placement
 * that keeps labels off symbols, other labels and (where it can) lanes. Deterministic: text widths
 * are estimated, not measured, and candidates are tried in a fixed order.
 */
import type { Jurisdiction, StationKind } from '../schema/map-schema.ts';
import { esc, f } from './draw-svg.ts';

/** A label wanted next to a symbol of radius `r` px at (x, y). */
export interface LabelRequest {
  text: string;
  x: number;
  y: number;
  r: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A polyline in px, something labels should not cover. */
export type PxLine = readonly (readonly [number, number])[];

const SHORT: Record<StationKind, string> = {
  'transfer-crane': 'crane',
  'truck-bay': 'truck bay',
  'igv-parking': 'parking',
  charger: 'charger',
  'battery-swap': 'swap',
  'automated-gate': 'gate',
  'nii-scanner': 'NII',
  'inspection-bay': 'inspection',
};

/**
 * The label of a station in an inset, whose title already names the jurisdiction: the name
 * without its leading jurisdiction when that is short, else the kind's short word and the last
 * number in the name ("CN inspection / quarantine bay 4" → "inspection 4").
 */
export function shortName(name: string, kind: StationKind, j: Jurisdiction): string {
  const s = name.replace(new RegExp(`^${j}\\b[\\s:·-]*`, 'i'), '');
  if (s.length > 0 && s.length <= 12) return s;
  const n = name.match(/(\d+)\D*$/)?.[1];
  return n ? `${SHORT[kind]} ${n}` : SHORT[kind];
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function segmentHitsRect(a: readonly [number, number], b: readonly [number, number], r: Rect): boolean {
  // Liang–Barsky clipping: does any part of ab lie inside r?
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const edges: [number, number][] = [
    [-dx, a[0] - r.x],
    [dx, r.x + r.w - a[0]],
    [-dy, a[1] - r.y],
    [dy, r.y + r.h - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

interface Spot {
  box: Rect;
  vertical: boolean;
  /** small preference for the near, horizontal spots */
  bias: number;
}

function spots(q: LabelRequest, w: number, h: number): Spot[] {
  const g = 2; // gap between symbol and text
  const near = (x: number, y: number, bias: number): Spot => ({ box: { x, y, w, h }, vertical: false, bias });
  const up = (x: number, y: number, bias: number): Spot => ({ box: { x, y, w: h, h: w }, vertical: true, bias });
  // No diagonal spots: in a row of stations a diagonal label sits over the neighbour's symbol.
  return [
    near(q.x + q.r + g, q.y - h / 2, 0),
    near(q.x - q.r - g - w, q.y - h / 2, 1),
    near(q.x - w / 2, q.y - q.r - g - h, 2),
    near(q.x - w / 2, q.y + q.r + g, 2),
    // beside a lane that leaves the symbol north or south, rather than on it
    up(q.x + q.r * 0.4, q.y - q.r - g - w, 4),
    up(q.x + q.r * 0.4, q.y + q.r + g, 4),
    up(q.x - q.r * 0.4 - h, q.y - q.r - g - w, 5),
    up(q.x - q.r * 0.4 - h, q.y + q.r + g, 5),
    up(q.x - h / 2, q.y - q.r - g - w, 6),
    up(q.x - h / 2, q.y + q.r + g, 6),
  ];
}

/**
 * Places each label, in the order given, at the candidate spot around its symbol with the lowest
 * cost: 10 × the overlap with symbols and earlier labels (px²) + 40 per lane segment it covers + a small
 * order bias; spots leaving `bounds` are last resorts. Vertical spots read bottom to top.
 * `obstacles` are the symbols' boxes. Returns `<text>` elements with a white halo.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Rect[], lines: readonly PxLine[], bounds: Rect, fontSize: number): string[] {
  const placed: Rect[] = [...obstacles];
  const segs: [readonly [number, number], readonly [number, number]][] = lines.flatMap((l) => l.slice(1).map((b, i) => [l[i]!, b] as const));
  const inside = (s: Rect) => s.x >= bounds.x && s.y >= bounds.y && s.x + s.w <= bounds.x + bounds.w && s.y + s.h <= bounds.y + bounds.h;
  const out: string[] = [];
  for (const q of requests) {
    const w = 0.6 * fontSize * q.text.length;
    let best: Spot | undefined;
    let bestCost = Infinity;
    for (const s of spots(q, w, fontSize)) {
      const hits = segs.reduce((n, [a, b]) => n + (segmentHitsRect(a, b, s.box) ? 1 : 0), 0);
      const cost = 10 * placed.reduce((sum, o) => sum + overlap(s.box, o), 0) + 40 * hits + s.bias + (inside(s.box) ? 0 : 1e6);
      if (cost < bestCost) [best, bestCost] = [s, cost];
    }
    const b = best!.box;
    placed.push(b);
    const halo = `font-size="${fontSize}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
    if (best!.vertical) {
      const ax = b.x + fontSize * 0.8;
      const ay = b.y + b.h;
      out.push(`<text class="label" x="${f(ax)}" y="${f(ay)}" transform="rotate(-90 ${f(ax)} ${f(ay)})" ${halo}>${esc(q.text)}</text>`);
    } else {
      out.push(`<text class="label" x="${f(b.x)}" y="${f(b.y + fontSize * 0.8)}" ${halo}>${esc(q.text)}</text>`);
    }
  }
  return out;
}
