/**
 * Phase 4: the process steps at stations. A vehicle that has stopped at its leg's stop point
 * starts the leg's service (crane pick or drop, automated gate, NII scan, charging, parking);
 * when the service is done the leg's effect happens (order loaded, delivered…) and the next leg
 * begins. Parking and charging hold the vehicle until there is work or the battery is full.
 * A station that is down (StationDown) serves no one until it comes up.
 */
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import type { Leg, Task, VehicleState } from '../../model/world.ts';
import { patchOrder, patchVehicle, releaseClaims } from '../vehicle-records.ts';

/** serviceUntilMs of a service that ends on a condition rather than a clock (charging, parking). */
export const UNTIL_DONE = Number.MAX_SAFE_INTEGER;

export function advanceServices(site: Site, draft: Draft): void {
  for (const id of [...draft.vehicles.keys()].sort()) {
    const v = draft.vehicles.get(id)!;
    if (!v.task || v.status !== 'ok') continue;
    const leg = v.task.legs[v.task.legIndex]!;
    // A down station neither starts nor finishes a service: arrivals wait at its stop (those behind
    // queue on the lane, as at a busy station) and the clock of a service in progress is stopped
    // until StationUp moves its end (apply-commands). Parking and holding are places, not services.
    if (isDown(draft, leg)) continue;
    if (v.task.serviceUntilMs === null) {
      if (hasArrived(site, v, leg)) startService(site, draft, v, leg);
    } else if (serviceDone(site, draft, v, leg)) {
      finishLeg(draft, v, leg);
    }
  }
}

function isDown(draft: Draft, leg: Leg): boolean {
  return draft.downStations.size > 0 && leg.action !== 'park' && leg.action !== 'hold' && draft.downStations.has(leg.station);
}

function hasArrived(site: Site, v: VehicleState, leg: Leg): boolean {
  if (v.route.length > 0 || v.speedMmps > 0 || v.turnAround) return false;
  const lane = site.cells.lane(v.lane);
  return lane.to === leg.node && lane.lengthMm - v.offsetMm <= site.config.arriveToleranceMm;
}

function startService(site: Site, draft: Draft, v: VehicleState, leg: Leg): void {
  const station = site.stations.get(leg.station);
  let until: number;
  if (leg.action === 'hold') until = draft.nowMs;
  else if (leg.action === 'charge' || leg.action === 'park') until = UNTIL_DONE;
  else {
    const perOrder = leg.orderId ? draft.orders.get(leg.orderId)?.spec.serviceMs?.[leg.serviceKey ?? leg.station] : undefined;
    until = draft.nowMs + (perOrder ?? station?.serviceTimeMs ?? site.config.defaultServiceMs[leg.action]);
  }
  if (leg.action === 'charge' && station?.kind === 'battery-swap') until = draft.nowMs + site.config.swapMs;
  patchVehicle(draft, v.id, { task: { ...v.task!, serviceUntilMs: until }, charging: leg.action === 'charge' });
  if (leg.action === 'hold') return;
  draft.events.push({ kind: 'VehicleArrived', vehicleId: v.id, station: leg.station, node: leg.node });
  draft.events.push({ kind: 'ServiceStarted', vehicleId: v.id, station: leg.station, action: leg.action });
  if (leg.action === 'charge') draft.events.push({ kind: 'ChargingStarted', vehicleId: v.id, station: leg.station });
}

function serviceDone(site: Site, draft: Draft, v: VehicleState, leg: Leg): boolean {
  if (leg.action === 'park') return v.nextTask !== null || v.chargeRequested;
  if (leg.action === 'charge') {
    const station = site.stations.get(leg.station)!;
    if (station.kind === 'battery-swap') return draft.nowMs >= v.task!.serviceUntilMs! || v.socWh >= v.spec.batteryWh;
    return v.socWh * 100 >= v.spec.batteryWh * site.config.chargeTargetPercent;
  }
  return draft.nowMs >= v.task!.serviceUntilMs!;
}

function finishLeg(draft: Draft, v: VehicleState, leg: Leg): void {
  let load = v.load;
  if (leg.action === 'pick' && leg.orderId) {
    patchOrder(draft, leg.orderId, { status: 'loaded', loadedMs: draft.nowMs });
    load = [...load, leg.orderId].sort();
    draft.events.push({ kind: 'OrderLoaded', orderId: leg.orderId, vehicleId: v.id });
  }
  if (leg.action === 'drop' && leg.orderId) {
    patchOrder(draft, leg.orderId, { status: 'delivered', deliveredMs: draft.nowMs });
    load = load.filter((o) => o !== leg.orderId);
    draft.counters.ordersDelivered++;
    draft.events.push({ kind: 'OrderUnloaded', orderId: leg.orderId, vehicleId: v.id });
    draft.events.push({ kind: 'OrderDelivered', orderId: leg.orderId, vehicleId: v.id });
  }
  if (leg.action !== 'park' && leg.action !== 'hold') draft.events.push({ kind: 'ServiceDone', vehicleId: v.id, station: leg.station, action: leg.action });
  if (leg.action === 'charge') {
    draft.events.push({ kind: 'ChargingFinished', vehicleId: v.id, station: leg.station, socPercent: Math.round((v.socWh * 100) / v.spec.batteryWh) });
  }
  const task = v.task!;
  let next: Task | null = task.legIndex + 1 < task.legs.length ? { ...task, legIndex: task.legIndex + 1, serviceUntilMs: null } : null;
  let nextTask = v.nextTask;
  if (!next && nextTask) {
    next = nextTask;
    nextTask = null;
  }
  releaseClaims(draft, v.id, next ? next.legs[next.legIndex]!.node : null);
  patchVehicle(draft, v.id, {
    task: next,
    nextTask,
    load,
    charging: false,
    chargeRequested: leg.action === 'charge' ? false : v.chargeRequested,
    route: [],
  });
}
