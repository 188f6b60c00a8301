/**
 * The working copy of a world during one `step()`. Phases replace records in these maps (never
 * mutate a record); `freezeDraft` turns the result back into a World with every map in id order.
 * The World passed to `step()` is never touched.
 */
import type { OrderState } from '../model/order.ts';
import type { EngineEvent } from '../model/events.ts';
import type { Counters, VehicleState, World } from '../model/world.ts';
import type { VehicleCommand } from '../model/vehicle-command.ts';

export interface Draft {
  /** The world this tick started from (never changed). */
  readonly previous: World;
  readonly tick: number;
  readonly tickMs: number;
  readonly nowMs: number;
  vehicles: Map<string, VehicleState>;
  orders: Map<string, OrderState>;
  claims: Map<string, string>;
  closedLanes: Set<string>;
  emergencyStop: boolean;
  safeMode: boolean;
  counters: { -readonly [K in keyof Counters]: Counters[K] };
  reservations: World['reservations'];
  readonly events: EngineEvent[];
  readonly vehicleCommands: VehicleCommand[];
  /** Orders created this tick, in creation order (the dispatcher's and trace's view of "new"). */
  readonly newOrders: string[];
}

/** Starts the working copy of the next tick from `world`. */
export function openDraft(world: World): Draft {
  const tick = world.tick + 1;
  return {
    previous: world,
    tick,
    tickMs: world.tickMs,
    nowMs: tick * world.tickMs,
    vehicles: new Map(world.vehicles),
    orders: new Map(world.orders),
    claims: new Map(world.claims),
    closedLanes: new Set(world.closedLanes),
    emergencyStop: world.emergencyStop,
    safeMode: world.safeMode,
    counters: { ...world.counters },
    reservations: world.reservations,
    events: [],
    vehicleCommands: [],
    newOrders: [],
  };
}

export function freezeDraft(draft: Draft, rngState: readonly number[]): World {
  return Object.freeze({
    tick: draft.tick,
    tickMs: draft.tickMs,
    vehicles: sortedMap(draft.vehicles),
    orders: sortedMap(draft.orders),
    claims: sortedMap(draft.claims),
    closedLanes: new Set([...draft.closedLanes].sort()),
    emergencyStop: draft.emergencyStop,
    safeMode: draft.safeMode,
    rngState: Object.freeze([...rngState]),
    counters: Object.freeze({ ...draft.counters }),
    reservations: sortedMap(draft.reservations),
  });
}

/** Vehicles in id order (the iteration order every phase uses). */
export function vehiclesById(draft: Draft): VehicleState[] {
  return [...draft.vehicles.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sortedMap<V>(m: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  const keys = [...m.keys()];
  let sorted = true;
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) { sorted = false; break; }
  return sorted ? m : new Map(keys.sort().map((k) => [k, m.get(k)!]));
}
