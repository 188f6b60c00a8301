/**
 * Rule 12: an IGV stopped at a station must not block a junction or a conflict zone. The stop
 * node is not a junction, not an end of a conflict-zone lane, and the IGV's body (plus margin)
 * behind it, measured back along every way it can arrive, reaches no junction.
 */
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import { IGV_LENGTH_MM, isJunction, type MapContext } from './context.ts';

/** How far back (mm) from a stop node the track must be free of junctions. */
export const STOP_CLEARANCE_MM = IGV_LENGTH_MM + 2_000;

/** Rule 12; per station, per stop node: junction, zone endpoint, then junction behind. */
export function checkStopPoints(ctx: MapContext): MapIssue[] {
  const { map, nodesById } = ctx;
  const zoneEnds = new Map<string, string>();
  for (const zone of map.conflictZones) {
    for (const laneId of zone.lanes) {
      const i = ctx.laneIndexById.get(laneId);
      if (i === undefined) continue;
      const lane = map.lanes[i]!;
      for (const node of [lane.from, lane.to]) if (!zoneEnds.has(node)) zoneEnds.set(node, `${zone.id} (lane ${lane.id})`);
    }
  }
  const issues: MapIssue[] = [];
  map.stations.forEach((station, i) => {
    station.nodes.forEach((nodeId, k) => {
      if (!nodesById.has(nodeId)) return;
      const path = `$.stations[${i}].nodes[${k}]`;
      const fault = (message: string) => issues.push(mapIssue(MapIssueCode.StopPoint, path, message));
      if (isJunction(ctx, nodeId)) {
        fault(`station ${station.id} stops at node [${nodeId}], which is a junction (${describeDegree(ctx, nodeId)})`);
      }
      const zone = zoneEnds.get(nodeId);
      if (zone) fault(`station ${station.id} stops at node [${nodeId}], an end of a lane in conflict zone ${zone}`);
      const behind = junctionBehind(ctx, nodeId);
      if (behind) {
        fault(
          `station ${station.id} stops at node [${nodeId}] only [${behind.distanceMm} mm] after junction ${behind.node}; an IGV needs [${STOP_CLEARANCE_MM} mm] clear behind its stop`,
        );
      }
    });
  });
  return issues;
}

function describeDegree(ctx: MapContext, nodeId: string): string {
  return `${ctx.incoming.get(nodeId)?.length ?? 0} lanes in, ${ctx.outgoing.get(nodeId)?.length ?? 0} lanes out`;
}

/**
 * Walks back from `start` along arriving lanes (by `lengthMm`), never back along the twin of the
 * lane just walked (that would be the same track again), and returns the nearest junction closer
 * than STOP_CLEARANCE_MM. A non-junction has at most one arriving lane, so the walk is a few
 * simple paths; `best` bounds revisits on loops.
 */
function junctionBehind(ctx: MapContext, start: string): { node: string; distanceMm: number } | undefined {
  let found: { node: string; distanceMm: number } | undefined;
  const best = new Map<string, number>();
  const walk = (node: string, travelled: number, cameBy: number | undefined): void => {
    for (const i of ctx.incoming.get(node) ?? []) {
      const lane = ctx.map.lanes[i]!;
      if (cameBy !== undefined && ctx.map.lanes[cameBy]!.singleTrackWith === lane.id) continue;
      const d = travelled + lane.lengthMm;
      if (d >= STOP_CLEARANCE_MM || lane.from === start) continue;
      if (isJunction(ctx, lane.from)) {
        if (!found || d < found.distanceMm) found = { node: lane.from, distanceMm: d };
        continue;
      }
      const prev = best.get(lane.from);
      if (prev !== undefined && prev <= d) continue;
      best.set(lane.from, d);
      walk(lane.from, d, i);
    }
  };
  walk(start, 0, undefined);
  return found;
}
