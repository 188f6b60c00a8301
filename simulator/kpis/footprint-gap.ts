/**
 * The smallest distance between any two vehicle footprints at one instant, m (0 when two touch).
 * Grid-bucketed so it stays cheap for hundreds of vehicles; pairs further apart than `reachM`
 * are not measured.
 */
import { segmentDistance } from '../../maps/schema/lane-geometry.ts';
import type { Point } from '../../maps/schema/map-schema.ts';

export interface Footprint {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly lengthM: number;
  readonly widthM: number;
}

export function corners(f: Footprint): Point[] {
  const c = Math.cos(f.heading);
  const s = Math.sin(f.heading);
  const hl = f.lengthM / 2;
  const hw = f.widthM / 2;
  return [
    [f.x + c * hl - s * hw, f.y + s * hl + c * hw],
    [f.x + c * hl + s * hw, f.y + s * hl - c * hw],
    [f.x - c * hl + s * hw, f.y - s * hl - c * hw],
    [f.x - c * hl - s * hw, f.y - s * hl + c * hw],
  ];
}

export function minFootprintGap(prints: readonly Footprint[], reachM = 40): number {
  const cell = reachM;
  const grid = new Map<string, number[]>();
  prints.forEach((f, i) => {
    const key = `${Math.floor(f.x / cell)},${Math.floor(f.y / cell)}`;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });
  const polys = prints.map(corners);
  let min = Infinity;
  prints.forEach((f, i) => {
    const gx = Math.floor(f.x / cell);
    const gy = Math.floor(f.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${gx + dx},${gy + dy}`) ?? []) {
          if (j <= i) continue;
          const g = prints[j]!;
          // Rectangles whose centres are further apart than their half-diagonals plus the best
          // gap so far cannot improve it.
          const reach = Math.hypot(f.lengthM, f.widthM) / 2 + Math.hypot(g.lengthM, g.widthM) / 2 + Math.min(min, reachM);
          if (Math.hypot(f.x - g.x, f.y - g.y) > reach) continue;
          min = Math.min(min, polygonDistance(polys[i]!, polys[j]!));
        }
      }
    }
  });
  return min;
}

function polygonDistance(a: readonly Point[], b: readonly Point[]): number {
  if (inside(a[0]!, b) || inside(b[0]!, a)) return 0;
  let min = Infinity;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      min = Math.min(min, segmentDistance(a[i]!, a[(i + 1) % a.length]!, b[j]!, b[(j + 1) % b.length]!));
    }
  }
  return min;
}

function inside(p: Point, poly: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    const s = Math.sign(cross);
    if (s === 0) continue;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}
