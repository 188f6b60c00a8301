/**
 * The journal port: every tick's commands, in order, before they are applied. The initial world
 * plus the journal reproduces a run exactly (`replayJournal`). The in-memory journal is the
 * default; the SQLite adapter implements the same port for the live gate.
 */
import type { Command } from '../core/model/commands.ts';
import type { World } from '../core/model/world.ts';
import type { Site } from '../core/tick/site.ts';
import { step } from '../core/tick/step.ts';
import { rngFromState } from '../core/tick/tick-context.ts';

export interface JournalEntry {
  readonly tick: number;
  readonly commands: readonly Command[];
}

export interface JournalPort {
  append(tick: number, commands: readonly Command[]): void;
  entries(): Iterable<JournalEntry>;
}

export function createMemoryJournal(): JournalPort & { readonly list: JournalEntry[] } {
  const list: JournalEntry[] = [];
  return {
    list,
    append(tick, commands) {
      list.push({ tick, commands: [...commands] });
    },
    entries: () => list,
  };
}

/** Re-runs a journal from an initial world; ticks missing from the journal run with an empty inbox. */
export function replayJournal(site: Site, initial: World, entries: Iterable<JournalEntry>, untilTick?: number): World {
  let world = initial;
  const advance = (inbox: readonly Command[]) => {
    try {
      world = step(world, inbox, { site, rng: rngFromState(world.rngState) }).world;
    } catch {
      world = Object.freeze({ ...world, tick: world.tick + 1, safeMode: true });
    }
  };
  for (const e of entries) {
    while (world.tick + 1 < e.tick) advance([]);
    advance(e.commands);
  }
  if (untilTick !== undefined) while (world.tick < untilTick) advance([]);
  return world;
}
