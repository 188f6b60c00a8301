/**
 * Resolving a deadlock (a wait-for cycle that has lasted `deadlockAfterMs`): one vehicle of the
 * cycle takes another way, avoiding the first lane it could not enter. Empty vehicles are asked
 * first, laden ones last, then by id. Returns a description of what was done, or null when no
 * vehicle in the cycle has another way (the cycle is then reported and retried every tick).
 * With `around`, a way that starts in the space that vehicle holds does not count.
 */
import type { Site } from '../tick/site.ts';
import type { Draft } from '../tick/draft.ts';
import { commitLane, commitLaneIndex } from '../planner/commit-point.ts';
import { patchVehicle } from '../tick/vehicle-records.ts';
import { followTable } from '../planner/follow-table.ts';

export function resolveByReroute(site: Site, draft: Draft, cycle: readonly string[], around?: string): string | null {
  // Space held by the vehicle to get round: a way whose first new cell is in it (or touches it)
  // is no way round, and taking it would only flip the route back and forth.
  const blocked = new Set<number>(around ? (draft.vehicles.get(around)?.held ?? []) : []);
  const order = [...cycle].sort((a, b) => {
    const la = draft.vehicles.get(a)!.load.length;
    const lb = draft.vehicles.get(b)!.load.length;
    return la !== lb ? la - lb : a < b ? -1 : 1;
  });
  for (const id of order) {
    const v = draft.vehicles.get(id)!;
    if (!v.task || v.task.serviceUntilMs !== null) continue;
    const ci = commitLaneIndex(v);
    const avoid = v.route[ci];
    if (avoid === undefined) continue;
    const goal = v.task.legs[v.task.legIndex]!.node;
    const closed = new Set(draft.closedLanes).add(avoid);
    const table = site.timesTo(goal, closed);
    const lane = site.cells.lane(commitLane(v));
    const way = followTable(site, table, lane.to, goal);
    // Turning round onto the lane's own twin is no way round.
    if (!way.reached || (lane.singleTrackWith && way.lanes.includes(lane.singleTrackWith))) continue;
    const extra = way.lanes;
    if (blocked.size > 0 && extra.length > 0) {
      const first = site.cells.cells[site.cells.laneCells(extra[0]!)[0]!]!;
      if (blocked.has(first.id) || first.conflicts.some((c) => blocked.has(c))) continue;
    }
    patchVehicle(draft, id, { route: [...v.route.slice(0, ci), ...extra] });
    draft.counters.reroutes++;
    return `${id} rerouted avoiding ${avoid}`;
  }
  return null;
}
