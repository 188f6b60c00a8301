/**
 * Polyline arithmetic for the view model, in metres of the map frame. Pure: the scene and the
 * draw lists share it, and it runs under vitest in node.
 */

export type Pt = readonly [number, number];

/** A polyline with cumulative lengths, for repeated "where is distance s" queries. */
export interface Measured {
  readonly points: readonly Pt[];
  readonly cumulative: readonly number[];
  /** Geometric length, m. */
  readonly length: number;
}

export interface PointPose {
  x: number;
  y: number;
  /** rad, CCW from +x, direction of the polyline at that point */
  heading: number;
}

export function measure(points: readonly Pt[]): Measured {
  const cumulative = [0];
  let acc = 0;
  for (let i = 1; i < points.length; i++) {
    acc += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
    cumulative.push(acc);
  }
  return { points, cumulative, length: acc };
}

/** Index of the segment [i, i+1] holding distance d (already clamped). */
function segmentAt(line: Measured, d: number): number {
  const c = line.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! <= d) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Point and heading at distance `s` along the line (clamped to [0, length]). */
export function poseAlong(line: Measured, s: number): PointPose {
  const pts = line.points;
  if (pts.length === 1) return { x: pts[0]![0], y: pts[0]![1], heading: 0 };
  const d = Math.min(Math.max(s, 0), line.length);
  const i = segmentAt(line, d);
  const p = pts[i]!;
  const q = pts[i + 1]!;
  const seg = line.cumulative[i + 1]! - line.cumulative[i]!;
  const t = seg > 0 ? (d - line.cumulative[i]!) / seg : 0;
  return { x: p[0] + (q[0] - p[0]) * t, y: p[1] + (q[1] - p[1]) * t, heading: Math.atan2(q[1] - p[1], q[0] - p[0]) };
}

/** The part of the line between distances a ≤ b (clamped), end points included. */
export function slice(line: Measured, a: number, b: number): Pt[] {
  const lo = Math.min(Math.max(a, 0), line.length);
  const hi = Math.min(Math.max(b, lo), line.length);
  const start = poseAlong(line, lo);
  const out: Pt[] = [[start.x, start.y]];
  for (let i = 0; i < line.points.length; i++) {
    const c = line.cumulative[i]!;
    if (c > lo && c < hi) out.push(line.points[i]!);
  }
  const end = poseAlong(line, hi);
  out.push([end.x, end.y]);
  return out;
}

/** Appends `pts` to `out`, dropping a first point that repeats the last one already there. */
export function appendJoined(out: Pt[], pts: readonly Pt[]): void {
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0] - p[0]) < 1e-6 && Math.abs(last[1] - p[1]) < 1e-6) continue;
    out.push(p);
  }
}

/**
 * The line shifted sideways by `d` metres (positive = left of the direction of travel), with
 * mitred joins whose length is capped at 3·|d| so that a sharp turn does not spike.
 */
export function offsetLine(points: readonly Pt[], d: number): Pt[] {
  const n = points.length;
  const out: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const prev = points[Math.max(0, i - 1)]!;
    const next = points[Math.min(n - 1, i + 1)]!;
    const here = points[i]!;
    const n1 = unitNormal(i > 0 ? prev : here, i > 0 ? here : next);
    const n2 = unitNormal(i < n - 1 ? here : prev, i < n - 1 ? next : here);
    let mx = n1[0] + n2[0];
    let my = n1[1] + n2[1];
    const ml = Math.hypot(mx, my);
    if (ml < 1e-9) {
      mx = n1[0];
      my = n1[1];
    } else {
      mx /= ml;
      my /= ml;
    }
    const cos = mx * n1[0] + my * n1[1];
    const scale = Math.min(1 / Math.max(cos, 1e-6), 3);
    out.push([here[0] + mx * d * scale, here[1] + my * d * scale]);
  }
  return out;
}

function unitNormal(a: Pt, b: Pt): Pt {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l = Math.hypot(dx, dy);
  return l > 0 ? [-dy / l, dx / l] : [0, 0];
}

/** Axis-aligned box, metres. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boxOf(points: Iterable<Pt>, pad = 0): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (minX > maxX) return null;
  return { minX: minX - pad, minY: minY - pad, maxX: maxX + pad, maxY: maxY + pad };
}
