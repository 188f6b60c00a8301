/**
 * What the live gate writes to its store: every tick that had commands (before it is applied:
 * the runtime appends first), a digest every 100 ticks so a replay can be checked, and a snapshot
 * every `snapshotEveryTicks` so a restart replays minutes, not days.
 */
import type { JournalPort } from '../runtime/journal.ts';
import type { GateStorePort } from '../runtime/store-port.ts';
import type { GateTick } from '../runtime/gate/gate-port.ts';
import type { World } from '../core/model/world.ts';
import { worldDigest } from '../core/tick/world-digest.ts';

export const DIGEST_EVERY_TICKS = 100;

export function createJournalling(store: GateStorePort, snapshotEveryTicks: number) {
  const journal: JournalPort = {
    append(tick, commands) {
      if (commands.length > 0) store.journal.append(tick, commands);
    },
    entries: () => store.journal.entries(),
  };
  return {
    journal,
    afterTick(t: GateTick): void {
      if (t.tick % snapshotEveryTicks === 0) store.saveSnapshot(t.tick, t.world, worldDigest(t.world));
      else if (t.tick % DIGEST_EVERY_TICKS === 0) store.recordDigest(t.tick, worldDigest(t.world));
    },
    /** On a clean stop: a snapshot of where the gate stopped. */
    final(world: World): void {
      store.saveSnapshot(world.tick, world, worldDigest(world));
    },
  };
}
