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
  const stale = !('blockedBy' in patch) && v.blockedBy.length > 0 && ALLOCATION_INPUTS.some((k) => k in patch);
  const next = Object.freeze(stale ? { ...v, ...patch, blockedBy: [] } : { ...v, ...patch });
  draft.vehicles.set(id, next);
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
