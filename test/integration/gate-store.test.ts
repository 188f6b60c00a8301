import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { worldDigest } from '../../engine/core/tick/world-digest.ts';
import type { World } from '../../engine/core/model/world.ts';
import { replayJournal, type JournalEntry } from '../../engine/runtime/journal.ts';
import { recoverWorld } from '../../engine/runtime/recovery.ts';
import { metaMismatches, STORE_FORMAT, type StoreMeta } from '../../engine/runtime/store-port.ts';
import { openGateStore, SNAPSHOTS_KEPT } from '../../engine/adapters/sqlite/gate-store.ts';
import { GateStoreError } from '../../engine/adapters/sqlite/sqlite-schema.ts';
import { createPhase1Run, createPhase1Site, scriptedOrder } from '../fixtures/phase1-run.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'igv-gate-store-'));
let n = 0;
const storePath = () => join(dir, `store-${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const META: StoreMeta = { format: STORE_FORMAT, mapId: 'bac-luan-2', mapVersion: '1', seed: 1, tickMs: 500, epochMs: 0, createdAt: '2025-01-01T00:00:00.00Z' };

/** Runs the scripted phase-1 run with `path`'s store as its journal; `each` sees every world. */
function liveRun(path: string, ticks: number, each: (w: World, store: ReturnType<typeof openGateStore>) => void = () => {}) {
  const store = openGateStore(path);
  store.writeMeta(META);
  const r = createPhase1Run(store.journal, { orderEvery: 30 });
  let w = r.initial;
  for (let i = 0; i < ticks; i++) {
    w = r.step();
    each(w, store);
  }
  store.close();
  return { world: w, site: r.site, initial: r.initial };
}

describe('given a run journalled to a store that is closed and opened again', () => {
  it('recovers the live world (same digest) when replaying the whole journal', () => {
    const path = storePath();
    const live = liveRun(path, 400);
    const store = openGateStore(path);
    const rec = recoverWorld(live.site, live.initial, store);
    expect(rec.world.tick).toBe(400);
    expect(worldDigest(rec.world)).toBe(worldDigest(live.world));
    expect(rec).toMatchObject({ snapshotTick: null, replayedTicks: 400, digestChecked: false, digestMatches: null, snapshotRejected: null });
    expect(store.meta()).toEqual(META);
    store.close();
  });

  it('starts from the newest snapshot, keeps only the newest few and checks the last recorded digest when there are later entries', () => {
    const path = storePath();
    const live = liveRun(path, 530, (w, s) => {
      if (w.tick % 100 === 0) s.saveSnapshot(w.tick, w, worldDigest(w));
      if (w.tick % 10 === 0) s.recordDigest(w.tick, worldDigest(w));
    });
    const store = openGateStore(path);
    const rec = recoverWorld(live.site, live.initial, store);
    expect(rec).toMatchObject({ snapshotTick: 500, replayedTicks: 30, digestChecked: true, digestMatches: true, digestTick: 530 });
    expect(worldDigest(rec.world)).toBe(worldDigest(live.world));
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT tick FROM snapshots ORDER BY tick').all()).toEqual([300, 400, 500].slice(-SNAPSHOTS_KEPT).map((tick) => ({ tick })));
    db.close();
  });

  it('reports a mismatch when the recorded digest is not the rebuilt world\'s', () => {
    const path = storePath();
    const live = liveRun(path, 120, (w, s) => w.tick === 120 && s.recordDigest(120, '0000000000000000'));
    const store = openGateStore(path);
    expect(recoverWorld(live.site, live.initial, store)).toMatchObject({ digestChecked: true, digestMatches: false, digestTick: 120 });
    store.close();
  });

  it('falls back to the journal from the initial world when the newest snapshot does not match its digest', () => {
    const path = storePath();
    const live = liveRun(path, 250, (w, s) => w.tick === 200 && s.saveSnapshot(200, w, 'ffffffffffffffff'));
    const store = openGateStore(path);
    const rec = recoverWorld(live.site, live.initial, store);
    expect(rec.snapshotTick).toBeNull();
    expect(rec.snapshotRejected).toMatch(/tick 200/);
    expect(worldDigest(rec.world)).toBe(worldDigest(live.world));
    store.close();
  });
});

describe('given accepted orders', () => {
  it('keeps them across a reopen, in acceptance order, and lists those the recovered world lacks when some never reached the journal', () => {
    const path = storePath();
    const live = liveRun(path, 100, (w, s) => {
      for (const o of w.orders.values()) s.acceptOrder(o.spec, w.tick);
    });
    const store = openGateStore(path);
    const late = scriptedOrder(500);
    store.acceptOrder(late, null);
    store.acceptOrder({ ...late, grossKg: 1 }, null);
    store.close();

    const again = openGateStore(path);
    const ids = again.acceptedOrders().map((o) => o.id);
    expect(ids).toEqual([...live.world.orders.keys()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).concat('O500'));
    expect(again.acceptedOrders().at(-1)).toEqual(late);
    const rec = recoverWorld(live.site, live.initial, again);
    expect(rec.missingOrders).toEqual([late]);
    again.close();
  });
});

describe('given a file that is not a gate store', () => {
  it('throws a GateStoreError naming the path when the file is not SQLite', () => {
    const path = storePath();
    writeFileSync(path, 'this is a text file, not a database at all; '.repeat(50));
    expect(() => openGateStore(path)).toThrow(GateStoreError);
    expect(() => openGateStore(path)).toThrow(expect.objectContaining({ code: 'NOT_A_GATE_STORE', path }));
  });

  it('refuses another application\'s database and an unknown schema version', () => {
    const other = storePath();
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openGateStore(other)).toThrow(expect.objectContaining({ code: 'NOT_A_GATE_STORE', path: other }));

    const future = storePath();
    openGateStore(future).close();
    const f = new Database(future);
    f.pragma('user_version = 2');
    f.close();
    expect(() => openGateStore(future)).toThrow(expect.objectContaining({ code: 'UNKNOWN_SCHEMA_VERSION', message: expect.stringMatching(/schema version 2/) }));
  });

  it('refuses a second journal entry for a tick when one is already there', () => {
    const store = openGateStore(storePath());
    store.journal.append(1, []);
    expect(() => store.journal.append(1, [])).toThrow(expect.objectContaining({ code: 'JOURNAL_CONFLICT' }));
    store.close();
  });
});

describe('given store meta', () => {
  it('lists what differs when a start asks for another map, seed or tick', () => {
    expect(metaMismatches(META, META)).toEqual([]);
    expect(metaMismatches(META, { ...META, seed: 2, tickMs: 100 })).toHaveLength(2);
  });
});

/** Spawns the writer, returns the lines it printed before SIGKILL (sent after `prints` lines). */
function killWriterAfter(path: string, prints: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/fixtures/store-writer.mts', path, '--every', '20', '--snapshot-every', '70'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '', err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
      if (lines.length >= prints) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? done(lines) : fail(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('given a store whose writer process is killed with SIGKILL mid-run', () => {
  it('recovers to the last printed tick or later, with the digest recorded there, and loses no accepted order', async () => {
    const path = storePath();
    const lines = await killWriterAfter(path, 8);
    const [lastTick, lastDigest] = lines.at(-1)!.split(' ') as [string, string];
    const printedTick = Number(lastTick);

    const store = openGateStore(path);
    const meta = store.meta()!;
    const site = createPhase1Site(meta.tickMs);
    const initial = createWorld({ tickMs: meta.tickMs, seed: meta.seed });
    const rec = recoverWorld(site, initial, store);
    expect(rec.world.tick).toBeGreaterThanOrEqual(printedTick);
    expect(rec.digestChecked).toBe(true);
    expect(rec.digestMatches).toBe(true);
    expect(rec.snapshotTick).not.toBeNull();
    expect(store.digestAt(printedTick)).toBe(lastDigest);

    const upTo: JournalEntry[] = [...store.entriesAfter(0)].filter((e) => e.tick <= printedTick);
    expect(worldDigest(replayJournal(site, initial, upTo, printedTick))).toBe(lastDigest);

    // Nothing accepted is lost: re-submitting the missing orders brings every one into the world.
    const resumed = replayJournal(site, rec.world, [{ tick: rec.world.tick + 1, commands: rec.missingOrders.map((order) => ({ kind: 'CreateOrder' as const, order })) }]);
    for (const o of store.acceptedOrders()) expect(resumed.orders.has(o.id), o.id).toBe(true);
    store.close();
  });
});
