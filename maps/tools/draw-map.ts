/**
 * `igv map draw`: an igv-map/1 map as a self-contained SVG picture for planners. Pure: the same map
 * gives the same bytes (pixel values rounded to 0.1 px, no clock, no fonts or images to fetch).
 *
 * The site is ~2.5 km north–south and a few hundred metres wide, so one picture would show either
 * the whole lane or readable yards, never both. The page therefore holds an overview (left) and one
 * enlarged inset per jurisdiction (right), each inset's window chosen around that jurisdiction's
 * stations. Every panel is drawn north up: map y grows north, SVG y grows down, so y is flipped.
 */
import { STATION_KINDS, type IgvMap, type Jurisdiction, type Lane, type MapNode, type Point, type Station } from '../schema/map-schema.ts';
import { measurePolyline, poseAt } from '../schema/lane-geometry.ts';
import { LANE_COLOURS, STATION_STYLE, arrowHead, esc, f, northArrow, scaleBar, stationSymbol } from './draw-svg.ts';
import { placeLabels, shortName, type LabelRequest, type Rect } from './draw-labels.ts';
import { drawLegend } from './draw-legend.ts';

export interface DrawMapOptions {
  /** page width, px; default 1600 */
  width?: number;
  /** page height, px; default 1000 */
  height?: number;
}

/** A window of the map (mm) shown in a rectangle of the page (px). */
interface Panel {
  id: string;
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** window in map mm; always has the panel's aspect ratio */
  minX: number;
  maxY: number;
  /** px per mm */
  k: number;
  detail: boolean;
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface Scene {
  map: IgvMap;
  nodes: Map<string, MapNode>;
  lines: { lane: Lane; pts: Point[]; box: Box }[];
  /** y range of the bridge lanes (mm), drawn as the river */
  river?: { minY: number; maxY: number };
}

const sx = (p: Panel, x: number) => p.x + (x - p.minX) * p.k;
const sy = (p: Panel, y: number) => p.y + (p.maxY - y) * p.k;

function boxOf(pts: readonly Point[]): Box {
  const xs = pts.map((q) => q[0]);
  const ys = pts.map((q) => q[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Fits `win` into the rectangle, growing the window (not shrinking the picture) to its aspect. */
function panel(id: string, title: string, x: number, y: number, w: number, h: number, win: Box, detail: boolean): Panel {
  const ww = Math.max(win.maxX - win.minX, 1);
  const wh = Math.max(win.maxY - win.minY, 1);
  const k = Math.min(w / ww, h / wh);
  const cx = (win.minX + win.maxX) / 2;
  const cy = (win.minY + win.maxY) / 2;
  return { id, title, x, y, w, h, minX: cx - w / k / 2, maxY: cy + h / k / 2, k, detail };
}

function buildScene(map: IgvMap): Scene {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const lines: Scene['lines'] = [];
  for (const lane of map.lanes) {
    const a = nodes.get(lane.from);
    const b = nodes.get(lane.to);
    if (!a || !b) continue; // `igv map check` reports these; a picture of the rest is still useful
    const pts: Point[] = [[a.x, a.y], ...(lane.polyline ?? []), [b.x, b.y]];
    lines.push({ lane, pts, box: boxOf(pts) });
  }
  const bridge = lines.filter((l) => l.lane.kind === 'bridge');
  const river = bridge.length > 0 ? { minY: Math.min(...bridge.map((l) => l.box.minY)), maxY: Math.max(...bridge.map((l) => l.box.maxY)) } : undefined;
  return { map, nodes, lines, ...(river ? { river } : {}) };
}

/** Window around the stations of one jurisdiction, padded; undefined when it has none. */
function insetWindow(scene: Scene, j: Jurisdiction): Box | undefined {
  const pts = scene.map.stations
    .filter((s) => s.jurisdiction === j)
    .flatMap((s) => s.nodes.map((id) => scene.nodes.get(id)))
    .filter((n): n is MapNode => n !== undefined)
    .map((n): Point => [n.x, n.y]);
  if (pts.length === 0) return undefined;
  const b = boxOf(pts);
  const pad = Math.max(30_000, 0.12 * Math.max(b.maxX - b.minX, b.maxY - b.minY));
  const grow = (lo: number, hi: number): [number, number] => {
    const half = Math.max((hi - lo) / 2 + pad, 60_000);
    return [(lo + hi) / 2 - half, (lo + hi) / 2 + half];
  };
  const [minX, maxX] = grow(b.minX, b.maxX);
  const [minY, maxY] = grow(b.minY, b.maxY);
  return { minX, minY, maxX, maxY };
}

/**
 * Draws the map as an SVG document (a string starting with `<svg`). Page size in px; map lengths
 * are mm in, metres on the scale bars. The map should pass `igv map check`; lanes with missing nodes
 * are left out rather than failing the picture.
 */
export function drawMapSvg(map: IgvMap, opts: DrawMapOptions = {}): string {
  const W = opts.width ?? 1600;
  const H = opts.height ?? 1000;
  const scene = buildScene(map);
  const bottom = H - 128;
  const { overview, insets } = pageLayout(scene, W, 92, bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12" fill="#111">`,
    `<title>${esc(`${map.name} — version ${map.version}`)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="16" y="32" font-size="22" font-weight="bold">${esc(map.name)} — version ${esc(map.version)}</text>`,
    `<text x="16" y="54" font-size="12" fill="#444">${esc(map.id)} · north up · lane colour = kind, arrowhead = driving direction · coordinates: local frame, mm (scale bars in metres)</text>`,
    drawPanel(overview, scene, insets),
    ...insets.map((i) => drawPanel(i.p, scene, [])),
    drawLegend(16, bottom + 12, W - 32, 84),
    `<text class="footer" x="16" y="${H - 14}" font-size="12">${esc(footer(map))}</text>`,
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

/**
 * Where the panels go: the overview on the left, as wide as the whole map needs (at most 30 % of
 * the page), and the insets to its right, side by side or stacked (CN above VN, as on the ground),
 * whichever shows the yards larger. Letters follow reading order. Page px between y0 and y1.
 */
function pageLayout(scene: Scene, W: number, y0: number, y1: number): { overview: Panel; insets: { p: Panel; letter: string }[] } {
  const all = boxOf([
    ...scene.lines.flatMap((l) => l.pts),
    ...scene.map.nodes.map((n): Point => [n.x, n.y]),
    ...(scene.map.borderLine ? [scene.map.borderLine.a, scene.map.borderLine.b] : []),
  ]);
  const pad = 0.03 * Math.max(all.maxX - all.minX, all.maxY - all.minY);
  const whole = { minX: all.minX - pad, minY: all.minY - pad, maxX: all.maxX + pad, maxY: all.maxY + pad };
  const wanted = (['VN', 'CN'] as const)
    .map((j) => ({ j, win: insetWindow(scene, j) }))
    .filter((s): s is { j: Jurisdiction; win: Box } => s.win !== undefined);
  const h = y1 - y0;
  const n = wanted.length;
  const aspect = (whole.maxX - whole.minX) / (whole.maxY - whole.minY);
  const ovW = Math.min(Math.max(aspect * h, 240), n > 0 ? 0.3 * W : W - 32);
  const overview = panel('overview', 'Overview: the whole lane', 16, y0, ovW, h, whole, false);

  const x0 = 16 + ovW + 28;
  const aw = W - 16 - x0;
  const sideBySide = wanted.map((s, i) => ({ ...s, x: x0 + (i * (aw + 20)) / n, y: y0, w: (aw - 20 * (n - 1)) / n, h }));
  const stacked = [...wanted].reverse().map((s, i) => ({ ...s, x: x0, y: y0 + (i * (h + 28)) / n, w: aw, h: (h - 28 * (n - 1)) / n }));
  const scaleOf = (l: typeof stacked) => Math.min(...l.map((s) => Math.min(s.w / (s.win.maxX - s.win.minX), s.h / (s.win.maxY - s.win.minY))));
  const chosen = n > 0 && scaleOf(stacked) > scaleOf(sideBySide) ? stacked : sideBySide;
  const insets = chosen.map((s, i) => {
    const letter = 'AB'[i]!;
    return { letter, p: panel(`inset-${s.j.toLowerCase()}`, `${letter} · ${s.j} yard (enlarged)`, s.x, s.y, s.w, s.h, s.win, true) };
  });
  return { overview, insets };
}

function footer(map: IgvMap): string {
  const km = map.lanes.reduce((s, l) => s + l.lengthMm, 0) / 1e6;
  const byKind = STATION_KINDS.map((k) => [k, map.stations.filter((s) => s.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${n === 1 ? STATION_STYLE[k].one : STATION_STYLE[k].many}`);
  return `${map.lanes.length} lanes, ${km.toFixed(2)} km of lane in total · ${map.stations.length} stations: ${byKind.join(', ') || 'none'}`;
}

function drawPanel(p: Panel, scene: Scene, marks: { p: Panel; letter: string }[]): string {
  const out: string[] = [`<g id="${p.id}" class="panel">`];
  out.push(`<text x="${f(p.x)}" y="${f(p.y - 7)}" font-size="13" font-weight="bold">${esc(p.title)}</text>`);
  out.push(`<clipPath id="clip-${p.id}"><rect x="${f(p.x)}" y="${f(p.y)}" width="${f(p.w)}" height="${f(p.h)}"/></clipPath>`);
  out.push(`<rect x="${f(p.x)}" y="${f(p.y)}" width="${f(p.w)}" height="${f(p.h)}" fill="#fbfbf8" stroke="#999"/>`);
  out.push(`<g clip-path="url(#clip-${p.id})">`);
  const { river } = scene;
  if (river) {
    const y1 = sy(p, river.maxY);
    const y2 = sy(p, river.minY);
    out.push(`<rect class="river" x="${f(p.x)}" y="${f(y1)}" width="${f(p.w)}" height="${f(y2 - y1)}" fill="#dbeafe"/>`);
    const ly = Math.min(Math.max((y1 + y2) / 2, p.y + 14), p.y + p.h - 40);
    if (y2 > p.y && y1 < p.y + p.h) out.push(`<text x="${f(p.x + 6)}" y="${f(ly)}" font-size="11" font-style="italic" fill="#1d4ed8">river (bridge span)</text>`);
  }
  for (const m of marks) {
    const x = sx(p, m.p.minX);
    const y = sy(p, m.p.maxY);
    const w = m.p.w * (p.k / m.p.k);
    const h = m.p.h * (p.k / m.p.k);
    out.push(`<rect class="inset-window" x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" fill="none" stroke="#111" stroke-dasharray="4 3"/>`);
    // the window may reach past the overview's edge; keep its letter inside
    out.push(`<text x="${f(Math.max(x, p.x) + 4)}" y="${f(Math.max(y, p.y) + 14)}" font-size="12" font-weight="bold">${m.letter}</text>`);
  }
  out.push(...drawLanes(p, scene));
  out.push(...drawBorder(p, scene));
  out.push(...drawStations(p, scene));
  out.push('</g>');
  out.push(scaleBar(p.x + 12, p.y + p.h - 10, p.k * 1000, Math.min(180, p.w * 0.45)));
  out.push(northArrow(p.x + p.w - 18, p.y + 30, 12));
  out.push('</g>');
  return out.join('\n');
}

function visible(p: Panel, b: Box): boolean {
  const maxX = p.minX + p.w / p.k;
  const minY = p.maxY - p.h / p.k;
  return b.maxX >= p.minX && b.minX <= maxX && b.maxY >= minY && b.minY <= p.maxY;
}

function drawLanes(p: Panel, scene: Scene): string[] {
  const out: string[] = [];
  const lines = p.detail ? scene.lines.filter((l) => visible(p, l.box)) : scene.lines;
  const d = (pts: readonly Point[]) => pts.map((q, i) => `${i ? 'L' : 'M'}${f(sx(p, q[0]))} ${f(sy(p, q[1]))}`).join(' ');
  if (p.detail) {
    // the drivable width at true scale, under the centre lines
    for (const { lane, pts } of lines) {
      out.push(`<path class="road" d="${d(pts)}" fill="none" stroke="#e5e7eb" stroke-width="${f(Math.max(lane.widthMm * p.k, 1))}" stroke-linejoin="round"/>`);
    }
  }
  const sw = p.detail ? 2 : 1.3;
  for (const { lane, pts } of lines) {
    const dash = lane.singleTrackWith ? ` stroke-dasharray="${p.detail ? '7 4' : '4 3'}"` : '';
    out.push(
      `<path class="lane" data-lane="${esc(lane.id)}" d="${d(pts)}" fill="none" stroke="${LANE_COLOURS[lane.kind]}" stroke-width="${sw}"${dash} stroke-linejoin="round">` +
        `<title>${esc(`${lane.id}${lane.name ? ` ${lane.name}` : ''}: ${lane.kind}, ${lane.jurisdiction}, ${lane.lengthMm / 1000} m`)}</title></path>`,
    );
  }
  const size = p.detail ? 6 : 4;
  for (const { lane, pts } of lines) {
    const line = measurePolyline(pts);
    if (line.length * p.k < size * 5) continue; // an arrow on a stub hides the stub
    const pose = poseAt(line, line.length / 2);
    out.push(arrowHead(sx(p, pose.x), sy(p, pose.y), -pose.heading, size, LANE_COLOURS[lane.kind]));
  }
  return out;
}

function drawBorder(p: Panel, scene: Scene): string[] {
  const b = scene.map.borderLine;
  if (!b) return [];
  const [ax, ay] = [sx(p, b.a[0]), sy(p, b.a[1])];
  const [bx, by] = [sx(p, b.b[0]), sy(p, b.b[1])];
  // Which side is CN: the side of the CN stations, else north.
  const cn = scene.map.stations
    .filter((s) => s.jurisdiction === 'CN')
    .flatMap((s) => s.nodes.map((id) => scene.nodes.get(id)))
    .filter((n): n is MapNode => n !== undefined);
  const nx = -(b.b[1] - b.a[1]);
  const ny = b.b[0] - b.a[0];
  const side = cn.length > 0 ? Math.sign(cn.reduce((s, n) => s + (n.x - b.a[0]) * nx + (n.y - b.a[1]) * ny, 0)) || 1 : Math.sign(ny) || 1;
  const len = Math.hypot(nx, ny) || 1;
  const [ux, uy] = [(side * nx) / len, (-side * ny) / len]; // screen unit normal toward CN
  const east = ax > bx ? [ax, ay] : [bx, by];
  const west = ax > bx ? [bx, by] : [ax, ay];
  const lx = Math.min(east[0]!, p.x + p.w - 70);
  const t = east[0] === west[0] ? 1 : (lx - west[0]!) / (east[0]! - west[0]!);
  const ly = west[1]! + t * (east[1]! - west[1]!);
  const off = 11;
  return [
    `<line class="border" x1="${f(ax)}" y1="${f(ay)}" x2="${f(bx)}" y2="${f(by)}" stroke="#dc2626" stroke-width="${p.detail ? 3 : 2}"/>`,
    `<g class="border-labels" font-size="12" font-weight="bold" fill="#dc2626">` +
      `<text x="${f(lx + 4 + ux * off)}" y="${f(ly + uy * off + 4)}">CN</text>` +
      `<text x="${f(lx + 4 - ux * off)}" y="${f(ly - uy * off + 4)}">VN</text>` +
      (b.name && p.detail ? `<text x="${f(lx + 28)}" y="${f(ly + 4)}" font-weight="normal" font-size="10">${esc(b.name)}</text>` : '') +
      `</g>`,
  ];
}

function drawStations(p: Panel, scene: Scene): string[] {
  const out: string[] = [];
  const r = p.detail ? 5 : 3;
  // Stations that share their stop node (a crane and the truck bay under it) sit side by side
  // and share one label.
  const groups = new Map<string, Station[]>();
  for (const s of scene.map.stations) {
    const key = s.nodes[0]!;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const labels: LabelRequest[] = [];
  const obstacles: Rect[] = [];
  for (const [anchor, members] of groups) {
    const a = scene.nodes.get(anchor);
    if (!a) continue;
    if (p.detail && !visible(p, { minX: a.x, maxX: a.x, minY: a.y, maxY: a.y })) continue;
    members.forEach((s, i) => {
      const dx = (i - (members.length - 1) / 2) * (2 * r + 2);
      const at = s.nodes.map((id) => scene.nodes.get(id)).filter((n): n is MapNode => n !== undefined);
      const symbols = at.map((n) => {
        obstacles.push({ x: sx(p, n.x) + dx - r, y: sy(p, n.y) - r, w: 2 * r, h: 2 * r });
        return stationSymbol(s.kind, sx(p, n.x) + dx, sy(p, n.y), r);
      });
      const title = `${s.name} (${s.id}): ${STATION_STYLE[s.kind].label}, ${s.jurisdiction}, capacity ${s.capacity}`;
      out.push(`<g class="station" data-station="${esc(s.id)}"><title>${esc(title)}</title>${symbols.join('')}</g>`);
    });
    const text = groupLabel(members);
    labels.push({ text, x: sx(p, a.x), y: sy(p, a.y), r: r * members.length + members.length });
  }
  if (p.detail) {
    const lines = scene.lines.filter((l) => visible(p, l.box)).map((l) => l.pts.map((q) => [sx(p, q[0]), sy(p, q[1])] as const));
    out.push(...placeLabels(labels, obstacles, lines, { x: p.x, y: p.y, w: p.w, h: p.h }, 10));
  }
  return out;
}

/** One label for stations at one stop: "crane+truck 1" when they share their number. */
function groupLabel(members: readonly Station[]): string {
  const names = members.map((s) => shortName(s.name, s.kind, s.jurisdiction));
  if (names.length === 1) return names[0]!;
  const split = names.map((n) => n.match(/^(.*?)\s*(\d+)$/));
  const num = split[0]?.[2];
  if (num !== undefined && split.every((m) => m?.[2] === num)) return `${split.map((m) => m![1]!.split(' ')[0]).join('+')} ${num}`;
  return names.join(' / ');
}
