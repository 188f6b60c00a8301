import { describe, expect, it } from 'vitest';
import { mapFromAscii } from '../fixtures/ascii-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';

describe('given two vehicles heading for one merge, the nearer one from the side lane', () => {
  const map = mapFromAscii(
    `
    A------->B------->C------->E
             ^
             |
             |
             D
    `,
    { spacingMm: 10_000, stations: { C: { kind: 'transfer-crane' }, E: { kind: 'transfer-crane' } } },
  );

  /** X is processed first (ids in order) but is 50 m from the merge; Y is 30 m from it. */
  function start() {
    const h = createHarness(map);
    const c = [...h.site.stations.values()].find((s) => s.nodes[0] === 'C')!.id;
    const e = [...h.site.stations.values()].find((s) => s.nodes[0] === 'E')!.id;
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'X', spec: {}, at: { lane: 'A-B', offsetMm: 40_000 }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'Y', spec: {}, at: { lane: 'D-B', offsetMm: 0 }, socPercent: 90 },
      h.order(c, e),
      h.order(c, e),
    ]);
    return h;
  }

  function race() {
    const h = start();
    const entered: string[] = [];
    for (let i = 0; i < 400 && entered.length < 2; i++) {
      h.tick();
      for (const v of h.world().vehicles.values()) if (v.lane === 'B-C' && !entered.includes(v.id)) entered.push(v.id);
    }
    return { h, entered };
  }

  it('plans a time window for each vehicle at the merge, the nearer one first', () => {
    const h = start();
    h.tick();
    const windows = [...h.world().reservations.values()].flat();
    const first = (id: string) => Math.min(...windows.filter((w) => w.vehicleId === id).map((w) => w.fromMs));
    expect(windows.length).toBeGreaterThan(0);
    expect(first('Y')).toBeLessThan(first('X'));
    for (const w of windows) expect(w.toMs).toBeGreaterThan(w.fromMs);
  });

  it('lets the vehicle with the earlier window through first although the other asked first', () => {
    const { entered, h } = race();
    expect(entered).toEqual(['Y', 'X']);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});
