import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../simulator/run-sim.ts';
import { loadScenario } from '../fixtures/scenarios.ts';

/**
 * Conservation over both lanes of the gate: every truck that arrives is cleared, still in the
 * system, or failed with a reason — nothing is dropped between the demand, the smart-lane process,
 * the engine and the traditional lane.
 */
describe('given the phase-1 smart scenario at 2× demand in the peak season for 12 hours', () => {
  const { scenario, map } = loadScenario('smart-phase1');
  if (scenario.demand.kind !== 'gate') throw new Error('smart-phase1 must have gate demand');
  const peak = { ...scenario, demand: { ...scenario.demand, startDay: 121, trucks: { ...scenario.demand.trucks, multiplier: 2 } } };
  const failures: { id: string; reason: unknown }[] = [];
  const r = runSimulation({
    scenario: peak,
    map,
    seed: 3,
    hours: 12,
    trace: (line) => {
      if (!line.includes('"failed"')) return;
      const rec = JSON.parse(line) as { type: string; event?: string; id: string; reason?: unknown };
      if (rec.type === 'order' && rec.event === 'failed') failures.push({ id: rec.id, reason: rec.reason });
    },
  });
  const gate = r.gate!;
  const orders = [...r.world.orders.values()];

  it('turns every smart-lane truck into exactly one IGV order, or still has it in declaration', () => {
    expect(gate.smartTrucks).toBeGreaterThan(20);
    expect(r.kpis.orders.created + gate.inDeclaration).toBe(gate.smartTrucks);
  });
  it('has every IGV order delivered, failed or still open', () => {
    const count = (s: string) => orders.filter((o) => o.status === s).length;
    expect(r.kpis.orders.delivered).toBeGreaterThan(10);
    expect(r.kpis.orders.delivered + r.kpis.orders.failed + r.kpis.orders.open).toBe(r.kpis.orders.created);
    expect(count('delivered')).toBe(r.kpis.orders.delivered);
    expect(orders.length).toBe(r.kpis.orders.created);
  });
  it('gives every failed order a reason', () => {
    expect(failures.length).toBe(r.kpis.orders.failed);
    for (const f of failures) expect(typeof f.reason === 'string' && f.reason.length > 0).toBe(true);
  });
  it('clears on the traditional lane every other truck, or still holds it', () => {
    const t = r.traditional!;
    expect(t.windowCounts.arrived).toBe(gate.traditionalTrucks);
    expect(t.windowCounts.inSystemAtStart + t.windowCounts.arrived).toBe(t.windowCounts.cleared + t.windowCounts.inSystemAtEnd);
    expect(t.counts.arrived).toBe(t.counts.cleared + t.counts.inSystem);
    expect(t.windowCounts.inSystemAtStart).toBeGreaterThan(0);
  });
  it('counts both lanes in the throughput and the capacity multiple', () => {
    const k = r.kpis;
    const lanes = k.throughput.smartLane.tonnesPerDay + k.throughput.traditionalLane!.tonnesPerDay;
    expect(Math.abs(k.throughput.tonnesPerDay - lanes)).toBeLessThan(0.2);
    expect(k.capacity.multiple).toBeCloseTo(k.throughput.tonnesPerDay / k.capacity.baselineTonnesPerDay, 2);
    expect(k.capacity.smartLaneShare).toBeGreaterThan(0);
    expect(k.capacity.smartLaneShare).toBeLessThan(1);
  });
  it('runs without engine faults', () => {
    expect(r.faults).toEqual([]);
  });
});
