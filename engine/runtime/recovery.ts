/**
 * Recovery after a restart or crash: the latest snapshot (or the initial world), then the
 * journal after it, replayed with the same `step()` — the result is the world the gate had when
 * its last journalled tick ran. A recorded digest proves it; accepted orders the rebuilt world
 * does not know are handed back so the caller re-submits them (nothing accepted is lost).
 */
import type { OrderSpec } from '../core/model/order.ts';
import type { World } from '../core/model/world.ts';
import type { Site } from '../core/tick/site.ts';
import { worldDigest } from '../core/tick/world-digest.ts';
import { replayJournal } from './journal.ts';
import { staticOrderProblem } from '../core/model/order-checks.ts';
import type { GateStorePort, StoredSnapshot } from './store-port.ts';

export interface Recovery {
  readonly world: World;
  /** Ticks stepped on top of the starting world. */
  readonly replayedTicks: number;
  /** Tick of the snapshot started from; null when it started from the initial world. */
  readonly snapshotTick: number | null;
  /** True when a recorded digest at or after the starting tick was compared. */
  readonly digestChecked: boolean;
  /** The comparison's result; null when nothing was compared. */
  readonly digestMatches: boolean | null;
  /** Tick of the compared digest, or null. */
  readonly digestTick: number | null;
  /** Accepted orders missing from the world, in acceptance order: submit them as CreateOrder. */
  readonly missingOrders: OrderSpec[];
  /** Why the newest snapshot was not used (unreadable, or its digest does not match its world), else null. */
  readonly snapshotRejected: string | null;
}

/**
 * Rebuilds the gate's world from `store`. `initial` must be the world the store's journal started
 * from (`createWorld` with the store meta's tickMs and seed). The digest compared is the newest
 * recorded one, checked when the replay passes its tick: with the runtime journalling every tick
 * that is the last journalled tick whenever a digest was recorded there.
 */
export function recoverWorld(site: Site, initial: World, store: GateStorePort): Recovery {
  let start = initial;
  let snapshotTick: number | null = null;
  let snapshotRejected: string | null = null;
  let snap: StoredSnapshot | null = null;
  try {
    snap = store.latestSnapshot();
  } catch (err) {
    snapshotRejected = `the newest snapshot cannot be read: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (snap) {
    const actual = worldDigest(snap.world);
    if (actual === snap.digest && snap.world.tick === snap.tick) {
      start = snap.world;
      snapshotTick = snap.tick;
    } else {
      // The journal alone still rebuilds everything: fall back to the initial world.
      snapshotRejected = `snapshot at tick ${snap.tick} has digest ${actual}, recorded ${snap.digest}`;
    }
  }

  const recorded = store.latestDigest();
  let pending = recorded && recorded.tick >= start.tick ? recorded : null;
  const verdict: { matches: boolean | null } = { matches: null };
  const check = (w: World) => {
    if (pending && w.tick === pending.tick) {
      verdict.matches = worldDigest(w) === pending.digest;
      pending = null;
    }
  };

  let world = start;
  check(world);
  for (const entry of store.entriesAfter(start.tick)) {
    if (pending && entry.tick > pending.tick) {
      world = replayJournal(site, world, [], pending.tick);
      check(world);
    }
    world = replayJournal(site, world, [entry]);
    check(world);
  }
  // A digest beyond the journal: the ticks in between had empty inboxes (replayJournal's rule).
  if (pending) {
    world = replayJournal(site, world, [], pending.tick);
    check(world);
  }

  // An order the engine can never take (stored before this rule guarded the API) is not handed back again.
  const missingOrders = store.acceptedOrders().filter((o) => !world.orders.has(o.id) && staticOrderProblem(site, o) === null);
  return {
    world,
    replayedTicks: world.tick - start.tick,
    snapshotTick,
    digestChecked: verdict.matches !== null,
    digestMatches: verdict.matches,
    digestTick: recorded && verdict.matches !== null ? recorded.tick : null,
    missingOrders,
    snapshotRejected,
  };
}
