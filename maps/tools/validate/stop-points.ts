/**
 * Rule 12: stop points are clear of the places where junctions and conflict zones are. A stop
 * node is not a junction, not the meeting node of a merge zone (the lanes' common end node) or a
 * diverge zone (their common start node), and the IGV's body plus margin behind it, measured back
 * along every way it can arrive, reaches no junction. A crossing zone lies where centre lines
 * intersect, never at a node; a single-track zone is the twin pair itself, which the engine's
 * block rule keeps to one direction (one vehicle in a dead end): neither puts a node off limits.
 * So a dead-end stall (spur lane in, its twin back out) may stop at its dead end, provided the
 * spur is long enough to hold the IGV clear of the junction it hangs off.
 */
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import { IGV_LENGTH_MM, isJunction, type MapContext } from './context.ts';

/** How far back (mm) from a stop node the track must be free of junctions. */
export const STOP_CLEARANCE_MM = IGV_LENGTH_MM + 2_000;

/**
 * Rule 12; per station, per stop node: at most one issue for standing on a junction or a zone's
 * meeting node (naming every reason), then one for a junction closer behind than STOP_CLEARANCE_MM.
 */
export function checkStopPoints(ctx: MapContext): MapIssue[] {
  const { map, nodesById } = ctx;
  const meetings = zoneMeetingNodes(ctx);
  const issues: MapIssue[] = [];
  map.stations.forEach((station, i) => {
    station.nodes.forEach((nodeId, k) => {
      if (!nodesById.has(nodeId)) return;
      const path = `$.stations[${i}].nodes[${k}]`;
      const fault = (message: string) => issues.push(mapIssue(MapIssueCode.StopPoint, path, message));
      const reasons = [...(meetings.get(nodeId) ?? [])];
      if (isJunction(ctx, nodeId)) reasons.unshift(`a junction (${describeDegree(ctx, nodeId)})`);
      if (reasons.length > 0) fault(`station ${station.id} stops at node [${nodeId}], which is ${reasons.join(' and ')}`);
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

/**
 * Per node, the merge and diverge zones that meet there, as message text. A zone whose lanes do
 * not share the node (rule 13's fault) claims every node one of its lanes would meet at.
 */
function zoneMeetingNodes(ctx: MapContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const zone of ctx.map.conflictZones) {
    if (zone.kind !== 'merge' && zone.kind !== 'diverge') continue;
    const nodes = new Set<string>();
    for (const laneId of zone.lanes) {
      const i = ctx.laneIndexById.get(laneId);
      if (i === undefined || ctx.points[i] === undefined) continue;
      const lane = ctx.map.lanes[i]!;
      nodes.add(zone.kind === 'merge' ? lane.to : lane.from);
    }
    for (const node of nodes) {
      const text = `the meeting node of ${zone.kind} zone ${zone.id}`;
      const list = out.get(node);
      if (list) list.push(text);
      else out.set(node, [text]);
    }
  }
  return out;
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
