import { describe, expect, it } from 'vitest';
import { mapFromAscii } from '../fixtures/ascii-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';
import type { Command } from '../../engine/core/model/commands.ts';

// Two ways from B to C: the straight lane (the router's choice) and a loop through E and F; the
// way back from D to A runs round the bottom.
const map = mapFromAscii(
  `
  A------>B------>C------>D
  ^       |       ^       |
  |       v       |       v
  |       E------>F       |
  |                       |
  H<----------------------G
  `,
  { spacingMm: 10_000, stations: { A: { kind: 'transfer-crane' }, D: { kind: 'transfer-crane' } } },
);

/** X is sent from A to D; when `blocked`, S stands paused on B→C right past the diverge's box. */
function run(blocked: boolean, engine: Record<string, number> = {}) {
  const h = createHarness(map, engine);
  const a = [...h.site.stations.values()].find((s) => s.nodes[0] === 'A')!.id;
  const d = [...h.site.stations.values()].find((s) => s.nodes[0] === 'D')!.id;
  const add: Command[] = [{ kind: 'AddVehicle', vehicleId: 'X', spec: {}, at: { node: 'A' }, socPercent: 90 }];
  if (blocked) add.push({ kind: 'AddVehicle', vehicleId: 'S', spec: {}, at: { lane: 'B-C', offsetMm: 39_000 }, socPercent: 90 }, { kind: 'PauseVehicle', vehicleId: 'S' });
  h.tick(add);
  h.tick([h.order(a, d)]);
  const lanes = new Set<string>();
  let waitedMs = 0;
  for (let i = 0; i < 2_000; i++) {
    h.tick();
    const x = h.world().vehicles.get('X')!;
    lanes.add(x.lane);
    if (x.waitingSinceMs !== null) waitedMs = Math.max(waitedMs, h.world().tick * h.world().tickMs - x.waitingSinceMs);
    if ([...h.world().orders.values()].every((o) => o.status === 'delivered')) break;
  }
  const reroutes = h.events.filter(({ e }) => e.kind === 'Rerouted' && e.vehicleId === 'X').map(({ e }) => (e.kind === 'Rerouted' ? e.reason : ''));
  return { h, lanes, waitedMs, reroutes };
}

describe('given a diverge whose straight way starts with a paused vehicle', () => {
  it('keeps the router\'s straight lane when nothing stands in it', () => {
    const { h, lanes, reroutes } = run(false);
    expect([...h.world().orders.values()][0]!.status).toBe('delivered');
    expect(lanes.has('B-C')).toBe(true);
    expect(lanes.has('E-F')).toBe(false);
    expect(reroutes).toEqual([]);
  });

  it('has the PIBT step send the vehicle round by E and F before it has to stop when a paused vehicle stands at the start of the straight lane', () => {
    const { h, lanes, waitedMs, reroutes } = run(true);
    expect([...h.world().orders.values()][0]!.status).toBe('delivered');
    expect(lanes.has('E-F')).toBe(true);
    expect(lanes.has('B-C')).toBe(false);
    expect(reroutes.some((r) => /B-C starts with a queue \(S stands there\); PIBT sends it via B-E/.test(r))).toBe(true);
    expect(waitedMs).toBe(0);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });

  it('waits instead when the other way is longer than the slack allows', () => {
    const { lanes, reroutes, waitedMs } = run(true, { laneChoiceSlackMs: 1_000 });
    expect(lanes.has('E-F')).toBe(reroutes.length > 0);
    expect(reroutes.some((r) => /PIBT/.test(r))).toBe(false);
    expect(waitedMs).toBeGreaterThan(0);
  });
});

describe('given a vehicle broken down across the diverge itself', () => {
  it('has the waiting vehicle wait for the repair instead of flipping its route every tick', () => {
    const h = createHarness(map);
    const a = [...h.site.stations.values()].find((s) => s.nodes[0] === 'A')!.id;
    const d = [...h.site.stations.values()].find((s) => s.nodes[0] === 'D')!.id;
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'X', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'S', spec: {}, at: { lane: 'B-C', offsetMm: 16_000 }, socPercent: 90 },
    ]);
    h.tick([{ kind: 'BreakDown', vehicleId: 'S', repairMs: 120_000 }, h.order(a, d)]);
    const ticks = h.runUntilSettled(2_000);
    expect(ticks).toBeLessThan(2_000);
    const reroutes = h.events.filter(({ e }) => e.kind === 'Rerouted' && e.vehicleId === 'X');
    expect(reroutes.length).toBeLessThanOrEqual(2);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});
