/**
 * The gate store on SQLite (better-sqlite3): the journal, snapshots, recorded digests and
 * accepted orders of the live gate in one file. Every write is one committed transaction when the
 * call returns, so what the runtime journalled survives a crash of the process.
 */
import type { Command } from '../../core/model/commands.ts';
import type { OrderSpec } from '../../core/model/order.ts';
import type { World } from '../../core/model/world.ts';
import type { JournalEntry, JournalPort } from '../../runtime/journal.ts';
import { StoreMetaSchema, type GateStorePort, type StoreMeta, type StoredSnapshot } from '../../runtime/store-port.ts';
import { decodeWorld, encodeWorld } from '../../runtime/world-codec.ts';
import { GateStoreError, openStoreDatabase } from './sqlite-schema.ts';

/** Snapshots kept: the newest few, so one damaged snapshot still leaves an older one to inspect. */
export const SNAPSHOTS_KEPT = 3;
/** Journal rows read per query while replaying (bounded memory, no statement left open). */
const PAGE_ROWS = 2_000;
const META_KEY = 'store';

export interface GateStore extends GateStorePort {
  readonly path: string;
}

/**
 * Opens or creates the gate store at `path` (see `openStoreDatabase` for the checks and the
 * `GateStoreError` codes). The caller owns it and must `close()` it.
 */
export function openGateStore(path: string): GateStore {
  const db = openStoreDatabase(path);
  const q = {
    append: db.prepare<[number, string]>('INSERT INTO journal (tick, commands) VALUES (?, ?)'),
    page: db.prepare<[number, number], { tick: number; commands: string }>('SELECT tick, commands FROM journal WHERE tick > ? ORDER BY tick LIMIT ?'),
    meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    writeMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    saveSnap: db.prepare<[number, string, string]>('INSERT OR REPLACE INTO snapshots (tick, world, digest) VALUES (?, ?, ?)'),
    pruneSnaps: db.prepare<[number]>('DELETE FROM snapshots WHERE tick NOT IN (SELECT tick FROM snapshots ORDER BY tick DESC LIMIT ?)'),
    latestSnap: db.prepare<[], { tick: number; world: string; digest: string }>('SELECT tick, world, digest FROM snapshots ORDER BY tick DESC LIMIT 1'),
    recordDigest: db.prepare<[number, string]>('INSERT OR REPLACE INTO digests (tick, digest) VALUES (?, ?)'),
    digestAt: db.prepare<[number], { digest: string }>('SELECT digest FROM digests WHERE tick = ?'),
    latestDigest: db.prepare<[], { tick: number; digest: string }>('SELECT tick, digest FROM digests ORDER BY tick DESC LIMIT 1'),
    accept: db.prepare<[string, string, number | null]>('INSERT OR IGNORE INTO orders (id, spec, accepted_tick) VALUES (?, ?, ?)'),
    accepted: db.prepare<[], { spec: string }>('SELECT spec FROM orders ORDER BY rowid'),
  };

  function* entriesAfter(tick: number): Generator<JournalEntry> {
    let after = tick;
    for (;;) {
      const rows = q.page.all(after, PAGE_ROWS);
      for (const r of rows) yield { tick: r.tick, commands: JSON.parse(r.commands) as Command[] };
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1]!.tick;
    }
  }

  const journal: JournalPort = {
    // One INSERT in autocommit mode is one transaction: committed (in the WAL) when run() returns.
    append(tick, commands) {
      try {
        q.append.run(tick, JSON.stringify(commands));
      } catch (err) {
        if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
          throw new GateStoreError('JOURNAL_CONFLICT', path, `tick ${tick} is already journalled (two writers, or a runtime not resumed from the recovered world)`);
        }
        throw err;
      }
    },
    entries: () => entriesAfter(Number.MIN_SAFE_INTEGER),
  };

  const saveSnapshot = db.transaction((tick: number, text: string, digest: string) => {
    q.saveSnap.run(tick, text, digest);
    q.pruneSnaps.run(SNAPSHOTS_KEPT);
  });

  return {
    path,
    journal,
    meta(): StoreMeta | null {
      const row = q.meta.get(META_KEY);
      if (!row) return null;
      const parsed = StoreMetaSchema.safeParse(safeJson(row.value));
      if (!parsed.success) throw new GateStoreError('BAD_META', path, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return parsed.data;
    },
    writeMeta(m) {
      q.writeMeta.run(META_KEY, JSON.stringify(StoreMetaSchema.parse(m)));
    },
    saveSnapshot(tick: number, world: World, digest: string) {
      if (world.tick !== tick) throw new GateStoreError('SNAPSHOT_MISMATCH', path, `snapshot for tick ${tick} holds a world at tick ${world.tick}`);
      saveSnapshot(tick, encodeWorld(world), digest);
    },
    latestSnapshot(): StoredSnapshot | null {
      const row = q.latestSnap.get();
      return row ? { tick: row.tick, world: decodeWorld(row.world), digest: row.digest } : null;
    },
    entriesAfter,
    recordDigest(tick, digest) {
      q.recordDigest.run(tick, digest);
    },
    digestAt: (tick) => q.digestAt.get(tick)?.digest ?? null,
    latestDigest: () => q.latestDigest.get() ?? null,
    acceptOrder(spec: OrderSpec, acceptedAtTick: number | null) {
      q.accept.run(spec.id, JSON.stringify(spec), acceptedAtTick);
    },
    acceptedOrders: () => q.accepted.all().map((r) => JSON.parse(r.spec) as OrderSpec),
    close() {
      if (db.open) db.close();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
