/**
 * Rules 8 and 9: a lane's stated length matches its centre line, and the centre line is drivable
 * by an IGV — no curve tighter than 10 m, no kink of more than 20° where one lane follows another
 * (except reversing out of a dead-end stall).
 */
import type { Point } from '../../schema/map-schema.ts';
import { circumradius, polylineLength } from '../../schema/lane-geometry.ts';
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import { endHeading, fmtMm, isStallExit, turnDegrees, type MapContext } from './context.ts';

/** Relative tolerance between `lengthMm` and the centre line. */
export const LENGTH_TOLERANCE = 0.01;
/** Tightest allowed curve radius (mm). */
export const MIN_CURVE_RADIUS_MM = 10_000;
/** Largest heading change (degrees) from one lane to the next at a node. */
export const MAX_NODE_TURN_DEG = 20;

/** Rule 8: `|lengthMm − centre line| > 1 %` of the centre line, at the lane's `lengthMm`. */
export function checkLengths(ctx: MapContext): MapIssue[] {
  const issues: MapIssue[] = [];
  ctx.map.lanes.forEach((lane, i) => {
    const pts = ctx.points[i];
    if (!pts) return;
    const geo = polylineLength(pts);
    if (Math.abs(lane.lengthMm - geo) > LENGTH_TOLERANCE * geo) {
      issues.push(
        mapIssue(
          MapIssueCode.Length,
          `$.lanes[${i}].lengthMm`,
          `lane ${lane.id} length [${lane.lengthMm} mm] differs from its centre line [${Math.round(geo)} mm] by more than 1 %`,
        ),
      );
    }
  });
  return issues;
}

/**
 * Rule 9. First every lane's tightest point (one issue per lane, at that polyline point), then
 * every turn at a node (at the following lane's `from`, ordered by following lane, then by the
 * lane before it). A lane followed by its own single-track twin is exempt (the IGV reverses out of
 * a dead end). So is the matching manoeuvre where the stall meets the network: the lane that
 * leaves a dead-end stall (see `isStallExit`) may be followed by a lane that continues the stall
 * entry's direction within 20°, because an IGV that backed out of the stall still faces the way
 * the entry runs (IGVs drive both ways). Any other turn of more than 20° is a fault, however close
 * to 180° it is and whether or not the arriving lane has a twin.
 * NOTE: the rules name only the first exemption. Without the second, no dead end can hang off a
 * one-way network: backing out of the stall ends 180° against the lane that carries on.
 */
export function checkCurves(ctx: MapContext): MapIssue[] {
  const { map } = ctx;
  const issues: MapIssue[] = [];
  map.lanes.forEach((lane, i) => {
    const pts = ctx.points[i];
    if (!pts) return;
    const tight = tightestPoint(pts);
    if (tight && tight.radius < MIN_CURVE_RADIUS_MM) {
      const p = pts[tight.index]!;
      issues.push(
        mapIssue(
          MapIssueCode.Curve,
          `$.lanes[${i}].polyline[${tight.index - 1}]`,
          `lane ${lane.id} bends with radius [${fmtMm(Math.round(tight.radius))} mm] at point [${p[0]}, ${p[1]}], tighter than [${MIN_CURVE_RADIUS_MM} mm]`,
        ),
      );
    }
  });
  map.lanes.forEach((next, j) => {
    const nextPts = ctx.points[j];
    if (!nextPts) return;
    const hNext = endHeading(nextPts, 'first');
    if (hNext === undefined) return;
    for (const i of ctx.incoming.get(next.from) ?? []) {
      const prev = map.lanes[i]!;
      if (prev.singleTrackWith === next.id) continue;
      const hPrev = endHeading(ctx.points[i]!, 'last');
      if (hPrev === undefined) continue;
      const turn = turnDegrees(hPrev, hNext);
      if (turn <= MAX_NODE_TURN_DEG) continue;
      if (180 - turn <= MAX_NODE_TURN_DEG && isStallExit(ctx, i)) continue;
      issues.push(
        mapIssue(
          MapIssueCode.Curve,
          `$.lanes[${j}].from`,
          `lane ${next.id} turns [${turn.toFixed(1)}°] from lane ${prev.id} at node ${next.from}, more than [${MAX_NODE_TURN_DEG}°]`,
        ),
      );
    }
  });
  return issues;
}

/**
 * The interior point (index into `pts`) with the smallest circumradius over consecutive triples.
 * Collinear triples that double back (a cusp) count as radius 0, which circumradius alone misses.
 */
function tightestPoint(pts: readonly Point[]): { index: number; radius: number } | undefined {
  let best: { index: number; radius: number } | undefined;
  for (let k = 1; k < pts.length - 1; k++) {
    const a = pts[k - 1]!;
    const b = pts[k]!;
    const c = pts[k + 1]!;
    let r = circumradius(a, b, c);
    if (r === Infinity && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) r = 0;
    if (!best || r < best.radius) best = { index: k, radius: r };
  }
  return best;
}
