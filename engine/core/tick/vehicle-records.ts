/**
 * Small helpers every phase uses to replace records in the draft.
 */
import type { Draft } from './draft.ts';
import type { OrderState } from '../model/order.ts';
import type { Task, VehicleState } from '../model/world.ts';

/** Fields that change what traffic control would grant: a patch to any of them makes `blockedBy` stale. */
const ALLOCATION_INPUTS: readonly (keyof VehicleState)[] = ['route', 'task', 'lane', 'offsetMm', 'trail', 'status', 'paused', 'turnAround', 'speedMmps'];

export function patchVehicle(draft: Draft, id: string, patch: Partial<VehicleState>): VehicleState {
  const v = draft.vehicles.get(id)!;
  // The last allocation's blockers describe the old plan; forget them so the next tick's traffic
  // control looks afresh instead of keeping a stale allocation (see allocate-space.ts).
  const stale = !('blockedBy' in patch) && v.blockedBy.length > 0 && touchesAllocation(patch);
  let next: VehicleState;
  if (shaped.get(id) === v && knownFields(patch)) {
    next = Object.freeze(rebuilt(v, patch, stale));
    shaped.set(id, next);
  } else {
    next = Object.freeze(stale ? { ...v, ...patch, blockedBy: [] } : { ...v, ...patch });
    if (hasRecordShape(next)) shaped.set(id, next);
    else shaped.delete(id);
  }
  draft.vehicles.set(id, next);
  return next;
}

function touchesAllocation(patch: Partial<VehicleState>): boolean {
  for (let i = 0; i < ALLOCATION_INPUTS.length; i++) if (ALLOCATION_INPUTS[i]! in patch) return true;
  return false;
}

/**
 * A vehicle record's fields in the order a record is first built (AddVehicle). Patching copies a
 * record; a spread copy is general but slow, so a record known to have exactly these fields in
 * this order is copied field by field instead: the same object, key order included (the world
 * digest serialises keys in order). Anything else (a field added elsewhere) takes the spread.
 */
export const RECORD_FIELDS: readonly string[] = ['id', 'spec', 'lane', 'offsetMm', 'speedMmps', 'trail', 'route', 'held', 'limit', 'socWh', 'odometerMm', 'energyUsedWh', 'status', 'repairDoneMs', 'paused', 'charging', 'task', 'nextTask', 'load', 'turnAround', 'routeBlocked', 'chargeRequested', 'lastCommandKey', 'waitingSinceMs', 'stalledNotified', 'inDeadlock', 'blockedBy'];
const RECORD_FIELD_SET: ReadonlySet<string> = new Set(RECORD_FIELDS);

/** By vehicle id: its latest record known to have exactly `RECORD_FIELDS`, in order. */
const shaped = new Map<string, VehicleState>();

function knownFields(patch: Partial<VehicleState>): boolean {
  for (const k in patch) if (!RECORD_FIELD_SET.has(k)) return false;
  return true;
}

function hasRecordShape(v: VehicleState): boolean {
  const keys = Object.keys(v);
  if (keys.length !== RECORD_FIELDS.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== RECORD_FIELDS[i]) return false;
  return true;
}

function rebuilt(v: VehicleState, p: Partial<VehicleState>, stale: boolean): VehicleState {
  // The record's fields in order, then the patch's (a few) written over them: cheaper than asking
  // the patch about every field.
  const next: { -readonly [K in keyof VehicleState]: VehicleState[K] } = {
    id: v.id,
    spec: v.spec,
    lane: v.lane,
    offsetMm: v.offsetMm,
    speedMmps: v.speedMmps,
    trail: v.trail,
    route: v.route,
    held: v.held,
    limit: v.limit,
    socWh: v.socWh,
    odometerMm: v.odometerMm,
    energyUsedWh: v.energyUsedWh,
    status: v.status,
    repairDoneMs: v.repairDoneMs,
    paused: v.paused,
    charging: v.charging,
    task: v.task,
    nextTask: v.nextTask,
    load: v.load,
    turnAround: v.turnAround,
    routeBlocked: v.routeBlocked,
    chargeRequested: v.chargeRequested,
    lastCommandKey: v.lastCommandKey,
    waitingSinceMs: v.waitingSinceMs,
    stalledNotified: v.stalledNotified,
    inDeadlock: v.inDeadlock,
    blockedBy: v.blockedBy,
  };
  // Only RECORD_FIELDS are written (knownFields), so the key order stays the record's.
  for (const k in p) (next as Record<string, unknown>)[k] = (p as Record<string, unknown>)[k];
  if (stale) next.blockedBy = [];
  return next;
}

export function patchOrder(draft: Draft, id: string, patch: Partial<OrderState>): OrderState {
  const o = draft.orders.get(id)!;
  const next = Object.freeze({ ...o, ...patch });
  draft.orders.set(id, next);
  return next;
}

/** Releases the station nodes a vehicle had claimed (parking slot, charger), except `keepNode`. */
export function releaseClaims(draft: Draft, vehicleId: string, keepNode: string | null = null): void {
  for (const [node, holder] of [...draft.claims]) if (holder === vehicleId && node !== keepNode) draft.claims.delete(node);
}

/** Orders a task mentions that have not been picked yet. */
export function unpickedOrders(task: Task | null): string[] {
  if (!task) return [];
  const out: string[] = [];
  task.legs.forEach((leg, i) => {
    if (leg.action === 'pick' && leg.orderId && i >= task.legIndex) out.push(leg.orderId);
  });
  return out;
}

/**
 * Takes a vehicle off its work: unpicked orders go back to the pool (with an event), carried
 * orders stay on board and keep their drop legs; claims are released.
 */
export function unassignWork(draft: Draft, v: VehicleState, reason: 'VEHICLE_BROKEN' | 'CANCELLED' | 'UNKNOWN_VEHICLE'): void {
  for (const task of [v.task, v.nextTask]) {
    for (const orderId of unpickedOrders(task)) {
      const o = draft.orders.get(orderId);
      if (!o || o.status !== 'assigned') continue;
      patchOrder(draft, orderId, { status: 'open', vehicleId: null, lastVeto: null });
      draft.events.push({ kind: 'OrderUnassigned', orderId, vehicleId: v.id, reason });
    }
  }
  const carried = new Set(v.load);
  let task: Task | null = null;
  if (v.task && carried.size > 0) {
    const legs = v.task.legs.filter((leg, i) => i >= v.task!.legIndex && (leg.action !== 'pick' || (leg.orderId !== null && carried.has(leg.orderId))));
    task = legs.length > 0 ? { kind: 'order', legs, legIndex: 0, serviceUntilMs: null } : null;
  }
  releaseClaims(draft, v.id);
  patchVehicle(draft, v.id, { task, nextTask: null, route: truncateRoute(v), charging: false });
}

/** The route kept when plans change: the lanes up to the one holding the travel limit (the committed base). */
export function truncateRoute(v: VehicleState): string[] {
  return v.route.slice(0, Math.max(0, v.limit.laneIndex));
}
