/**
 * `step(world, inbox, ctx)`: the engine's one writer. A tick is this named, ordered list of
 * phases; read it and you know the behaviour. Pure: no clocks, no I/O, no Math.random; the world
 * passed in is left untouched and a new one is returned with the tick's events and vehicle
 * commands. A broken invariant throws (an IgvError); the runtime's tick guard catches it.
 */
import type { Command } from '../model/commands.ts';
import type { EngineEvent } from '../model/events.ts';
import type { VehicleCommand } from '../model/vehicle-command.ts';
import type { World } from '../model/world.ts';
import type { TickContext } from './tick-context.ts';
import { freezeDraft, openDraft } from './draft.ts';
import { applyOperatorCommands } from './phases/apply-commands.ts';
import { ingestVehicleReports } from './phases/ingest-reports.ts';
import { releasePassedSpace } from './phases/release-passed-space.ts';
import { advanceServices } from './phases/advance-services.ts';
import { assignCargo } from '../dispatch/dispatcher.ts';
import { sendIdleVehicles } from '../energy/idle-policy.ts';
import { planRoutes } from '../planner/route-planning.ts';
import { allocate } from './phases/allocate-space.ts';
import { emitVehicleCommands } from './phases/emit-commands.ts';
import { watchdog } from './phases/watchdog.ts';

export interface StepResult {
  readonly world: World;
  readonly events: readonly EngineEvent[];
  readonly vehicleCommands: readonly VehicleCommand[];
}

/** The phases in the order they run (names for logs, docs and tests). */
export const PHASES = [
  'apply-operator-commands',
  'ingest-vehicle-reports',
  'release-passed-space',
  'advance-process-steps',
  'assign-cargo',
  'plan-routes',
  'allocate-space',
  'emit-vehicle-commands',
  'watchdog',
] as const;

export function step(world: World, inbox: readonly Command[], ctx: TickContext): StepResult {
  const { site } = ctx;
  const draft = openDraft(world);
  applyOperatorCommands(site, draft, inbox);
  ingestVehicleReports(site, draft, inbox);
  releasePassedSpace(site, draft);
  advanceServices(site, draft);
  // Matching orders to vehicles is the costliest decision and needs no 10 Hz: it runs every
  // `dispatchEveryMs` of engine time (and on the first tick).
  if (!draft.safeMode && (draft.nowMs % Math.max(site.config.dispatchEveryMs, draft.tickMs) < draft.tickMs || draft.tick === 1)) {
    assignCargo(site, draft);
    sendIdleVehicles(site, draft);
  }
  planRoutes(site, draft);
  const allocation = allocate(site, draft);
  emitVehicleCommands(site, draft);
  watchdog(site, draft, allocation);
  return { world: freezeDraft(draft, ctx.rng.state()), events: draft.events, vehicleCommands: draft.vehicleCommands };
}
