/**
 * What idle vehicles do. Low on charge (or asked to by an operator) → the nearest free charger
 * or battery-swap bay. Otherwise, while few enough of the fleet are charging, top up a battery
 * that is well below target (so charging is spread over the day and the fleet stays available
 * around the clock). Otherwise → the nearest free parking slot, off the running lanes.
 * Stations' stop nodes are claimed so two vehicles are never sent to one slot.
 */
import type { Site } from '../tick/site.ts';
import type { Draft } from '../tick/draft.ts';
import type { LegAction, Task, VehicleState } from '../model/world.ts';
import type { StationKind } from '../../../maps/schema/map-schema.ts';
import { commitNode } from '../planner/commit-point.ts';
import { patchVehicle, releaseClaims } from '../tick/vehicle-records.ts';

export function sendIdleVehicles(site: Site, draft: Draft): void {
  const ids = [...draft.vehicles.keys()].sort();
  let charging = ids.filter((id) => draft.vehicles.get(id)!.task?.kind === 'charge').length;
  const opportunityCap = Math.max(1, Math.floor(ids.length * site.config.maxChargingShare));
  for (const id of ids) {
    const v = draft.vehicles.get(id)!;
    if (v.status !== 'ok' || v.paused) continue;
    const parked = v.task?.kind === 'park';
    if (v.task && !parked) continue;
    const socPct = (v.socWh * 100) / v.spec.batteryWh;
    const mustCharge = v.chargeRequested || socPct < site.config.chargeBelowPercent;
    const topUp = !mustCharge && socPct < site.config.chargeTargetPercent - 25 && charging < opportunityCap;
    if (mustCharge || topUp) {
      if (goTo(site, draft, v, site.config.useBatterySwap ? ['battery-swap', 'charger'] : ['charger'], 'charge', 'charge')) {
        charging++;
        continue;
      }
    }
    if (!parked && !goTo(site, draft, v, ['igv-parking'], 'park', 'park')) hold(site, draft, v);
  }
}

/** Sends the vehicle to the free stop node of the given station kinds it reaches soonest. */
function goTo(site: Site, draft: Draft, v: VehicleState, kinds: readonly StationKind[], kind: Task['kind'], action: LegAction): boolean {
  const from = commitNode(site, v);
  const fromHere = site.timesFrom(from, draft.closedLanes);
  let best: { station: string; node: string; cost: number } | null = null;
  for (const s of site.stations.values()) {
    if (!kinds.includes(s.kind)) continue;
    for (const node of s.nodes) {
      const holder = draft.claims.get(node);
      if (holder !== undefined && holder !== v.id) continue;
      const travel = node === from && v.route.length === 0 ? 0 : fromHere.costTo(node);
      if (!Number.isFinite(travel)) continue;
      // Slots along one lane fill from the far end, so a parked vehicle never stands between
      // the entrance and a free slot: deeper slots count as cheaper by twice their depth.
      const depth = s.nodes.length > 1 ? site.timesFrom(s.nodes[0]!, draft.closedLanes).costTo(node) : 0;
      const cost = travel - 2 * (Number.isFinite(depth) ? depth : 0);
      if (!best || cost < best.cost) best = { station: s.id, node, cost };
    }
  }
  if (!best) return false;
  releaseClaims(draft, v.id);
  draft.claims.set(best.node, v.id);
  patchVehicle(draft, v.id, {
    task: { kind, legs: [{ station: best.station, node: best.node, action, orderId: null }], legIndex: 0, serviceUntilMs: null },
  });
  return true;
}

/** Minimum drive to the next holding point, ms: far enough to keep the vehicle moving along. */
const HOLD_MIN_MS = 60_000;

/**
 * No free slot: drive on to the nearest unclaimed, unoccupied holding point `minMs` or more away.
 * When there is none, creep on to the end of the next lane, so a vehicle asked to make way
 * always moves.
 */
export function hold(site: Site, draft: Draft, v: VehicleState, minMs = HOLD_MIN_MS): boolean {
  const from = commitNode(site, v);
  const fromHere = site.timesFrom(from, draft.closedLanes);
  const standing = new Set<string>();
  for (const o of draft.vehicles.values()) {
    if (o.id === v.id) continue;
    const lane = site.cells.lane(o.lane);
    if (lane.lengthMm - o.offsetMm <= site.config.arriveToleranceMm + site.config.gapMm) standing.add(lane.to);
  }
  let best: { node: string; cost: number } | null = null;
  for (const node of site.holdingNodes) {
    if (draft.claims.has(node) || standing.has(node)) continue;
    const cost = fromHere.costTo(node);
    if (!Number.isFinite(cost) || cost < minMs || cost === 0) continue;
    if (!best || cost < best.cost) best = { node, cost };
  }
  let node = best?.node;
  if (!node && minMs <= 1) {
    const next = site.cells.laneGraph.outLanes(from).find((l) => !draft.closedLanes.has(l.id) && !site.deadEndLanes.has(l.id));
    node = next?.to;
  }
  if (!node) return false;
  releaseClaims(draft, v.id);
  if (best) draft.claims.set(node, v.id);
  patchVehicle(draft, v.id, {
    task: { kind: 'park', legs: [{ station: '', node, action: 'hold', orderId: null }], legIndex: 0, serviceUntilMs: null },
  });
  return true;
}
