/**
 * Rules 3–6: ids are unique, references resolve, no two lanes share a (from, to) pair, no lane
 * loops on one node. These are the faults the graph library would otherwise hide silently.
 */
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import type { MapContext } from './context.ts';

/** Rule 3: one issue per repeated id, at the later element's `id`. */
export function checkDuplicateIds(ctx: MapContext): MapIssue[] {
  const { map } = ctx;
  const groups = [
    ['nodes', 'node', map.nodes],
    ['lanes', 'lane', map.lanes],
    ['stations', 'station', map.stations],
    ['conflictZones', 'conflict zone', map.conflictZones],
  ] as const;
  const issues: MapIssue[] = [];
  for (const [key, noun, items] of groups) {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const prev = first.get(item.id);
      if (prev === undefined) first.set(item.id, i);
      else issues.push(mapIssue(MapIssueCode.DuplicateId, `$.${key}[${i}].id`, `${noun} ${item.id} repeats the id of ${noun} [$.${key}[${prev}]]`));
    });
  }
  return issues;
}

/** Rule 4: lane from/to and singleTrackWith, station nodes, conflict-zone lanes must exist. */
export function checkUnknownRefs(ctx: MapContext): MapIssue[] {
  const { map, nodesById, laneIndexById } = ctx;
  const issues: MapIssue[] = [];
  const unknown = (path: string, message: string) => issues.push(mapIssue(MapIssueCode.UnknownRef, path, message));
  map.lanes.forEach((lane, i) => {
    if (!nodesById.has(lane.from)) unknown(`$.lanes[${i}].from`, `lane ${lane.id} starts at node [${lane.from}], which does not exist`);
    if (!nodesById.has(lane.to)) unknown(`$.lanes[${i}].to`, `lane ${lane.id} ends at node [${lane.to}], which does not exist`);
    if (lane.singleTrackWith !== undefined && !laneIndexById.has(lane.singleTrackWith)) {
      unknown(`$.lanes[${i}].singleTrackWith`, `lane ${lane.id} names lane [${lane.singleTrackWith}] as its single-track twin, which does not exist`);
    }
  });
  map.stations.forEach((station, i) => {
    station.nodes.forEach((nodeId, k) => {
      if (!nodesById.has(nodeId)) unknown(`$.stations[${i}].nodes[${k}]`, `station ${station.id} stops at node [${nodeId}], which does not exist`);
    });
  });
  map.conflictZones.forEach((zone, i) => {
    zone.lanes.forEach((laneId, k) => {
      if (!laneIndexById.has(laneId)) unknown(`$.conflictZones[${i}].lanes[${k}]`, `conflict zone ${zone.id} lists lane [${laneId}], which does not exist`);
    });
  });
  return issues;
}

/** Rule 5: a second lane with the same (from, to) pair, at the later lane. */
export function checkDuplicateLanes(ctx: MapContext): MapIssue[] {
  const first = new Map<string, number>();
  const issues: MapIssue[] = [];
  ctx.map.lanes.forEach((lane, i) => {
    // NOTE: JSON of the pair, because ids may contain any separator we could pick.
    const key = JSON.stringify([lane.from, lane.to]);
    const prev = first.get(key);
    if (prev === undefined) first.set(key, i);
    else {
      const other = ctx.map.lanes[prev]!;
      issues.push(mapIssue(MapIssueCode.DuplicateLane, `$.lanes[${i}]`, `lane ${lane.id} joins [${lane.from} → ${lane.to}] like lane ${other.id}; only one lane may join a pair of nodes in one direction`));
    }
  });
  return issues;
}

/** Rule 6: lanes with from === to. */
export function checkSelfLoops(ctx: MapContext): MapIssue[] {
  const issues: MapIssue[] = [];
  ctx.map.lanes.forEach((lane, i) => {
    if (lane.from === lane.to) issues.push(mapIssue(MapIssueCode.SelfLoop, `$.lanes[${i}]`, `lane ${lane.id} starts and ends at node [${lane.from}]`));
  });
  return issues;
}
