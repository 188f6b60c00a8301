/**
 * Phase 1: apply operator and fault commands, in inbox order. Each refusal is an event with a
 * reason code; nothing here throws for bad requests.
 */
import { staticOrderProblem } from '../../model/order-checks.ts';
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import type { Command, CommandOf } from '../../model/commands.ts';
import { REASONS } from '../../model/events.ts';
import { DEFAULT_VEHICLE_SPEC, VehicleSpecSchema } from '../../model/vehicle-spec.ts';
import { placeVehicle } from '../vehicle-placement.ts';
import { patchOrder, patchVehicle, unassignWork } from '../vehicle-records.ts';
import type { VehicleState } from '../../model/world.ts';
import { UNTIL_DONE } from './advance-services.ts';

type Handler<K extends Command['kind']> = (site: Site, draft: Draft, cmd: CommandOf<K>) => void;

const reject = (draft: Draft, command: string, reason: (typeof REASONS)[keyof typeof REASONS], detail: string) =>
  draft.events.push({ kind: 'CommandRejected', command, reason, detail });

const withVehicle = (draft: Draft, cmd: { kind: string; vehicleId: string }) => {
  const v = draft.vehicles.get(cmd.vehicleId);
  if (!v) reject(draft, cmd.kind, REASONS.UNKNOWN_VEHICLE, `no vehicle ${cmd.vehicleId}`);
  return v;
};

const HANDLERS: { [K in Exclude<Command['kind'], 'VehicleReport'>]: Handler<K> } = {
  CreateOrder(site, draft, { order }) {
    const refuse = (reason: (typeof REASONS)[keyof typeof REASONS], detail: string) =>
      draft.events.push({ kind: 'OrderRejected', orderId: order.id, reason, detail });
    if (draft.orders.has(order.id)) return refuse(REASONS.DUPLICATE_ID, `order ${order.id} exists`);
    const problem = staticOrderProblem(site, order);
    if (problem) return refuse(problem.reason, problem.detail);
    draft.orders.set(order.id, Object.freeze({
      spec: order, status: 'open', vehicleId: null, createdMs: draft.nowMs, loadedMs: null, deliveredMs: null, failReason: null, lastVeto: null,
    }));
    draft.counters.ordersCreated++;
    draft.newOrders.push(order.id);
    draft.events.push({ kind: 'OrderCreated', orderId: order.id });
  },
  CancelOrder(_site, draft, { orderId, reason }) {
    const o = draft.orders.get(orderId);
    if (!o) return reject(draft, 'CancelOrder', REASONS.UNKNOWN_ORDER, `no order ${orderId}`);
    if (o.status === 'delivered' || o.status === 'failed') return reject(draft, 'CancelOrder', REASONS.ORDER_CLOSED, `order ${orderId} is ${o.status}`);
    if (o.status === 'loaded') return reject(draft, 'CancelOrder', REASONS.VEHICLE_BUSY, `order ${orderId} is on vehicle ${o.vehicleId}`);
    if (o.vehicleId) {
      const v = draft.vehicles.get(o.vehicleId);
      if (v) unassignWork(draft, v, 'CANCELLED');
    }
    const now = draft.orders.get(orderId)!;
    patchOrder(draft, orderId, { status: 'failed', failReason: `CANCELLED: ${reason}`, vehicleId: null });
    draft.counters.ordersFailed++;
    draft.events.push({ kind: 'OrderFailed', orderId, vehicleId: now.vehicleId, reason: REASONS.CANCELLED, detail: reason });
  },
  AddVehicle(site, draft, cmd) {
    if (draft.vehicles.has(cmd.vehicleId)) return reject(draft, 'AddVehicle', REASONS.DUPLICATE_ID, `vehicle ${cmd.vehicleId} exists`);
    const spec = Object.freeze(VehicleSpecSchema.parse({ ...DEFAULT_VEHICLE_SPEC, ...cmd.spec }));
    const placed = placeVehicle(site.cells, cmd.at, spec.lengthMm, site.config.gapMm, [...draft.vehicles.values()], draft.closedLanes);
    if (!placed.ok) return reject(draft, 'AddVehicle', REASONS[placed.reason], placed.detail);
    const p = placed.placement;
    draft.vehicles.set(cmd.vehicleId, Object.freeze({
      id: cmd.vehicleId, spec, lane: p.lane, offsetMm: p.offsetMm, speedMmps: 0, trail: p.trail, route: [], held: p.held,
      limit: { laneIndex: 0, offsetMm: p.offsetMm }, socWh: Math.round((spec.batteryWh * cmd.socPercent) / 100), odometerMm: 0,
      energyUsedWh: 0, status: 'ok', repairDoneMs: null, paused: false, charging: false, task: null, nextTask: null, load: [],
      turnAround: false, routeBlocked: false, chargeRequested: false, lastCommandKey: '', waitingSinceMs: null, stalledNotified: false, inDeadlock: false, blockedBy: [],
    }));
    draft.events.push({ kind: 'VehicleAdded', vehicleId: cmd.vehicleId });
  },
  PauseVehicle(_site, draft, cmd) {
    if (!withVehicle(draft, cmd)) return;
    patchVehicle(draft, cmd.vehicleId, { paused: true });
    draft.events.push({ kind: 'VehiclePaused', vehicleId: cmd.vehicleId });
  },
  ResumeVehicle(_site, draft, cmd) {
    if (!withVehicle(draft, cmd)) return;
    patchVehicle(draft, cmd.vehicleId, { paused: false });
    draft.events.push({ kind: 'VehicleResumed', vehicleId: cmd.vehicleId });
  },
  SendToCharge(_site, draft, cmd) {
    if (!withVehicle(draft, cmd)) return;
    patchVehicle(draft, cmd.vehicleId, { chargeRequested: true });
  },
  CloseLane(site, draft, { laneId }) {
    if (!site.cells.laneGraph.lane(laneId)) return reject(draft, 'CloseLane', REASONS.UNKNOWN_LANE, `no lane ${laneId}`);
    draft.closedLanes.add(laneId);
    draft.events.push({ kind: 'LaneClosed', laneId });
  },
  OpenLane(site, draft, { laneId }) {
    if (!site.cells.laneGraph.lane(laneId)) return reject(draft, 'OpenLane', REASONS.UNKNOWN_LANE, `no lane ${laneId}`);
    draft.closedLanes.delete(laneId);
    draft.events.push({ kind: 'LaneOpened', laneId });
  },
  StationDown(site, draft, { station, reason }) {
    if (!site.stations.has(station)) return reject(draft, 'StationDown', REASONS.UNKNOWN_STATION, `no station ${station}`);
    // Already down: the outage goes on from its first start (fault sources may overlap).
    if (draft.downStations.has(station)) return;
    draft.downStations.set(station, Object.freeze({ reason, sinceMs: draft.nowMs }));
    suspendCharging(draft, station, false);
    draft.events.push({ kind: 'StationWentDown', station, reason });
  },
  StationUp(site, draft, { station }) {
    if (!site.stations.has(station)) return reject(draft, 'StationUp', REASONS.UNKNOWN_STATION, `no station ${station}`);
    const outage = draft.downStations.get(station);
    if (!outage) return;
    draft.downStations.delete(station);
    const downMs = draft.nowMs - outage.sinceMs;
    resumeServices(draft, station, downMs);
    draft.events.push({ kind: 'StationCameUp', station, downMs });
  },
  BreakDown(_site, draft, cmd) {
    const v = withVehicle(draft, cmd);
    if (!v) return;
    const repairDoneMs = draft.nowMs + cmd.repairMs;
    unassignWork(draft, v, 'VEHICLE_BROKEN');
    patchVehicle(draft, v.id, { status: 'broken', repairDoneMs });
    draft.events.push({ kind: 'VehicleBrokeDown', vehicleId: v.id, repairDoneMs });
  },
  LinkLost(_site, draft, cmd) {
    const v = withVehicle(draft, cmd);
    if (!v || v.status === 'broken') return;
    patchVehicle(draft, v.id, { status: 'link-lost' });
    draft.events.push({ kind: 'VehicleLinkLost', vehicleId: v.id });
  },
  LinkRestored(_site, draft, cmd) {
    const v = withVehicle(draft, cmd);
    if (!v || v.status !== 'link-lost') return;
    patchVehicle(draft, v.id, { status: 'ok', lastCommandKey: '' });
    draft.events.push({ kind: 'VehicleLinkRestored', vehicleId: v.id });
  },
  EmergencyStop(_site, draft) {
    draft.emergencyStop = true;
    draft.events.push({ kind: 'EmergencyStopped' });
  },
  ReleaseEmergencyStop(_site, draft) {
    draft.emergencyStop = false;
    draft.events.push({ kind: 'EmergencyReleased' });
  },
};

/** Vehicles whose current leg is being served at `station` (service started, not finished). */
function inServiceAt(draft: Draft, station: string): VehicleState[] {
  return [...draft.vehicles.values()].filter((v) => v.task !== null && v.task.serviceUntilMs !== null && v.task.legs[v.task.legIndex]!.station === station);
}

/** A down charger or swap bay delivers no energy; charging picks up again when it comes up. */
function suspendCharging(draft: Draft, station: string, charging: boolean): void {
  for (const v of inServiceAt(draft, station)) if (v.task!.legs[v.task!.legIndex]!.action === 'charge') patchVehicle(draft, v.id, { charging });
}

/**
 * The services suspended by an outage keep the time they had left: a timed service ends `downMs`
 * later than planned (no service can have started while the station was down, see advance-services).
 */
function resumeServices(draft: Draft, station: string, downMs: number): void {
  for (const v of inServiceAt(draft, station)) {
    const task = v.task!;
    const until = task.serviceUntilMs!;
    const shifted = until === UNTIL_DONE ? until : until + downMs;
    patchVehicle(draft, v.id, { task: { ...task, serviceUntilMs: shifted } });
  }
  suspendCharging(draft, station, true);
}

export function applyOperatorCommands(site: Site, draft: Draft, inbox: readonly Command[]): void {
  for (const cmd of inbox) {
    if (cmd.kind === 'VehicleReport') continue;
    (HANDLERS[cmd.kind] as Handler<typeof cmd.kind>)(site, draft, cmd);
  }
  // Repairs finish on the clock.
  for (const v of [...draft.vehicles.values()]) {
    if (v.status === 'broken' && v.repairDoneMs !== null && v.repairDoneMs <= draft.nowMs) {
      patchVehicle(draft, v.id, { status: 'ok', repairDoneMs: null, lastCommandKey: '', waitingSinceMs: null });
      draft.events.push({ kind: 'VehicleRepaired', vehicleId: v.id });
    }
  }
}
