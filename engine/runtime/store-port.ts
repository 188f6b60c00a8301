/**
 * The gate store port: what the live gate keeps so that a restart loses nothing accepted —
 * the journal of every tick's commands, periodic world snapshots, recorded digests (to check a
 * recovery) and the accepted orders. The SQLite adapter implements it (engine/adapters/sqlite);
 * `recoverWorld` (recovery.ts) reads it back.
 */
import { z } from 'zod';
import type { OrderSpec } from '../core/model/order.ts';
import type { World } from '../core/model/world.ts';
import type { JournalEntry, JournalPort } from './journal.ts';

export const STORE_FORMAT = 'igv-gate-store/1';

/** What a store was started with; a restart must use the same map, seed and clock. */
export const StoreMetaSchema = z
  .object({
    format: z.literal(STORE_FORMAT),
    mapId: z.string().min(1),
    mapVersion: z.string().min(1),
    seed: z.number().int(),
    tickMs: z.number().int().positive(),
    /** Wall time (Unix ms) of engine time 0: a tick's timestamp is `epochMs + tick × tickMs`. */
    epochMs: z.number().int(),
    /** When the store was created, ISO 8601. */
    createdAt: z.string().min(1),
  })
  .strict();

export type StoreMeta = z.infer<typeof StoreMetaSchema>;

export interface StoredSnapshot {
  readonly tick: number;
  readonly world: World;
  readonly digest: string;
}

export interface GateStorePort {
  /** Appends every tick's commands (the runtime calls it before `step()`); durable when it returns. */
  readonly journal: JournalPort;
  meta(): StoreMeta | null;
  writeMeta(m: StoreMeta): void;
  /**
   * Keeps `world` as it was after tick `tick` ran (its journal entry already appended; `world.tick`
   * must equal `tick`) and drops all but the newest few snapshots. Costs an encode of the whole
   * world: take one every few thousand ticks, not every tick.
   */
  saveSnapshot(tick: number, world: World, digest: string): void;
  latestSnapshot(): StoredSnapshot | null;
  /** Journal entries with a tick greater than `tick`, in tick order (read in pages, lazily). */
  entriesAfter(tick: number): Iterable<JournalEntry>;
  /** Keeps the digest of the world after `tick` ran, so a recovery can prove it rebuilt that world. */
  recordDigest(tick: number, digest: string): void;
  digestAt(tick: number): string | null;
  /** The recorded digest with the highest tick, or null. */
  latestDigest(): { readonly tick: number; readonly digest: string } | null;
  /**
   * Keeps an accepted order (call it BEFORE the API answers). A second call with the same id is
   * ignored: the first spec is the one the engine saw.
   */
  acceptOrder(spec: OrderSpec, acceptedAtTick: number | null): void;
  /** Every accepted order, in the order they were accepted. */
  acceptedOrders(): OrderSpec[];
  close(): void;
}

/**
 * Compares a store's meta with what this start wants; returns one line per difference (empty when
 * the store may be resumed). `createdAt` and `epochMs` belong to the store and are not compared.
 */
export function metaMismatches(stored: StoreMeta, wanted: Pick<StoreMeta, 'mapId' | 'mapVersion' | 'seed' | 'tickMs'>): string[] {
  const out: string[] = [];
  for (const k of ['mapId', 'mapVersion', 'seed', 'tickMs'] as const) {
    if (stored[k] !== wanted[k]) out.push(`${k}: the store has ${JSON.stringify(stored[k])}, this start has ${JSON.stringify(wanted[k])}`);
  }
  return out;
}
