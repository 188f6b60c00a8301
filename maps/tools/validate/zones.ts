/**
 * Rule 13: a conflict zone's lanes really meet the way its kind says — a merge shares the end
 * node, a diverge the start node, a crossing's centre lines intersect, a single track is twins.
 */
import type { ConflictZone } from '../../schema/map-schema.ts';
import { polylineDistance } from '../../schema/lane-geometry.ts';
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import type { MapContext } from './context.ts';

/**
 * One issue per listed lane that does not fit, at `$.conflictZones[i].lanes[k]`. Merge and
 * diverge compare each lane with the zone's first lane; a crossing lane must cross at least one
 * other listed lane (a zone may list several lanes per direction); a single-track lane's twin must
 * be listed too. Unknown lanes and lanes not in the graph are left to rules 4 and 6.
 */
export function checkZones(ctx: MapContext): MapIssue[] {
  const issues: MapIssue[] = [];
  ctx.map.conflictZones.forEach((zone, z) => {
    const listed = zone.lanes
      .map((id, k) => ({ k, i: ctx.laneIndexById.get(id) }))
      .filter((e): e is { k: number; i: number } => e.i !== undefined && ctx.points[e.i] !== undefined);
    for (const { k, i } of listed) {
      const why = misfit(ctx, zone, i, listed.map((e) => e.i));
      if (why) issues.push(mapIssue(MapIssueCode.Zone, `$.conflictZones[${z}].lanes[${k}]`, `conflict zone ${zone.id} [${zone.kind}]: ${why}`));
    }
  });
  return issues;
}

function misfit(ctx: MapContext, zone: ConflictZone, i: number, others: readonly number[]): string | undefined {
  const lanes = ctx.map.lanes;
  const lane = lanes[i]!;
  const first = lanes[others[0]!]!;
  switch (zone.kind) {
    case 'merge':
      return lane.to === first.to ? undefined : `lane ${lane.id} ends at node [${lane.to}], not at [${first.to}] where lane ${first.id} ends`;
    case 'diverge':
      return lane.from === first.from ? undefined : `lane ${lane.id} starts at node [${lane.from}], not at [${first.from}] where lane ${first.id} starts`;
    case 'crossing': {
      const crosses = others.some((o) => o !== i && polylineDistance(ctx.points[i]!, ctx.points[o]!) === 0);
      return crosses ? undefined : `lane ${lane.id} does not cross any other lane of the zone`;
    }
    case 'single-track': {
      const twin = lane.singleTrackWith;
      const ok = twin !== undefined && others.some((o) => lanes[o]!.id === twin && lanes[o]!.singleTrackWith === lane.id);
      return ok ? undefined : `lane ${lane.id} has no single-track twin [${twin ?? 'none'}] that names it back among the zone's lanes`;
    }
  }
}
