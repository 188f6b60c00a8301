/**
 * The working copy of a world during one `step()`. Phases replace records in these maps (never
 * mutate a record); `freezeDraft` turns the result back into a World with every map in id order.
 * The World passed to `step()` is never touched.
 */
import type { OrderState } from '../model/order.ts';
import type { EngineEvent } from '../model/events.ts';
import type { Counters, StationOutage, VehicleState, World } from '../model/world.ts';
import type { VehicleCommand } from '../model/vehicle-command.ts';
import { CowMap } from './cow-map.ts';

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
  downStations: Map<string, StationOutage>;
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
    vehicles: copyMap(world.vehicles),
    // Orders pile up over a long run, and most ticks touch neither orders nor claims: these are
    // copied only when written.
    orders: new CowMap(world.orders),
    claims: new CowMap(world.claims),
    closedLanes: new Set(world.closedLanes),
    downStations: new Map(world.downStations),
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
    orders: settled(draft.orders),
    claims: settled(draft.claims),
    closedLanes: new Set([...draft.closedLanes].sort()),
    downStations: sortedMap(draft.downStations),
    emergencyStop: draft.emergencyStop,
    safeMode: draft.safeMode,
    rngState: Object.freeze([...rngState]),
    counters: Object.freeze({ ...draft.counters }),
    reservations: sortedMap(draft.reservations),
  });
}

/** A copy of `m` in its order; unlike `new Map(m)`, no [key, value] pair is made per entry (thousands of vehicles, every tick). */
function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

// The list for the draft of the tick under way (one draft at a time is worked on).
let idsOf: { draft: Draft; ids: readonly string[] } | null = null;

/**
 * Vehicle ids in order, the list every phase walks. Vehicles are only ever added (never
 * removed), so the list is sorted again only when the count changed. Callers must not mutate it.
 */
export function vehicleIds(draft: Draft): readonly string[] {
  if (idsOf === null || idsOf.draft !== draft || idsOf.ids.length !== draft.vehicles.size) idsOf = { draft, ids: [...draft.vehicles.keys()].sort() };
  return idsOf.ids;
}

/** Vehicles in id order (the iteration order every phase uses). */
export function vehiclesById(draft: Draft): VehicleState[] {
  return [...draft.vehicles.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A draft map as the next world keeps it: an unwritten copy-on-write map is its (sorted) base. */
function settled<V>(m: Map<string, V>): ReadonlyMap<string, V> {
  if (m instanceof CowMap) return m.written ? sortedMap(m.result()) : m.result();
  return sortedMap(m);
}

function sortedMap<V>(m: ReadonlyMap<string, V>): ReadonlyMap<string, V> {
  const keys = [...m.keys()];
  let sorted = true;
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) { sorted = false; break; }
  return sorted ? m : new Map(keys.sort().map((k) => [k, m.get(k)!]));
}
