/**
 * What the scene draws of the map, in metres of the map frame (x east, y north): lane centre
 * lines and road ribbons, direction marks, the bridge deck, the river, the border line, the
 * yards and the stations. Pure (no three, no DOM); the map itself is in millimetres.
 */
import type { IgvMap, Jurisdiction, LaneKind, StationKind } from '../../../maps/schema/map-schema.ts';
import { boxOf, measure, offsetLine, poseAlong, type Box, type Measured, type PointPose, type Pt } from './polyline.ts';

/** A lane's centre line (from-node, interior points, to-node) in metres. */
export interface LaneLine {
  readonly id: string;
  readonly kind: LaneKind;
  readonly jurisdiction: Jurisdiction;
  readonly widthM: number;
  /** Declared length (lengthMm / 1000): offsets in the feed are measured in it, not in the geometric length. */
  readonly lengthM: number;
  readonly line: Measured;
  readonly twin: string | null;
}

/** The two edges of a road ribbon: the centre line offset by ±width/2. */
export interface RibbonDraw {
  laneId: string;
  kind: LaneKind;
  left: Pt[];
  right: Pt[];
  /** A single track used both ways: drawn once for the pair. */
  twoWay: boolean;
}

export interface DirectionMark {
  laneId: string;
  kind: LaneKind;
  x: number;
  y: number;
  heading: number;
  twoWay: boolean;
}

/** A rectangle rotated by `heading` (direction of its `halfLength` axis), metres. */
export interface Quad {
  cx: number;
  cy: number;
  heading: number;
  halfLength: number;
  halfWidth: number;
  corners: [Pt, Pt, Pt, Pt];
}

export interface StationDraw {
  id: string;
  name: string;
  kind: StationKind;
  jurisdiction: Jurisdiction;
  /** Label position: centroid of the station's nodes. */
  x: number;
  y: number;
  /** Each stop node with the heading of the lane that arrives there. */
  stops: PointPose[];
}

export interface MapGeometry {
  lanes: ReadonlyMap<string, LaneLine>;
  ribbons: RibbonDraw[];
  marks: DirectionMark[];
  /** Deck of the lanes of kind 'bridge', widened to the border line where it crosses the deck. */
  bridge: Quad | null;
  /** A band along the border line, longer than the deck is wide and narrower than the bridge is long. */
  river: Quad | null;
  border: { a: Pt; b: Pt } | null;
  yards: Record<Jurisdiction, Box | null>;
  stations: StationDraw[];
  /** Everything on the map, padded. */
  bounds: Box;
}

/** Spacing of direction marks along a lane, m. */
export const MARK_SPACING_M = 25;

const linesCache = new WeakMap<IgvMap, ReadonlyMap<string, LaneLine>>();

/** Centre lines of every lane by id, in metres; computed once per map object. */
export function laneLines(map: IgvMap): ReadonlyMap<string, LaneLine> {
  const hit = linesCache.get(map);
  if (hit) return hit;
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const out = new Map<string, LaneLine>();
  for (const l of map.lanes) {
    const a = nodes.get(l.from);
    const b = nodes.get(l.to);
    if (!a || !b) continue; // a broken map is `igv map check`'s business; draw what can be drawn
    const pts: Pt[] = [[a.x / 1000, a.y / 1000], ...(l.polyline ?? []).map(([x, y]) => [x / 1000, y / 1000] as const), [b.x / 1000, b.y / 1000]];
    out.set(l.id, { id: l.id, kind: l.kind, jurisdiction: l.jurisdiction, widthM: l.widthMm / 1000, lengthM: l.lengthMm / 1000, line: measure(pts), twin: l.singleTrackWith ?? null });
  }
  linesCache.set(map, out);
  return out;
}

/** Centre line of one lane, metres, from-node first; null for an unknown lane. */
export function lanePolyline(map: IgvMap, laneId: string): readonly Pt[] | null {
  return laneLines(map).get(laneId)?.line.points ?? null;
}

/** Whether this lane is the one drawn for its single-track pair (the pair is drawn once). */
function drawnOfPair(l: LaneLine, lines: ReadonlyMap<string, LaneLine>): boolean {
  return l.twin === null || !lines.has(l.twin) || l.id < l.twin;
}

export function mapGeometry(map: IgvMap): MapGeometry {
  const lanes = laneLines(map);
  const ribbons: RibbonDraw[] = [];
  const marks: DirectionMark[] = [];
  for (const l of lanes.values()) {
    if (!drawnOfPair(l, lanes)) continue;
    const twoWay = l.twin !== null && lanes.has(l.twin);
    const half = l.widthM / 2;
    ribbons.push({ laneId: l.id, kind: l.kind, left: offsetLine(l.line.points, half), right: offsetLine(l.line.points, -half), twoWay });
    marks.push(...directionMarks(l, twoWay));
  }
  const allPts = [...lanes.values()].flatMap((l) => l.line.points);
  const bounds = boxOf(allPts, 20) ?? { minX: -50, minY: -50, maxX: 50, maxY: 50 };
  const border = map.borderLine ? { a: mm(map.borderLine.a), b: mm(map.borderLine.b) } : null;
  const bridgeLanes = [...lanes.values()].filter((l) => l.kind === 'bridge');
  const bridge = deckOf(bridgeLanes, border);
  return {
    lanes,
    ribbons,
    marks,
    bridge,
    river: border ? riverOf(border, bridge, bounds) : null,
    border,
    yards: { VN: yardBox(lanes, 'VN'), CN: yardBox(lanes, 'CN') },
    stations: stationDraws(map, lanes),
    bounds,
  };
}

function mm(p: readonly [number, number]): Pt {
  return [p[0] / 1000, p[1] / 1000];
}

function directionMarks(l: LaneLine, twoWay: boolean): DirectionMark[] {
  const len = l.line.length;
  if (len < 4) return [];
  const n = Math.max(1, Math.floor(len / MARK_SPACING_M));
  const out: DirectionMark[] = [];
  for (let i = 0; i < n; i++) {
    const p = poseAlong(l.line, ((i + 0.5) * len) / n);
    out.push({ laneId: l.id, kind: l.kind, x: p.x, y: p.y, heading: p.heading, twoWay });
  }
  return out;
}

/** A rectangle along unit axis (ux, uy) that holds `pts`, each with its own sideways half-width. */
function quadAround(pts: readonly { p: Pt; halfW: number }[], ux: number, uy: number, minHalfLength = 0, fixedHalfWidth?: number): Quad {
  const vx = -uy;
  const vy = ux;
  let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
  for (const { p, halfW } of pts) {
    const u = p[0] * ux + p[1] * uy;
    const v = p[0] * vx + p[1] * vy;
    u0 = Math.min(u0, u);
    u1 = Math.max(u1, u);
    v0 = Math.min(v0, v - halfW);
    v1 = Math.max(v1, v + halfW);
  }
  const cu = (u0 + u1) / 2;
  const cv = (v0 + v1) / 2;
  const hl = Math.max((u1 - u0) / 2, minHalfLength);
  const hw = fixedHalfWidth ?? (v1 - v0) / 2;
  const at = (su: number, sv: number): Pt => [(cu + su) * ux + (cv + sv) * vx, (cu + su) * uy + (cv + sv) * vy];
  return { cx: cu * ux + cv * vx, cy: cu * uy + cv * vy, heading: Math.atan2(uy, ux), halfLength: hl, halfWidth: hw, corners: [at(-hl, -hw), at(hl, -hw), at(hl, hw), at(-hl, hw)] };
}

function deckOf(bridgeLanes: readonly LaneLine[], border: { a: Pt; b: Pt } | null): Quad | null {
  const first = bridgeLanes[0];
  if (!first) return null;
  const [a, b] = [first.line.points[0]!, first.line.points[first.line.points.length - 1]!];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  const ux = (b[0] - a[0]) / len;
  const uy = (b[1] - a[1]) / len;
  const pts = bridgeLanes.flatMap((l) => l.line.points.map((p) => ({ p, halfW: l.widthM / 2 })));
  const lanesOnly = quadAround(pts, ux, uy);
  if (border) {
    // The border line spans the deck where it crosses it: it says how wide the deck is.
    const mid: Pt = [(border.a[0] + border.b[0]) / 2, (border.a[1] + border.b[1]) / 2];
    const du = (mid[0] - lanesOnly.cx) * ux + (mid[1] - lanesOnly.cy) * uy;
    if (Math.abs(du) <= lanesOnly.halfLength) pts.push({ p: border.a, halfW: 0 }, { p: border.b, halfW: 0 });
  }
  return quadAround(pts, ux, uy);
}

function riverOf(border: { a: Pt; b: Pt }, bridge: Quad | null, bounds: Box): Quad {
  const len = Math.hypot(border.b[0] - border.a[0], border.b[1] - border.a[1]) || 1;
  const ux = (border.b[0] - border.a[0]) / len;
  const uy = (border.b[1] - border.a[1]) / len;
  const mid: Pt = [(border.a[0] + border.b[0]) / 2, (border.a[1] + border.b[1]) / 2];
  // Across the river: stop short of both bridge ends, so the bridge visibly lands on both banks.
  let halfWidth = 60;
  if (bridge) {
    const bx = Math.cos(bridge.heading);
    const by = Math.sin(bridge.heading);
    const along = (mid[0] - bridge.cx) * bx + (mid[1] - bridge.cy) * by;
    const toEnd = Math.min(bridge.halfLength - along, bridge.halfLength + along);
    const cross = Math.abs(bx * -uy + by * ux) || 1; // bridge axis against the river's normal
    if (toEnd > 0) halfWidth = 0.8 * toEnd * cross;
  }
  // Along the river: past the map on both sides.
  const span = Math.hypot(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY);
  const q = quadAround([{ p: mid, halfW: 0 }], ux, uy, span, halfWidth);
  return q;
}

function yardBox(lanes: ReadonlyMap<string, LaneLine>, j: Jurisdiction): Box | null {
  const pts: Pt[] = [];
  for (const l of lanes.values()) if (l.jurisdiction === j && (l.kind === 'yard' || l.kind === 'dock')) pts.push(...l.line.points);
  return boxOf(pts, 10);
}

function stationDraws(map: IgvMap, lanes: ReadonlyMap<string, LaneLine>): StationDraw[] {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const arriving = new Map<string, LaneLine>();
  const leaving = new Map<string, LaneLine>();
  for (const l of map.lanes) {
    const line = lanes.get(l.id);
    if (!line) continue;
    if (!arriving.has(l.to)) arriving.set(l.to, line);
    if (!leaving.has(l.from)) leaving.set(l.from, line);
  }
  const out: StationDraw[] = [];
  for (const s of map.stations) {
    const stops: PointPose[] = [];
    for (const id of s.nodes) {
      const n = nodes.get(id);
      if (!n) continue;
      const inL = arriving.get(id);
      const outL = leaving.get(id);
      const heading = inL ? poseAlong(inL.line, inL.line.length).heading : outL ? poseAlong(outL.line, 0).heading : 0;
      stops.push({ x: n.x / 1000, y: n.y / 1000, heading });
    }
    if (stops.length === 0) continue;
    const x = stops.reduce((a, p) => a + p.x, 0) / stops.length;
    const y = stops.reduce((a, p) => a + p.y, 0) / stops.length;
    out.push({ id: s.id, name: s.name, kind: s.kind, jurisdiction: s.jurisdiction, x, y, stops });
  }
  return out;
}
