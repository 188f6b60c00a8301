/**
 * Rule 7: `singleTrackWith` joins two lanes that are one physical track driven both ways: the
 * twin runs the opposite way, names this lane back, and has the same centre line reversed.
 */
import type { Point } from '../../schema/map-schema.ts';
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import { namedTwin, type MapContext } from './context.ts';

/** How far (mm) a twin's centre-line point may be from this lane's matching point. */
export const TWIN_TOLERANCE_MM = 1;

/**
 * One issue per lane whose twin does not name it back; for a mutual pair, direction and shape are
 * checked once and reported at the later lane of the pair. Unknown twins are rule 4's business.
 */
export function checkSingleTrack(ctx: MapContext): MapIssue[] {
  const { map, laneIndexById } = ctx;
  const issues: MapIssue[] = [];
  map.lanes.forEach((lane, i) => {
    const twin = namedTwin(ctx, lane);
    if (!twin) return;
    const j = laneIndexById.get(twin.id)!;
    const fault = (path: string, message: string) => issues.push(mapIssue(MapIssueCode.SingleTrack, path, message));
    if (j === i) {
      fault(`$.lanes[${i}].singleTrackWith`, `lane ${lane.id} names itself as its single-track twin`);
      return;
    }
    if (twin.singleTrackWith !== lane.id) {
      const back = twin.singleTrackWith === undefined ? 'names no twin' : `names [${twin.singleTrackWith}]`;
      fault(`$.lanes[${i}].singleTrackWith`, `lane ${lane.id} names lane [${twin.id}] as its single-track twin, but ${twin.id} ${back}`);
      return;
    }
    if (i < j) return; // the pair is checked once, from its later lane
    if (twin.from !== lane.to || twin.to !== lane.from) {
      fault(
        `$.lanes[${i}].singleTrackWith`,
        `lane ${lane.id} [${lane.from} → ${lane.to}] and its single-track twin ${twin.id} [${twin.from} → ${twin.to}] do not run opposite ways between the same nodes`,
      );
      return;
    }
    const a = ctx.points[i];
    const b = ctx.points[j];
    if (!a || !b) return;
    const gap = reversedGap(a, b);
    if (gap === undefined) {
      fault(`$.lanes[${i}].polyline`, `lane ${lane.id} has [${a.length - 2}] polyline points but its single-track twin ${twin.id} has [${b.length - 2}]; twins must share one centre line`);
    } else if (gap > TWIN_TOLERANCE_MM) {
      fault(`$.lanes[${i}].polyline`, `lane ${lane.id} leaves the centre line of its single-track twin ${twin.id} by [${gap.toFixed(1)} mm], more than [${TWIN_TOLERANCE_MM} mm]`);
    }
  });
  return issues;
}

/** Largest distance between a[k] and b[n-1-k] (mm), or undefined when the counts differ. */
function reversedGap(a: readonly Point[], b: readonly Point[]): number | undefined {
  if (a.length !== b.length) return undefined;
  let max = 0;
  for (let k = 0; k < a.length; k++) {
    const p = a[k]!;
    const q = b[b.length - 1 - k]!;
    max = Math.max(max, Math.hypot(p[0] - q[0], p[1] - q[1]));
  }
  return max;
}
