import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { worldDigest } from '../../engine/core/tick/world-digest.ts';
import type { World } from '../../engine/core/model/world.ts';
import { createMemoryJournal, replayJournal } from '../../engine/runtime/journal.ts';
import { decodeWorld, encodeWorld, WorldCodecError } from '../../engine/runtime/world-codec.ts';
import { createPhase1Run } from '../fixtures/phase1-run.ts';

describe('given a live run on the phase-1 map', () => {
  it('decodes each encoded world to the same digest and steps it to the same digests as the original when given the same inboxes', () => {
    const journal = createMemoryJournal();
    const r = createPhase1Run(journal, { orderEvery: 40 });
    const digests = new Map<number, string>();
    const saved = new Map<number, string>();
    const saveAt = new Set([1, 35, 75, 400, 1200]);
    for (let i = 0; i < 1500; i++) {
      const w = r.step();
      digests.set(w.tick, worldDigest(w));
      if (saveAt.has(w.tick)) saved.set(w.tick, encodeWorld(w));
    }
    // At tick 75 a lane is closed, a station is down, a vehicle broken and one paused.
    const at75 = decodeWorld(saved.get(75)!);
    expect(at75.closedLanes.size).toBe(1);
    expect(at75.downStations.size).toBe(1);
    expect(at75.vehicles.get('IGV-01')!.status).toBe('broken');
    expect(at75.vehicles.get('IGV-02')!.paused).toBe(true);

    for (const [tick, text] of saved) {
      let w = decodeWorld(text);
      expect(w.tick).toBe(tick);
      expect(worldDigest(w)).toBe(digests.get(tick));
      const after = journal.list.filter((e) => e.tick > tick && e.tick <= tick + 300);
      for (const e of after) {
        w = replayJournal(r.site, w, [e]);
        expect(w.safeMode).toBe(false);
        expect(worldDigest(w), `tick ${e.tick} from snapshot ${tick}`).toBe(digests.get(e.tick));
      }
    }
  });

  it('encodes equal worlds to equal text when the decoded world is encoded again', () => {
    const r = createPhase1Run(null, { orderEvery: 40 });
    let w: World = r.initial;
    for (let i = 0; i < 200; i++) w = r.step();
    const text = encodeWorld(w);
    expect(encodeWorld(decodeWorld(text))).toBe(text);
  });
});

describe('given worlds with unusual contents', () => {
  const base = createWorld({ tickMs: 100, seed: 7 });

  it('restores maps in sorted key order and freezes records and arrays when they were filled out of order', () => {
    const w = {
      ...base,
      claims: new Map([['n9', 'V2'], ['n1', 'V1']]),
      closedLanes: new Set(['L2', 'L1']),
      reservations: new Map([['c5', [{ vehicleId: 'V1', fromMs: 0, toMs: 10 }]]]),
    } as World;
    const d = decodeWorld(encodeWorld(w));
    expect([...d.claims.keys()]).toEqual(['n1', 'n9']);
    expect([...d.closedLanes]).toEqual(['L2', 'L1']);
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.counters)).toBe(true);
    expect(Object.isFrozen(d.rngState)).toBe(true);
    expect(Object.isFrozen(d.reservations.get('c5'))).toBe(true);
    expect(Object.isFrozen(d.reservations.get('c5')![0])).toBe(true);
    expect(worldDigest(d)).toBe(worldDigest(w));
  });

  it('keeps a record that owns a "$t" key and non-finite numbers when they appear in the data', () => {
    const odd = { $t: 'Map', e: 'not a tag', v: Infinity, n: -Infinity, z: Number.NaN };
    const w = { ...base, downStations: new Map([['S1', odd]]) } as unknown as World;
    const back = decodeWorld(encodeWorld(w)).downStations.get('S1') as unknown as typeof odd;
    expect(back.$t).toBe('Map');
    expect(back.e).toBe('not a tag');
    expect(back.v).toBe(Infinity);
    expect(back.n).toBe(-Infinity);
    expect(Number.isNaN(back.z)).toBe(true);
  });

  it('throws WorldCodecError when the text is not an encoded world', () => {
    expect(() => decodeWorld('{"format":"igv-world/9","world":{}}')).toThrow(WorldCodecError);
    expect(() => decodeWorld('{"format":"igv-world/1"')).toThrow(/not JSON/);
    const noMap = JSON.parse(encodeWorld(base)) as { world: Record<string, unknown> };
    noMap.world['vehicles'] = {};
    expect(() => decodeWorld(JSON.stringify(noMap))).toThrow(/vehicles must be a Map/);
  });
});
