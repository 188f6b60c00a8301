/**
 * Rule 10: lanes keep apart, or meet in a declared way. Two lanes that share no node, are not
 * single-track twins and are not in one `crossing` zone must be (widthA + widthB)/2 + 500 mm apart;
 * two lanes whose centre lines cross away from a shared node must be listed in a `crossing` zone.
 *
 * Segments are bucketed in a uniform grid so only nearby segments are compared: maps have a few
 * thousand segments, and comparing all pairs would be millions of distance computations.
 */
import type { Point } from '../../schema/map-schema.ts';
import { segmentDistance, segmentsIntersect } from '../../schema/lane-geometry.ts';
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import { areTwins, fmtMm, type MapContext } from './context.ts';
import { segmentIntersection } from './intersections.ts';

/** Clearance (mm) between the edges of two lanes' drivable widths. */
export const LANE_CLEARANCE_MM = 500;
/** Grid cell size (mm). */
const CELL_MM = 50_000;
/** An intersection this close (mm) to a node both lanes share is that junction, not a crossing. */
const SHARED_NODE_TOLERANCE_MM = 1;

interface Segment {
  lane: number;
  p: Point;
  q: Point;
}

interface PairResult {
  minDistance: number;
  crosses: boolean;
  /** Twins, or listed together in a crossing zone: neither spacing nor crossing applies. */
  exempt: boolean;
  /** Positions of the nodes both lanes touch; spacing applies only when there are none. */
  shared: Point[];
}

/** Minimum centre-line distance (mm) two lanes must keep. */
export function requiredClearanceMm(widthA: number, widthB: number): number {
  return (widthA + widthB) / 2 + LANE_CLEARANCE_MM;
}

/** Rule 10; one issue per lane pair, reported at the later lane, ordered by that lane, then the other. */
export function checkSpacing(ctx: MapContext): MapIssue[] {
  const { map } = ctx;
  const segments: Segment[] = [];
  let maxWidth = 0;
  ctx.points.forEach((pts, lane) => {
    if (!pts) return;
    maxWidth = Math.max(maxWidth, map.lanes[lane]!.widthMm);
    for (let k = 1; k < pts.length; k++) segments.push({ lane, p: pts[k - 1]!, q: pts[k]! });
  });
  const crossingPairs = crossingZonePairs(ctx);
  const pairs = new Map<number, PairResult>();
  const nLanes = map.lanes.length;
  const box = expandedBoxes(segments, requiredClearanceMm(maxWidth, maxWidth) / 2);
  for (const [cellKey, bucket] of buildGrid(box)) {
    const [cx, cy] = cellKey.split(',').map(Number) as [number, number];
    for (let x = 0; x < bucket.length; x++) {
      const si = bucket[x]!;
      for (let y = x + 1; y < bucket.length; y++) {
        const ti = bucket[y]!;
        const s = segments[si]!;
        const t = segments[ti]!;
        if (s.lane === t.lane) continue;
        // Boxes grown by half the largest clearance: apart boxes mean apart segments.
        const x0 = Math.max(box[4 * si]!, box[4 * ti]!);
        const y0 = Math.max(box[4 * si + 1]!, box[4 * ti + 1]!);
        if (x0 > Math.min(box[4 * si + 2]!, box[4 * ti + 2]!) || y0 > Math.min(box[4 * si + 3]!, box[4 * ti + 3]!)) continue;
        // A pair shares several cells; only the cell holding the overlap's low corner handles it.
        if (Math.floor(x0 / CELL_MM) !== cx || Math.floor(y0 / CELL_MM) !== cy) continue;
        const [a, b] = s.lane < t.lane ? [s, t] : [t, s];
        const pairKey = a.lane * nLanes + b.lane;
        let result = pairs.get(pairKey);
        if (!result) {
          const exempt = areTwins(map.lanes[a.lane]!, map.lanes[b.lane]!) || crossingPairs.has(pairKey);
          result = { minDistance: Infinity, crosses: false, exempt, shared: sharedNodePoints(ctx, a.lane, b.lane) };
          pairs.set(pairKey, result);
        }
        if (result.exempt) continue;
        if (result.shared.length === 0 && result.minDistance > 0) {
          result.minDistance = Math.min(result.minDistance, segmentDistance(a.p, a.q, b.p, b.q));
        }
        if (!result.crosses && segmentsIntersect(a.p, a.q, b.p, b.q)) {
          const shared = result.shared;
          const where = segmentIntersection(a.p, a.q, b.p, b.q);
          result.crosses = where.some((w) => !shared.some((n) => Math.hypot(w[0] - n[0], w[1] - n[1]) <= SHARED_NODE_TOLERANCE_MM));
        }
      }
    }
  }
  const issues: MapIssue[] = [];
  // Ordered by the reported (higher) lane, then by the other one.
  const byReportedLane = (k: number) => (k % nLanes) * nLanes + Math.floor(k / nLanes);
  for (const key of [...pairs.keys()].sort((x, y) => byReportedLane(x) - byReportedLane(y))) {
    const r = pairs.get(key)!;
    if (r.exempt) continue;
    const laneA = map.lanes[Math.floor(key / nLanes)]!;
    const j = key % nLanes;
    const laneB = map.lanes[j]!;
    const need = requiredClearanceMm(laneA.widthMm, laneB.widthMm);
    if (r.crosses) {
      issues.push(mapIssue(MapIssueCode.Spacing, `$.lanes[${j}]`, `lanes ${laneA.id} and ${laneB.id} cross away from a shared node but are not listed together in a conflict zone of kind [crossing]`));
    } else if (r.minDistance < need) {
      issues.push(
        mapIssue(
          MapIssueCode.Spacing,
          `$.lanes[${j}]`,
          `lanes ${laneA.id} and ${laneB.id} are [${fmtMm(Math.round(r.minDistance))} mm] apart, less than the [${fmtMm(need)} mm] their widths need`,
        ),
      );
    }
  }
  return issues;
}

/** Per segment, its bounding box grown by `margin` (mm): [minX, minY, maxX, maxY] at 4·index. */
function expandedBoxes(segments: readonly Segment[], margin: number): Float64Array {
  const box = new Float64Array(segments.length * 4);
  segments.forEach((s, i) => {
    box[4 * i] = Math.min(s.p[0], s.q[0]) - margin;
    box[4 * i + 1] = Math.min(s.p[1], s.q[1]) - margin;
    box[4 * i + 2] = Math.max(s.p[0], s.q[0]) + margin;
    box[4 * i + 3] = Math.max(s.p[1], s.q[1]) + margin;
  });
  return box;
}

/**
 * Segment indices per grid cell, by grown bounding box: any two segments closer than the largest
 * clearance share at least one cell.
 */
function buildGrid(box: Float64Array): Map<string, number[]> {
  const grid = new Map<string, number[]>();
  for (let idx = 0; idx < box.length / 4; idx++) {
    const x0 = Math.floor(box[4 * idx]! / CELL_MM);
    const y0 = Math.floor(box[4 * idx + 1]! / CELL_MM);
    const x1 = Math.floor(box[4 * idx + 2]! / CELL_MM);
    const y1 = Math.floor(box[4 * idx + 3]! / CELL_MM);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = `${cx},${cy}`;
        const cell = grid.get(key);
        if (cell) cell.push(idx);
        else grid.set(key, [idx]);
      }
    }
  }
  return grid;
}

/** Lane-index pairs (lower * nLanes + higher) listed together in some `crossing` zone. */
function crossingZonePairs(ctx: MapContext): Set<number> {
  const n = ctx.map.lanes.length;
  const out = new Set<number>();
  for (const zone of ctx.map.conflictZones) {
    if (zone.kind !== 'crossing') continue;
    const idx = zone.lanes.map((id) => ctx.laneIndexById.get(id)).filter((i): i is number => i !== undefined);
    for (const a of idx) for (const b of idx) if (a < b) out.add(a * n + b);
  }
  return out;
}

/** Positions of the nodes two lanes share (none, one or two). */
function sharedNodePoints(ctx: MapContext, a: number, b: number): Point[] {
  const la = ctx.map.lanes[a]!;
  const lb = ctx.map.lanes[b]!;
  const out: Point[] = [];
  for (const id of new Set([la.from, la.to])) {
    if (id === lb.from || id === lb.to) {
      const n = ctx.nodesById.get(id)!;
      out.push([n.x, n.y]);
    }
  }
  return out;
}
