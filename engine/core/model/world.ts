/**
 * The world: everything the engine knows at one tick. Records are replaced, never mutated:
 * `step()` returns a new World and leaves the one it was given untouched, so a caller may keep
 * old worlds (replay, forks, the feed's previous version).
 *
 * Iteration order is by id everywhere: the maps below are filled in sorted key order.
 */
import type { VehicleSpec } from './vehicle-spec.ts';
import type { OrderState } from './order.ts';

export type VehicleStatus = 'ok' | 'broken' | 'link-lost';

/** What a vehicle does at a stop. */
/**
 * What a vehicle does at a stop. `hold` is a place on the running lanes an idle vehicle drives
 * to when no parking slot is free (a holding pattern: it moves on from there, never blocking).
 */
export type LegAction = 'pick' | 'drop' | 'gate' | 'scan' | 'charge' | 'park' | 'hold';

/** One stop of a task: drive to `node` of `station` (empty for a holding point), then do `action` there. */
export interface Leg {
  readonly station: string;
  /**
   * The station the order named for this stop, whose per-order service time applies (the engine
   * may serve it at an equivalent station: another gate of the same side).
   */
  readonly serviceKey?: string;
  readonly node: string;
  readonly action: LegAction;
  readonly orderId: string | null;
}

export interface Task {
  readonly kind: 'order' | 'charge' | 'park';
  readonly legs: readonly Leg[];
  /** Index of the leg being driven to or served. */
  readonly legIndex: number;
  /** Engine time the current leg's service ends; null while driving or waiting to be served. */
  readonly serviceUntilMs: number | null;
}

/** Where the vehicle may drive up to: `laneIndex` counts in [lane, ...route]. */
export interface TravelLimit {
  readonly laneIndex: number;
  readonly offsetMm: number;
}

export interface VehicleState {
  readonly id: string;
  readonly spec: VehicleSpec;
  /** Lane the nose is on and how far along it, mm. */
  readonly lane: string;
  readonly offsetMm: number;
  readonly speedMmps: number;
  /** Lanes behind the nose's lane that the body may still cover, oldest first. */
  readonly trail: readonly string[];
  /** Planned lanes after `lane`. */
  readonly route: readonly string[];
  /** Cells held exclusively, sorted. */
  readonly held: readonly number[];
  readonly limit: TravelLimit;
  readonly socWh: number;
  readonly odometerMm: number;
  readonly energyUsedWh: number;
  readonly status: VehicleStatus;
  readonly repairDoneMs: number | null;
  readonly paused: boolean;
  readonly charging: boolean;
  readonly task: Task | null;
  /** Work promised for when the current task ends (a return load paired with this trip). */
  readonly nextTask: Task | null;
  /** Orders on board. */
  readonly load: readonly string[];
  /** The route continues on the twin of the nose lane: turn round once stopped at the lane's end. */
  readonly turnAround: boolean;
  /** The planner found no route to the current leg (a closure); it retries every tick. */
  readonly routeBlocked: boolean;
  /** A charge was asked for (operator or energy policy); taken when the current task ends. */
  readonly chargeRequested: boolean;
  /** Key of the last command sent, so a command goes out only when it changes. */
  readonly lastCommandKey: string;
  /** Since when the vehicle has wanted to move and could not, ms; null when it is not waiting. */
  readonly waitingSinceMs: number | null;
  readonly stalledNotified: boolean;
  /** Vehicles holding the space this one is waiting for (empty when it is not waiting). */
  readonly blockedBy: readonly string[];
  /** Part of a wait-for cycle already reported, so a deadlock is reported once. */
  readonly inDeadlock: boolean;
}

export interface Counters {
  readonly deadlocksDetected: number;
  readonly deadlocksResolved: number;
  readonly reroutes: number;
  readonly stalls: number;
  readonly ordersCreated: number;
  readonly ordersDelivered: number;
  readonly ordersFailed: number;
  readonly maxWaitMs: number;
}

export const ZERO_COUNTERS: Counters = Object.freeze({
  deadlocksDetected: 0,
  deadlocksResolved: 0,
  reroutes: 0,
  stalls: 0,
  ordersCreated: 0,
  ordersDelivered: 0,
  ordersFailed: 0,
  maxWaitMs: 0,
});

/** Why and since when (engine ms) a station is out of service. */
export interface StationOutage {
  readonly reason: string;
  readonly sinceMs: number;
}

export interface World {
  readonly tick: number;
  readonly tickMs: number;
  readonly vehicles: ReadonlyMap<string, VehicleState>;
  readonly orders: ReadonlyMap<string, OrderState>;
  /** Station stop nodes promised to a vehicle (parking slots, chargers): node → vehicle id. */
  readonly claims: ReadonlyMap<string, string>;
  readonly closedLanes: ReadonlySet<string>;
  /** Stations out of service (StationDown), by station id: they start no service and suspend the ones in progress. */
  readonly downStations: ReadonlyMap<string, StationOutage>;
  /** Emergency stop in force: every vehicle halts, nothing new is released. */
  readonly emergencyStop: boolean;
  /** A broken invariant stopped the engine issuing motion (see runtime tick guard). */
  readonly safeMode: boolean;
  readonly rngState: readonly number[];
  readonly counters: Counters;
  /**
   * The planner's space-time proposal: by contested place (`c<cell>` junction cell,
   * `b<block>><node>` single-track block in one direction), the time windows vehicles plan to
   * occupy it, earliest first. Traffic control uses it to decide who goes first, never for safety.
   */
  readonly reservations: ReadonlyMap<string, readonly { readonly vehicleId: string; readonly fromMs: number; readonly toMs: number }[]>;
}

export function nowMs(world: Pick<World, 'tick' | 'tickMs'>): number {
  return world.tick * world.tickMs;
}
