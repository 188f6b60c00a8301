/**
 * Phase 6: the planner (proposes). Keeps each vehicle's route leading to its current leg, from
 * its commit point, along cheapest travel times that avoid closed lanes and dead ends it is not
 * going to. Replans when the route no longer reaches the goal, crosses a closure, or was blocked.
 * Turning round on a single-track lane happens here, once the vehicle stands at the lane's end.
 */
import type { Site } from '../tick/site.ts';
import { vehicleIds, type Draft } from '../tick/draft.ts';
import type { VehicleState } from '../model/world.ts';
import { flipOntoTwin } from '../motion/track.ts';
import { patchVehicle } from '../tick/vehicle-records.ts';
import { commitLane, commitLaneIndex } from './commit-point.ts';
import { planReservations } from './reservations.ts';
import { chooseNextPlaces } from './next-places.ts';
import { followTable } from './follow-table.ts';

export function planRoutes(site: Site, draft: Draft): void {
  planVehicleRoutes(site, draft);
  if (!draft.emergencyStop && !draft.safeMode) chooseNextPlaces(site, draft);
  // Windows are estimates for ordering; refreshing them once a second of engine time is plenty.
  if (draft.nowMs % Math.max(site.config.reservationEveryMs, draft.tickMs) < draft.tickMs || draft.tick === 1) {
    draft.reservations = planReservations(site, vehicleIds(draft).map((id) => draft.vehicles.get(id)!), draft.nowMs);
  }
}

function planVehicleRoutes(site: Site, draft: Draft): void {
  for (const id of vehicleIds(draft)) {
    let v = draft.vehicles.get(id)!;
    if (v.status !== 'ok') continue;
    if (v.turnAround && v.speedMmps === 0 && v.route.length === 0) {
      const flipped = flipOntoTwin(site.cells, v.lane, v.offsetMm, v.spec.lengthMm, site.config.arriveToleranceMm);
      if (flipped) {
        v = patchVehicle(draft, id, {
          lane: flipped.lane, offsetMm: flipped.offsetMm, trail: [], route: [], turnAround: false,
          limit: { laneIndex: 0, offsetMm: flipped.offsetMm },
        });
      }
    }
    const goal = v.task && v.task.serviceUntilMs === null ? v.task.legs[v.task.legIndex]!.node : null;
    if (goal === null) {
      // No place to go: keep only what was already released.
      const committed = commitLaneIndex(v);
      if (committed !== v.route.length) patchVehicle(draft, id, { route: v.route.slice(0, committed) });
      continue;
    }
    if (!needsPlan(site, draft, v, goal)) continue;
    replan(site, draft, v, goal);
  }
}

function needsPlan(site: Site, draft: Draft, v: VehicleState, goal: string): boolean {
  if (v.routeBlocked || v.turnAround) return true;
  const last = v.route.length > 0 ? v.route[v.route.length - 1]! : v.lane;
  if (site.cells.lane(last).to !== goal) return true;
  if (draft.closedLanes.size === 0) return false;
  for (let i = commitLaneIndex(v); i < v.route.length; i++) if (draft.closedLanes.has(v.route[i]!)) return true;
  return false;
}

function replan(site: Site, draft: Draft, v: VehicleState, goal: string): void {
  const committed = v.route.slice(0, commitLaneIndex(v));
  const fromLane = commitLane(v);
  const node = site.cells.lane(fromLane).to;
  const way = followTable(site, site.timesTo(goal, draft.closedLanes), node, goal);
  // The way on starts by reversing: stop at the end of this lane and turn round there.
  const turnAround = way.lanes.length > 0 && site.cells.lane(fromLane).singleTrackWith === way.lanes[0];
  const extra = turnAround ? [] : way.lanes;
  const reached = way.reached || turnAround;
  const route = reached ? [...committed, ...extra] : committed;
  if (!reached && !v.routeBlocked) {
    draft.events.push({ kind: 'Rerouted', vehicleId: v.id, reason: `no route from ${way.lanes.length > 0 ? site.cells.lane(way.lanes.at(-1)!).to : node} to ${goal}; waiting` });
  } else if (reached && v.routeBlocked) {
    draft.counters.reroutes++;
    draft.events.push({ kind: 'Rerouted', vehicleId: v.id, reason: `route to ${goal} found again` });
  }
  patchVehicle(draft, v.id, { route, routeBlocked: !reached, turnAround });
}
