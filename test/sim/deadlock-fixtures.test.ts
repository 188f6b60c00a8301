import { describe, expect, it } from 'vitest';
import { mapFromAscii } from '../fixtures/ascii-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';

function settledWell(h: ReturnType<typeof createHarness>) {
  const w = h.world();
  for (const o of w.orders.values()) {
    expect(o.status === 'delivered' || (o.status === 'failed' && o.failReason)).toBeTruthy();
  }
  // Idle vehicles keep circulating when they have no slot, so one may be waiting right now;
  // stuck means waiting for minutes.
  for (let i = 0; i < 600; i++) h.tick();
  const after = h.world();
  const now = after.tick * after.tickMs;
  for (const v of after.vehicles.values()) expect(now - (v.waitingSinceMs ?? now), `${v.id} is stuck`).toBeLessThan(120_000);
  expect(h.checkTrace()).toMatch(/^OK:/);
}

describe('given two loops joined by a single-track lane (head-on meeting)', () => {
  const map = mapFromAscii(
    `
    A---->B=====C---->D
    ^     |     ^     |
    |     v     |     v
    H<----G     F<----E
    `,
    { spacingMm: 12_000, stations: { H: { kind: 'transfer-crane' }, E: { kind: 'transfer-crane' } } },
  );
  it('delivers orders both ways through the single track when vehicles meet head-on', () => {
    const h = createHarness(map);
    const left = [...h.site.stations.values()].find((s) => s.nodes[0] === 'H')!.id;
    const right = [...h.site.stations.values()].find((s) => s.nodes[0] === 'E')!.id;
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'L1', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'R1', spec: {}, at: { node: 'D' }, socPercent: 90 },
    ]);
    h.tick([h.order(left, right), h.order(right, left), h.order(left, right), h.order(right, left)]);
    const ticks = h.runUntilSettled(20_000);
    expect(ticks).toBeLessThan(20_000);
    expect([...h.world().orders.values()].filter((o) => o.status === 'delivered')).toHaveLength(4);
    settledWell(h);
  });
});

describe('given a ring packed with vehicles and a shortcut across it', () => {
  const map = mapFromAscii(
    `
    A------>B------>C
    ^       |       |
    |       v       v
    F<------E<------D
    `,
    { spacingMm: 10_000, stations: { C: { kind: 'transfer-crane' }, F: { kind: 'transfer-crane' } } },
  );
  it('keeps every vehicle moving and delivers every order when the ring is packed to one free cell', () => {
    const h = createHarness(map);
    const cells = h.site.cells;
    const ring = ['A-B', 'B-C', 'C-D', 'D-E', 'E-F', 'F-A'];
    const spots = ring.flatMap((lane) => cells.laneCells(lane).map((id) => ({ lane, offsetMm: cells.cells[id]!.s1 })));
    const adds = spots.slice(1).map((at, i) => ({ kind: 'AddVehicle' as const, vehicleId: `V${String(i + 1).padStart(2, '0')}`, spec: {}, at, socPercent: 90 }));
    const first = h.tick(adds);
    const added = first.events.filter((e) => e.kind === 'VehicleAdded').length;
    expect(added).toBeGreaterThan(8);
    const c = [...h.site.stations.values()].find((s) => s.nodes[0] === 'C')!.id;
    const f = [...h.site.stations.values()].find((s) => s.nodes[0] === 'F')!.id;
    h.tick(Array.from({ length: added }, (_, i) => (i % 2 === 0 ? h.order(c, f) : h.order(f, c))));
    const ticks = h.runUntilSettled(60_000);
    expect(ticks).toBeLessThan(60_000);
    settledWell(h);
  });
});

describe('given two feeder lanes merging into one lane to a crane (a merge under load)', () => {
  const map = mapFromAscii(
    `
    A------>B------>C------>D
    ^       ^               |
    |       |               v
    H<------G<------F<------E
    `,
    { spacingMm: 10_000, stations: { D: { kind: 'transfer-crane' }, H: { kind: 'transfer-crane' }, F: { kind: 'igv-parking' } } },
  );
  it('lets vehicles through the merge one at a time and delivers every order', () => {
    const h = createHarness(map);
    const d = [...h.site.stations.values()].find((s) => s.nodes[0] === 'D')!.id;
    const hh = [...h.site.stations.values()].find((s) => s.nodes[0] === 'H')!.id;
    const starts = ['A', 'G', 'E', 'C'];
    h.tick(starts.map((node, i) => ({ kind: 'AddVehicle' as const, vehicleId: `M${i + 1}`, spec: {}, at: { node }, socPercent: 90 })));
    h.tick(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? h.order(hh, d) : h.order(d, hh))));
    const ticks = h.runUntilSettled(60_000);
    expect(ticks).toBeLessThan(60_000);
    settledWell(h);
  });
});
