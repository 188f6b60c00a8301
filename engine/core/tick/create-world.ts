/**
 * The empty world a run starts from: tick 0, no vehicles, no orders, the seed's generator state.
 * Vehicles and orders arrive as commands, so the journal alone rebuilds everything.
 */
import { ZERO_COUNTERS, type World } from '../model/world.ts';
import { seedState } from './tick-context.ts';

export function createWorld(options: { tickMs: number; seed: number }): World {
  return Object.freeze({
    tick: 0,
    tickMs: options.tickMs,
    vehicles: new Map(),
    orders: new Map(),
    claims: new Map(),
    closedLanes: new Set<string>(),
    downStations: new Map(),
    emergencyStop: false,
    safeMode: false,
    rngState: seedState(options.seed),
    counters: ZERO_COUNTERS,
    reservations: new Map(),
  });
}
