/**
 * What the edges (HTTP API, IOC feed, vehicle link, metrics) see of the live gate. The gate is
 * the engine runtime driven by a clock: everything that wants a change enqueues commands, and
 * only the tick loop calls `step()` (DESIGN §2, one writer).
 */
import type { Observable } from 'rxjs';
import type { Command } from '../../core/model/commands.ts';
import type { EngineEvent } from '../../core/model/events.ts';
import type { VehicleCommand } from '../../core/model/vehicle-command.ts';
import type { World } from '../../core/model/world.ts';
import type { Site } from '../../core/tick/site.ts';

/** One tick as the edges see it. */
export interface GateTick {
  readonly tick: number;
  /** Engine time at the end of the tick, ms. */
  readonly nowMs: number;
  readonly world: World;
  readonly events: readonly EngineEvent[];
  readonly vehicleCommands: readonly VehicleCommand[];
}

export interface SubmitResult {
  /** The tick that applied the commands. */
  readonly tick: number;
  /** All events of that tick (the caller picks those about its commands). */
  readonly events: readonly EngineEvent[];
  readonly world: World;
}

export interface GatePort {
  readonly site: Site;
  /** The current world (the last tick's result). */
  world(): World;
  /**
   * Operator commands: applied in order at the next tick, after it is journalled. Resolves once
   * that tick has run (so the caller can answer with the engine's verdict); rejects if the gate
   * stops first.
   */
  submit(commands: readonly Command[]): Promise<SubmitResult>;
  /** Vehicle-side commands (reports, link loss, a vehicle joining): applied at the next tick, no answer. */
  enqueue(commands: readonly Command[]): void;
  /** Every tick, in order, after it ran and was journalled. */
  readonly ticks$: Observable<GateTick>;
  /** True while the tick loop runs. */
  running(): boolean;
}
