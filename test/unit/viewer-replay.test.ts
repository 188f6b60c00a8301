import { describe, expect, it } from 'vitest';
import { parseTrace, TraceParseError } from '../../viewer/src/model/replay.ts';
import { advance, replayClock, seek, setPlaying, setSpeed } from '../../viewer/src/model/replay-clock.ts';
import { angleDelta } from '../../viewer/src/model/replay-index.ts';
import { runSimulation } from '../../simulator/run-sim.ts';
import { loadScenario } from '../fixtures/scenarios.ts';

const lines = (...recs: object[]) => recs.map((r) => JSON.stringify(r)).join('\n') + '\n';

const SMALL = lines(
  { type: 'header', format: 'igv-trace/1', tickMs: 500, vehicles: { V1: { lengthM: 15.6, widthM: 3, maxSpeedMps: 8, capacity: 1 }, V2: { lengthM: 12, widthM: 2.5, maxSpeedMps: 8, capacity: 1 } } },
  { type: 'tick', t: 1000, v: [['V1', 0, 0, 3.1], ['V2', 50, 50, 0]] },
  { type: 'order', t: 1000, id: 'O1', event: 'created' },
  { type: 'order', t: 1000, id: 'O1', event: 'assigned', vehicle: 'V1' },
  { type: 'order', t: 1000, id: 'O2', event: 'created' },
  { type: 'order', t: 1000, id: 'O2', event: 'assigned', vehicle: 'V2' },
  { type: 'order', t: 1500, id: 'O1', event: 'loaded', vehicle: 'V1' },
  { type: 'vehicle', id: 'V3', spec: { lengthM: 10, widthM: 2, maxSpeedMps: 5, capacity: 1 } },
  { type: 'tick', t: 2000, v: [['V1', 10, 0, -3.1], ['V2', 50, 50, 0], ['V3', -5, -5, 1]] },
  { type: 'order', t: 2500, id: 'O1', event: 'unloaded', vehicle: 'V1' },
  { type: 'order', t: 2500, id: 'O1', event: 'delivered', vehicle: 'V1' },
  { type: 'order', t: 2600, id: 'O2', event: 'failed', reason: 'NO_ROUTE' },
  { type: 'tick', t: 3000, v: [['V3', -5, -5, 1], ['V1', 10, 0, -3.1], ['V2', 50, 50, 0]] },
);

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((d) => [d.id, d]));

describe('given a small synthetic trace', () => {
  const tl = parseTrace(SMALL);

  it('reads the timeline, the vehicles and their footprints', () => {
    expect(tl.tickMs).toBe(500);
    expect([tl.startMs, tl.endMs]).toEqual([1000, 3000]);
    expect(tl.times).toEqual([1000, 2000, 3000]);
    expect(tl.vehicleIds).toEqual(['V1', 'V2', 'V3']);
    expect(byId(tl.frameAt(2000)).get('V3')).toMatchObject({ lengthM: 10, widthM: 2 });
  });

  it('interpolates halfway between two tick records, turning the shorter way through ±π', () => {
    const v1 = byId(tl.frameAt(1500)).get('V1')!;
    expect(v1.x).toBeCloseTo(5, 5);
    expect(v1.y).toBeCloseTo(0, 5);
    expect(Math.abs(angleDelta(v1.heading, Math.PI))).toBeLessThan(1e-3);
    expect(v1).toMatchObject({ lengthM: 15.6, widthM: 3, look: 'driving' });
  });

  it('draws exactly the recorded pose at a tick time and clamps times outside the recording', () => {
    expect(byId(tl.frameAt(2000)).get('V1')).toMatchObject({ x: 10, y: 0 });
    expect(tl.frameAt(-5_000).map((d) => [d.id, d.x, d.y])).toEqual([['V1', 0, 0], ['V2', 50, 50]]);
    expect(byId(tl.frameAt(1e12)).get('V1')!.x).toBe(10);
  });

  it('shows a vehicle that joined later only from its first tick record, even when records reorder vehicles', () => {
    expect(byId(tl.frameAt(1999)).has('V3')).toBe(false);
    const v3 = byId(tl.frameAt(2500)).get('V3')!;
    expect([v3.x, v3.y]).toEqual([-5, -5]);
    expect(byId(tl.frameAt(2500)).get('V1')!.x).toBeCloseTo(10, 5);
  });

  it('puts cargo on a vehicle from its loaded event until it is unloaded', () => {
    expect(byId(tl.frameAt(1499)).get('V1')!.cargo).toBeNull();
    expect(byId(tl.frameAt(1500)).get('V1')!.cargo).toBe('other');
    expect(tl.carriedAt('V1', 2499)).toEqual(['O1']);
    expect(tl.carriedAt('V1', 2500)).toEqual([]);
    expect(byId(tl.frameAt(2500)).get('V1')!.cargo).toBeNull();
  });

  it('tells a vehicle standing with work (waiting) from one standing without (idle)', () => {
    expect(byId(tl.frameAt(1500)).get('V2')!.look).toBe('waiting');
    expect(byId(tl.frameAt(2700)).get('V2')!.look).toBe('idle');
    expect(byId(tl.frameAt(2700)).get('V1')!.look).toBe('idle');
  });

  it('counts the order events up to a time', () => {
    expect(tl.statsAt(999)).toEqual({ created: 0, delivered: 0, failed: 0, deliveredLastHour: 0, onBoard: 0 });
    expect(tl.statsAt(2000)).toEqual({ created: 2, delivered: 0, failed: 0, deliveredLastHour: 0, onBoard: 1 });
    expect(tl.statsAt(3000)).toEqual({ created: 2, delivered: 1, failed: 1, deliveredLastHour: 1, onBoard: 0 });
    expect(tl.statsAt(2500 + 3_600_000).deliveredLastHour).toBe(0);
  });
});

describe('given text that is not an igv-trace/1', () => {
  it('names the line it could not read', () => {
    const cases: [string, number, string][] = [
      ['', 1, 'empty trace'],
      [lines({ type: 'tick', t: 0, v: [] }), 1, 'header'],
      [`${lines({ type: 'header', format: 'igv-trace/1', vehicles: {} })}{oops\n`, 2, 'not JSON'],
      [lines({ type: 'header', format: 'igv-trace/1', vehicles: {} }, { type: 'tick', t: 1000, v: [['V1', 'x', 0, 0]] }), 2, 'v[0]'],
      [lines({ type: 'header', format: 'igv-trace/1', vehicles: {} }, { type: 'tick', t: 2000, v: [] }, { type: 'tick', t: 1000, v: [] }), 3, 'before'],
      [lines({ type: 'header', format: 'igv-trace/1', vehicles: {} }), 2, 'no tick records'],
    ];
    for (const [text, line, words] of cases) {
      let err: unknown = null;
      try {
        parseTrace(text);
      } catch (e) {
        err = e;
      }
      expect(err, words).toBeInstanceOf(TraceParseError);
      expect((err as TraceParseError).line, words).toBe(line);
      expect((err as Error).message, words).toContain(words);
    }
  });
});

describe('given the trace of a real simulated run (smoke-phase1, 0.2 h)', () => {
  const { scenario, map } = loadScenario('smoke-phase1');
  const out: string[] = [];
  runSimulation({ scenario, map, seed: 1, hours: 0.2, trace: (l) => out.push(l) });
  const recs = out.map((l) => JSON.parse(l) as { type: string; t: number; v: [string, number, number, number][]; event?: string; id?: string; vehicle?: string });
  const ticks = recs.filter((r) => r.type === 'tick');
  const tl = parseTrace(out.join('\n'));

  it('has every tick record and every vehicle of the header', () => {
    expect(tl.times.length).toBe(ticks.length);
    expect(tl.vehicleIds.length).toBe(scenario.fleet.count);
    expect(tl.frameAt(tl.startMs).length).toBe(scenario.fleet.count);
  });

  it('gives the recorded poses at tick times and poses on the segment between them in between', () => {
    let moving = 0;
    for (let i = 0; i + 1 < ticks.length; i += 37) {
      const a = ticks[i]!, b = ticks[i + 1]!;
      const at = byId(tl.frameAt(a.t));
      const mid = byId(tl.frameAt((a.t + b.t) / 2));
      const next = new Map(b.v.map((r) => [r[0], r]));
      for (const [id, x, y] of a.v) {
        const p = at.get(id)!;
        expect(Math.abs(p.x - x) + Math.abs(p.y - y)).toBeLessThan(1e-3);
        const [, x1, y1] = next.get(id)!;
        const m = mid.get(id)!;
        expect(Math.hypot(m.x - (x + x1) / 2, m.y - (y + y1) / 2)).toBeLessThan(1e-3);
        if (Math.hypot(x1 - x, y1 - y) > 0.1) {
          moving++;
          expect(m.look).toBe('driving');
        }
      }
    }
    expect(moving).toBeGreaterThan(0);
  });

  it('shows a loaded vehicle with cargo right after its loaded event', () => {
    const loaded = recs.filter((r) => r.type === 'order' && r.event === 'loaded');
    expect(loaded.length).toBeGreaterThan(0);
    for (const e of loaded) {
      expect(tl.carriedAt(e.vehicle!, e.t)).toContain(e.id);
      expect(byId(tl.frameAt(e.t)).get(e.vehicle!)!.cargo).toBe('other');
      expect(byId(tl.frameAt(e.t - 1)).get(e.vehicle!)!.cargo).toBeNull();
    }
  });
});

describe('given the replay play head', () => {
  it('moves at its speed while playing, stops at the end and starts over when played again', () => {
    let c = replayClock(1000, 601_000, 60);
    expect(advance(c, 1000)).toBe(c);
    c = setPlaying(c, true);
    c = advance(c, 1000);
    expect(c.tMs).toBe(61_000);
    c = advance(setSpeed(c, 600), 5_000);
    expect(c).toMatchObject({ tMs: 601_000, playing: false });
    expect(setPlaying(c, true).tMs).toBe(1000);
    expect(seek(c, -5).tMs).toBe(1000);
    expect(setSpeed(c, 10_000).speed).toBe(600);
    expect(setSpeed(c, 0).speed).toBe(1);
  });
});
