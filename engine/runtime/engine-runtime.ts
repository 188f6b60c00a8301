/**
 * The engine runtime: the one place that calls `step()`. It owns the current world, keeps the
 * journal of `(tick, commands)` and guards each tick: a throw from the core becomes an
 * `EngineFault` event and safe mode (no new motion: every vehicle is told to halt), while the
 * world stays readable. Live and simulated runs use this same runtime with different drivers.
 */
import { step, type StepResult } from '../core/tick/step.ts';
import type { Command } from '../core/model/commands.ts';
import type { World } from '../core/model/world.ts';
import type { Site } from '../core/tick/site.ts';
import { rngFromState } from '../core/tick/tick-context.ts';
import type { JournalPort } from './journal.ts';

export interface EngineFault {
  readonly kind: 'EngineFault';
  readonly tick: number;
  readonly code: string;
  readonly message: string;
}

export interface TickOutcome extends StepResult {
  readonly fault: EngineFault | null;
}

export interface EngineRuntime {
  readonly site: Site;
  world(): World;
  /** Runs one tick with these commands (in order) and records them in the journal first. */
  tick(inbox: readonly Command[]): TickOutcome;
}

export function createEngineRuntime(site: Site, initial: World, journal: JournalPort | null = null): EngineRuntime {
  let world = initial;
  return {
    site,
    world: () => world,
    tick(inbox) {
      journal?.append(world.tick + 1, inbox);
      try {
        const result = step(world, inbox, { site, rng: rngFromState(world.rngState) });
        world = result.world;
        return { ...result, fault: null };
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'IGV_ERR_UNEXPECTED';
        const message = err instanceof Error ? err.message : String(err);
        const fault: EngineFault = { kind: 'EngineFault', tick: world.tick + 1, code, message };
        // Safe mode: the next steps run with grants off and every vehicle halted.
        world = Object.freeze({ ...world, tick: world.tick + 1, safeMode: true });
        return { world, events: [{ kind: 'EngineFault', code, message }], vehicleCommands: [], fault };
      }
    },
  };
}
