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

/**
 * What the last call saw, so the next one (one tick later, most vehicles where they were) redoes
 * only what moved: the grid candidates when no print changed grid cell, the corners and the
 * distance of every pair whose two prints are unchanged. The answer is exactly the one worked out
 * afresh: the same pairs are looked at in the same order.
 */
interface Seen {
  readonly prints: readonly Footprint[];
  readonly reachM: number;
  readonly cellX: readonly number[];
  readonly cellY: readonly number[];
  readonly candidates: readonly (readonly number[])[];
  readonly polys: readonly Point[][];
  /** Distance of pair (i, j), i < j, at i * n + j, for the pairs measured (NaN for the others). */
  readonly dist: Float64Array;
  readonly min: number;
}

let seen: Seen | null = null;

export function minFootprintGap(prints: readonly Footprint[], reachM = 40): number {
  const cell = reachM;
  const n = prints.length;
  const last = seen && seen.prints.length === n && seen.reachM === reachM ? seen : null;
  const cellX: number[] = [];
  const cellY: number[] = [];
  let sameCells = last !== null;
  const same: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const f = prints[i]!;
    const gx = Math.floor(f.x / cell);
    const gy = Math.floor(f.y / cell);
    cellX.push(gx);
    cellY.push(gy);
    if (last && (last.cellX[i] !== gx || last.cellY[i] !== gy)) sameCells = false;
    const before = last?.prints[i];
    same.push(before !== undefined && before.x === f.x && before.y === f.y && before.heading === f.heading && before.lengthM === f.lengthM && before.widthM === f.widthM);
  }
  // Nothing moved: the same pairs give the same answer.
  if (last && sameCells && same.every(Boolean)) return last.min;
  const candidates = sameCells && last ? last.candidates : gridCandidates(cellX, cellY);
  const polys = prints.map((f, i) => (same[i] && last ? last.polys[i]! : corners(f)));
  const halfDiagonal = prints.map((f) => Math.hypot(f.lengthM, f.widthM) / 2);
  const dist = new Float64Array(n * n).fill(NaN);
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const f = prints[i]!;
    const near = candidates[i]!;
    for (let q = 0; q < near.length; q++) {
      const j = near[q]!;
      const g = prints[j]!;
      // Rectangles whose centres are further apart than their half-diagonals plus the best
      // gap so far cannot improve it.
      const reach = halfDiagonal[i]! + halfDiagonal[j]! + Math.min(min, reachM);
      if (Math.hypot(f.x - g.x, f.y - g.y) > reach) continue;
      const key = i * n + j;
      let d = same[i] && same[j] && last ? last.dist[key]! : NaN;
      if (Number.isNaN(d)) d = polygonDistance(polys[i]!, polys[j]!);
      dist[key] = d;
      min = Math.min(min, d);
    }
  }
  seen = { prints: prints.map((f) => ({ x: f.x, y: f.y, heading: f.heading, lengthM: f.lengthM, widthM: f.widthM })), reachM, cellX, cellY, candidates, polys, dist, min };
  return min;
}

/** For each print, the later prints (j > i) in its grid cell and the eight around it, in grid order. */
function gridCandidates(cellX: readonly number[], cellY: readonly number[]): number[][] {
  // One number per grid cell (exact for any site under 40 000 km across), else a string.
  const small = cellX.every((g) => Math.abs(g) < 1 << 20) && cellY.every((g) => Math.abs(g) < 1 << 20);
  const key = small ? (gx: number, gy: number): number | string => (gx + 2 ** 21) * 2 ** 23 + (gy + 2 ** 21) : (gx: number, gy: number): number | string => `${gx},${gy}`;
  const grid = new Map<number | string, number[]>();
  cellX.forEach((gx, i) => {
    const k = key(gx, cellY[i]!);
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  return cellX.map((gx, i) => {
    const gy = cellY[i]!;
    const out: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(key(gx + dx, gy + dy)) ?? []) if (j > i) out.push(j);
      }
    }
    return out;
  });
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
