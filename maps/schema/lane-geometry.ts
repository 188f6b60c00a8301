/**
 * Centre-line geometry of lanes. Pure functions, no I/O: the engine core uses them too.
 * Coordinates are millimetres; results that are lengths are in millimetres (not rounded unless
 * the name says so); angles are radians, counter-clockwise from the x axis.
 */
import type { IgvMap, Lane, MapNode, Point } from './map-schema.ts';

/** Full centre line of a lane: from-node, interior points, to-node. */
export function lanePoints(lane: Lane, nodesById: ReadonlyMap<string, MapNode>): Point[] {
  const a = nodesById.get(lane.from);
  const b = nodesById.get(lane.to);
  if (!a || !b) throw new Error(`[lane-geometry] lane ${lane.id} refers to a missing node [${lane.from} → ${lane.to}]`);
  return [[a.x, a.y], ...(lane.polyline ?? []), [b.x, b.y]];
}

export function nodeIndex(map: Pick<IgvMap, 'nodes'>): Map<string, MapNode> {
  return new Map(map.nodes.map((n) => [n.id, n]));
}

export function polylineLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    total += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  }
  return total;
}

export interface Pose {
  /** mm */
  x: number;
  /** mm */
  y: number;
  /** radians, direction of travel */
  heading: number;
}

/**
 * A polyline prepared for repeated "where am I at distance s" queries: cumulative lengths are
 * computed once. `s` is clamped to [0, length].
 */
export interface MeasuredPolyline {
  readonly points: readonly Point[];
  readonly cumulative: readonly number[];
  readonly length: number;
}

export function measurePolyline(points: readonly Point[]): MeasuredPolyline {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1]! + Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]));
  }
  return { points, cumulative, length: cumulative[cumulative.length - 1]! };
}

export function poseAt(line: MeasuredPolyline, s: number): Pose {
  const { points, cumulative } = line;
  const d = Math.min(Math.max(s, 0), line.length);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= d) lo = mid;
    else hi = mid;
  }
  const p = points[lo]!;
  const q = points[hi]!;
  const seg = cumulative[hi]! - cumulative[lo]!;
  const t = seg > 0 ? (d - cumulative[lo]!) / seg : 0;
  return { x: p[0] + (q[0] - p[0]) * t, y: p[1] + (q[1] - p[1]) * t, heading: Math.atan2(q[1] - p[1], q[0] - p[0]) };
}

/**
 * Radius of the circle through three points (mm); Infinity when they are collinear.
 * Used to estimate the tightest curve on a centre line.
 */
export function circumradius(a: Point, b: Point, c: Point): number {
  const ab = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const bc = Math.hypot(c[0] - b[0], c[1] - b[1]);
  const ca = Math.hypot(a[0] - c[0], a[1] - c[1]);
  const cross = Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  if (cross < 1e-9) return Infinity;
  return (ab * bc * ca) / (2 * cross);
}

/** Smallest circumradius over consecutive point triples of a centre line (mm). */
export function minCurveRadius(points: readonly Point[]): number {
  let min = Infinity;
  for (let i = 2; i < points.length; i++) min = Math.min(min, circumradius(points[i - 2]!, points[i - 1]!, points[i]!));
  return min;
}

/** Shortest distance between segments pq and rs (mm). */
export function segmentDistance(p: Point, q: Point, r: Point, s: Point): number {
  if (segmentsIntersect(p, q, r, s)) return 0;
  return Math.min(pointSegmentDistance(p, r, s), pointSegmentDistance(q, r, s), pointSegmentDistance(r, p, q), pointSegmentDistance(s, p, q));
}

export function pointSegmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function orient(a: Point, b: Point, c: Point): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function onSegment(a: Point, b: Point, c: Point): boolean {
  return Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
}

export function segmentsIntersect(p: Point, q: Point, r: Point, s: Point): boolean {
  const o1 = orient(p, q, r);
  const o2 = orient(p, q, s);
  const o3 = orient(r, s, p);
  const o4 = orient(r, s, q);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(p, q, r)) || (o2 === 0 && onSegment(p, q, s)) || (o3 === 0 && onSegment(r, s, p)) || (o4 === 0 && onSegment(r, s, q));
}

/** Shortest distance between two polylines (mm). */
export function polylineDistance(a: readonly Point[], b: readonly Point[]): number {
  let min = Infinity;
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      min = Math.min(min, segmentDistance(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!));
      if (min === 0) return 0;
    }
  }
  return min;
}

/**
 * True when two polylines come closer than `limit` (mm). Cheaper than `polylineDistance`:
 * segment pairs whose boxes are further apart than the limit are skipped, and it stops at the
 * first close pair.
 */
export function polylinesWithin(a: readonly Point[], b: readonly Point[], limit: number): boolean {
  for (let i = 1; i < a.length; i++) {
    const p = a[i - 1]!;
    const q = a[i]!;
    const ax0 = Math.min(p[0], q[0]) - limit, ax1 = Math.max(p[0], q[0]) + limit;
    const ay0 = Math.min(p[1], q[1]) - limit, ay1 = Math.max(p[1], q[1]) + limit;
    for (let j = 1; j < b.length; j++) {
      const r = b[j - 1]!;
      const s = b[j]!;
      if (Math.max(r[0], s[0]) < ax0 || Math.min(r[0], s[0]) > ax1 || Math.max(r[1], s[1]) < ay0 || Math.min(r[1], s[1]) > ay1) continue;
      if (segmentDistance(p, q, r, s) < limit) return true;
    }
  }
  return false;
}

/** Cut a measured polyline to the piece between distances s0 and s1 (mm). */
export function subPolyline(line: MeasuredPolyline, s0: number, s1: number): Point[] {
  const a = poseAt(line, s0);
  const b = poseAt(line, s1);
  const out: Point[] = [[a.x, a.y]];
  for (let i = 0; i < line.points.length; i++) {
    const c = line.cumulative[i]!;
    if (c > s0 && c < s1) out.push(line.points[i]!);
  }
  out.push([b.x, b.y]);
  return out;
}
