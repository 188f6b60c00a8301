/**
 * Dispatch: give open orders to vehicles. Orders are taken in rank order (perishables first);
 * each goes to the vehicle that can reach its origin soonest — an idle or parked vehicle, or one
 * finishing a drop (the order then waits as its return load: the trip back is not driven empty).
 * A vehicle takes work only if it can do it and still reach a charger with its reserve left.
 * An order that stays open gets a reason code event whenever the reason changes.
 */
import type { Site } from '../tick/site.ts';
import { vehicleIds, type Draft } from '../tick/draft.ts';
import { REASONS, type Reason } from '../model/events.ts';
import type { VehicleState } from '../model/world.ts';
import type { OrderState } from '../model/order.ts';
import { CowMap } from '../tick/cow-map.ts';
import { compareOrders } from './order-ranking.ts';
import { orderTask, taskNodes } from './order-task.ts';
import { driveWh, reserveWh } from '../energy/energy-model.ts';
import { commitNode, nearestChargerMm } from '../planner/commit-point.ts';
import { patchOrder, patchVehicle, releaseClaims } from '../tick/vehicle-records.ts';

interface Candidate {
  readonly v: VehicleState;
  /** When it could start driving to the origin, ms from now (0 for an idle vehicle). */
  readonly busyMs: number;
  /** Node it would start from. */
  readonly from: string;
  /** True when the order would be queued as the vehicle's next task. */
  readonly chained: boolean;
}

export function assignCargo(site: Site, draft: Draft): void {
  const open = openOrders(draft);
  if (open.length === 0) return;

  let candidates = collectCandidates(site, draft);
  const promised = promisedServiceMs(site, draft);
  const queueMs = (station: string) => promised.get(station) ?? 0;
  for (const order of open) {
    let reason: Reason | null = null;
    if (order.spec.releaseMs > draft.nowMs) reason = REASONS.NOT_RELEASED;
    else if (candidates.length === 0) reason = REASONS.NO_IDLE_VEHICLE;
    else {
      const task = orderTask(order.spec, site.stations, (a, b) => site.timesTo(b, draft.closedLanes).costFrom(a), queueMs);
      const nodes = taskNodes(task);
      let best: { c: Candidate; cost: number } | null = null;
      let sawRoute = false;
      for (const c of candidates) {
        const toOrigin = site.timesTo(nodes[0]!, draft.closedLanes).costFrom(c.from);
        if (!Number.isFinite(toOrigin)) continue;
        sawRoute = true;
        if (!energyAllows(site, draft, c, nodes)) continue;
        const cost = c.busyMs + toOrigin;
        if (!best || cost < best.cost || (cost === best.cost && c.v.id < best.c.v.id)) best = { c, cost };
      }
      if (best) {
        give(site, draft, best.c, order.spec.id, task);
        for (const leg of task.legs) promised.set(leg.station, queueMs(leg.station) + serviceMs(site, leg.station, leg.action));
        candidates = candidates.filter((c) => c.v.id !== best!.c.v.id);
        continue;
      }
      reason = sawRoute ? REASONS.LOW_BATTERY : REASONS.NO_ROUTE;
    }
    if (reason !== order.lastVeto) {
      patchOrder(draft, order.spec.id, { lastVeto: reason });
      draft.events.push({ kind: 'OrderNotAssigned', orderId: order.spec.id, reason });
    }
  }
}

const openByMap = new WeakMap<ReadonlyMap<string, OrderState>, readonly OrderState[]>();

/**
 * Open orders in rank order. Most ticks change no order: the list is then the one found for the
 * same (unwritten) orders map last time, instead of a walk over every order of the run.
 */
function openOrders(draft: Draft): readonly OrderState[] {
  const base = draft.orders instanceof CowMap && !draft.orders.written ? draft.orders.result() : null;
  const known = base ? openByMap.get(base) : undefined;
  if (known) return known;
  const open: OrderState[] = [];
  for (const o of draft.orders.values()) if (o.status === 'open') open.push(o);
  open.sort(compareOrders);
  if (base) openByMap.set(base, open);
  return open;
}

/** Service time already promised to each station by the tasks vehicles hold, ms: a queue estimate. */
function promisedServiceMs(site: Site, draft: Draft): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of draft.vehicles.values()) {
    for (const task of [v.task, v.nextTask]) {
      if (!task) continue;
      task.legs.forEach((leg, i) => {
        if (i < task.legIndex || !leg.station) return;
        out.set(leg.station, (out.get(leg.station) ?? 0) + serviceMs(site, leg.station, leg.action));
      });
    }
  }
  return out;
}

function serviceMs(site: Site, station: string, action: string): number {
  const s = site.stations.get(station);
  if (!s) return 0;
  const d = site.config.defaultServiceMs as Record<string, number>;
  return s.serviceTimeMs ?? d[action] ?? 0;
}

/** Vehicles that can take an order now: idle or parked, or on the final drop with nothing queued. */
function collectCandidates(site: Site, draft: Draft): Candidate[] {
  const out: Candidate[] = [];
  for (const id of vehicleIds(draft)) {
    const v = draft.vehicles.get(id)!;
    if (v.status !== 'ok' || v.paused || v.chargeRequested) continue;
    if (v.socWh * 100 < v.spec.batteryWh * site.config.chargeBelowPercent) continue;
    const from = commitNode(site, v);
    if (!v.task || v.task.kind === 'park') {
      out.push({ v, busyMs: 0, from, chained: false });
      continue;
    }
    const last = v.task.legs.length - 1;
    if (v.task.kind === 'order' && v.task.legIndex === last && v.nextTask === null && v.task.legs[last]!.action === 'drop') {
      const leg = v.task.legs[last]!;
      const station = site.stations.get(leg.station)!;
      const drive = v.task.serviceUntilMs === null ? site.timesTo(leg.node, draft.closedLanes).costFrom(from) : 0;
      const service = v.task.serviceUntilMs === null ? (station.serviceTimeMs ?? site.config.defaultServiceMs.drop) : Math.max(0, v.task.serviceUntilMs - draft.nowMs);
      if (Number.isFinite(drive)) out.push({ v, busyMs: drive + service, from: leg.node, chained: true });
    }
  }
  return out;
}

function energyAllows(site: Site, draft: Draft, c: Candidate, nodes: readonly string[]): boolean {
  const spec = c.v.spec;
  let emptyMm = site.lengthsTo(nodes[0]!, draft.closedLanes).costFrom(c.from);
  let ladenMm = 0;
  for (let i = 1; i < nodes.length; i++) ladenMm += site.lengthsTo(nodes[i]!, draft.closedLanes).costFrom(nodes[i - 1]!);
  emptyMm += nearestChargerMm(site, draft, nodes[nodes.length - 1]!);
  if (!Number.isFinite(emptyMm) || !Number.isFinite(ladenMm)) return false;
  let soc = c.v.socWh;
  if (c.chained) {
    // It still carries its current load to the drop node; count that stretch laden.
    soc -= driveWh(spec, site.lengthsTo(c.from, draft.closedLanes).costFrom(commitNode(site, c.v)), true);
  }
  const need = driveWh(spec, emptyMm, false) + driveWh(spec, ladenMm, true) + reserveWh(spec, site.config.reservePercent);
  return soc >= need;
}

function give(site: Site, draft: Draft, c: Candidate, orderId: string, task: ReturnType<typeof orderTask>): void {
  patchOrder(draft, orderId, { status: 'assigned', vehicleId: c.v.id, lastVeto: null });
  draft.events.push({ kind: 'OrderAssigned', orderId, vehicleId: c.v.id });
  if (c.chained) {
    patchVehicle(draft, c.v.id, { nextTask: task });
    return;
  }
  // A parked vehicle leaves its slot; an idle one starts from where it stands.
  releaseClaims(draft, c.v.id);
  patchVehicle(draft, c.v.id, { task, route: c.v.task ? c.v.route.slice(0, Math.max(0, c.v.limit.laneIndex)) : c.v.route });
  void site;
}
