/**
 * The commit point of a vehicle: the end of the lane holding its travel limit. Everything up to
 * there has been released to the vehicle and cannot be taken back (VDA 5050's base), so plans
 * change only from this node on.
 */
import type { Site } from '../tick/site.ts';
import type { VehicleState } from '../model/world.ts';

/** Index, in [lane, ...route], of the lane holding the travel limit. */
export function commitLaneIndex(v: VehicleState): number {
  return Math.max(0, Math.min(v.limit.laneIndex, v.route.length));
}

export function commitLane(v: VehicleState): string {
  const i = commitLaneIndex(v);
  return i === 0 ? v.lane : v.route[i - 1]!;
}

export function commitNode(site: Site, v: VehicleState): string {
  return site.cells.lane(commitLane(v)).to;
}

/**
 * Driving distance from a node to the nearest charger or battery-swap station, mm: Infinity when
 * none can be reached, 0 on a site that has no charging at all (nothing to keep a reserve for).
 */
export function nearestChargerMm(site: Site, draft: { closedLanes: ReadonlySet<string> }, node: string): number {
  if (site.chargerNodes.length === 0) return 0;
  let best = Infinity;
  for (const n of site.chargerNodes) best = Math.min(best, site.lengthsTo(n, draft.closedLanes).costFrom(node));
  return best;
}
