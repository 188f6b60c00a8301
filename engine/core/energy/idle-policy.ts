/**
 * What idle vehicles do. Low on charge (or asked to by an operator) → the nearest free charger
 * or battery-swap bay. Otherwise, while few enough of the fleet are charging, top up a battery
 * that is well below target (so charging is spread over the day and the fleet stays available
 * around the clock). Otherwise → the nearest free parking slot, off the running lanes.
 * Stations' stop nodes are claimed so two vehicles are never sent to one slot.
 */
import type { Site } from '../tick/site.ts';
import { vehicleIds, type Draft } from '../tick/draft.ts';
import type { LegAction, Task, VehicleState } from '../model/world.ts';
import type { StationKind } from '../../../maps/schema/map-schema.ts';
import { commitNode } from '../planner/commit-point.ts';
import { patchVehicle, releaseClaims } from '../tick/vehicle-records.ts';

export function sendIdleVehicles(site: Site, draft: Draft): void {
  const ids = vehicleIds(draft);
  let charging = ids.filter((id) => draft.vehicles.get(id)!.task?.kind === 'charge').length;
  const opportunityCap = Math.max(1, Math.floor(ids.length * site.config.maxChargingShare));
  const needSlot: VehicleState[] = [];
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
    if (!parked) needSlot.push(v);
  }
  assignParking(site, draft, needSlot);
  moveUpInRows(site, draft);
}

/**
 * A vehicle parked in a row moves up into the free slot ahead of it (towards the exit), so the
 * row fills from the far end and keeps its entrance free: a returning vehicle then parks at
 * once instead of circling until the vehicles in the row make way. Deepest first, so a gap
 * left by a departing vehicle ripples back through the row in one tick.
 */
function moveUpInRows(site: Site, draft: Draft): void {
  for (const s of site.stations.values()) {
    if (s.kind !== 'igv-parking' || s.nodes.length < 2) continue;
    for (let k = s.nodes.length - 2; k >= 0; k--) {
      const ahead = s.nodes[k + 1]!;
      if (draft.claims.has(ahead)) continue;
      const id = draft.claims.get(s.nodes[k]!);
      const v = id === undefined ? undefined : draft.vehicles.get(id);
      if (!v || v.status !== 'ok' || v.paused || v.nextTask !== null || v.chargeRequested) continue;
      const leg = v.task?.legs[0];
      if (v.task?.kind !== 'park' || leg?.action !== 'park' || leg.node !== s.nodes[k] || v.task.serviceUntilMs === null) continue;
      claim(draft, v, { station: s.id, node: ahead, cost: 0 }, 'park', 'park');
    }
  }
}

/**
 * Parking slots by greedy matching over all vehicles that need one: the cheapest (vehicle, slot)
 * pair first. Slots along a lane fill from the far end, so the vehicle already furthest along a
 * parking lane must take the deepest slot; one at a time in id order would send the rear
 * vehicle past the ones ahead, and they would keep making way for each other for ever.
 */
function assignParking(site: Site, draft: Draft, vehicles: VehicleState[]): void {
  const left = new Set(vehicles.map((v) => v.id));
  const options = new Map(vehicles.map((v) => [v.id, slotCosts(site, draft, v, ['igv-parking'])]));
  while (left.size > 0) {
    let best: { id: string; slot: SlotCost } | null = null;
    for (const id of [...left].sort()) {
      for (const slot of options.get(id)!) {
        const holder = draft.claims.get(slot.node);
        if (holder !== undefined && holder !== id) continue;
        if (!best || slot.cost < best.slot.cost) best = { id, slot };
        break;
      }
    }
    if (!best) break;
    left.delete(best.id);
    claim(draft, draft.vehicles.get(best.id)!, best.slot, 'park', 'park');
  }
  for (const id of [...left].sort()) hold(site, draft, draft.vehicles.get(id)!);
}

interface SlotCost {
  readonly station: string;
  readonly node: string;
  readonly cost: number;
}

/** Stop nodes of the given station kinds this vehicle may take, cheapest first (ties by node id). */
function slotCosts(site: Site, draft: Draft, v: VehicleState, kinds: readonly StationKind[]): SlotCost[] {
  const from = commitNode(site, v);
  const fromHere = site.timesFrom(from, draft.closedLanes);
  const out: SlotCost[] = [];
  for (const s of site.stations.values()) {
    if (!kinds.includes(s.kind)) continue;
    for (const node of s.nodes) {
      const holder = draft.claims.get(node);
      // A row of slots is entered at nodes[0]: a slot behind one that is taken cannot be reached
      // without the vehicles there making way, so the row is full up to its first taken slot.
      if (holder !== undefined && holder !== v.id) break;
      const travel = node === from && v.route.length === 0 ? 0 : fromHere.costTo(node);
      if (!Number.isFinite(travel)) continue;
      // Slots along one lane fill from the far end, so a parked vehicle never stands between
      // the entrance and a free slot: deeper slots count as cheaper by twice their depth.
      const depth = s.nodes.length > 1 ? site.timesFrom(s.nodes[0]!, draft.closedLanes).costTo(node) : 0;
      out.push({ station: s.id, node, cost: travel - 2 * (Number.isFinite(depth) ? depth : 0) });
    }
  }
  return out.sort((a, b) => a.cost - b.cost || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

function claim(draft: Draft, v: VehicleState, slot: SlotCost, kind: Task['kind'], action: LegAction): void {
  releaseClaims(draft, v.id);
  draft.claims.set(slot.node, v.id);
  patchVehicle(draft, v.id, {
    task: { kind, legs: [{ station: slot.station, node: slot.node, action, orderId: null }], legIndex: 0, serviceUntilMs: null },
  });
}

/** Sends the vehicle to the free stop node of the given station kinds it reaches soonest. */
function goTo(site: Site, draft: Draft, v: VehicleState, kinds: readonly StationKind[], kind: Task['kind'], action: LegAction): boolean {
  const best = slotCosts(site, draft, v, kinds)[0];
  if (!best) return false;
  claim(draft, v, best, kind, action);
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
