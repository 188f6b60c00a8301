/**
 * Who goes first, for the planner's PIBT step and for traffic control alike: laden before empty,
 * then the one waiting longest, then by id (a strict order, so ties never depend on map order).
 */
import type { VehicleState } from '../model/world.ts';
import type { Draft } from '../tick/draft.ts';

/** Vehicle ids, most urgent first. */
export function priorityOrder(vehicles: readonly VehicleState[]): string[] {
  return [...vehicles]
    .sort((a, b) => {
      const la = a.load.length > 0 ? 0 : 1;
      const lb = b.load.length > 0 ? 0 : 1;
      if (la !== lb) return la - lb;
      const wa = a.waitingSinceMs ?? Number.MAX_SAFE_INTEGER;
      const wb = b.waitingSinceMs ?? Number.MAX_SAFE_INTEGER;
      if (wa !== wb) return wa - wb;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((v) => v.id);
}

// Loads and waits change only in phases that run before the planner (services) or after traffic
// control (which sets waits), so one order serves both within a tick: sorted once per draft.
const byDraft = new WeakMap<Draft, readonly string[]>();

/** `priorityOrder` of the draft's vehicles, computed once per tick (draft). */
export function tickPriorityOrder(draft: Draft): readonly string[] {
  let order = byDraft.get(draft);
  if (!order) byDraft.set(draft, (order = priorityOrder([...draft.vehicles.values()])));
  return order;
}
