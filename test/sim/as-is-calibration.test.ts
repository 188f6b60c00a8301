/**
 * The calibrated as-is gate (simulator/scenarios/as-is-2025.json) against today's numbers:
 * 1–2 day clearance at 2025 demand (P33), conservation, determinism, and stable at 1× while
 * unstable at 2× (so the capacity search has a bracket). 1-week warm-up, 4 measured weeks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadAsIsScenario, type AsIsScenario } from '../../simulator/gate/as-is/as-is-scenario.ts';
import { runAsIs } from '../../simulator/gate/as-is/run-as-is.ts';
import type { AsIsResult } from '../../simulator/gate/as-is/as-is-result.ts';

const SCENARIO = resolve(import.meta.dirname, '..', '..', 'simulator', 'scenarios', 'as-is-2025.json');
const RUN = { days: 28, warmupDays: 7 } as const;

describe('given the as-is-2025 scenario driven at 2025 demand (off-peak April, then the May peak)', () => {
  let scenario: AsIsScenario;
  let base: AsIsResult;

  beforeAll(async () => {
    const loaded = await loadAsIsScenario(SCENARIO);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    scenario = loaded.scenario;
    base = runAsIs(scenario.params, { seed: 1, ...RUN });
  });

  it('is named as-is-2025 and keeps 2025 demand at multiplier 1 without the weekend pilot', () => {
    expect(scenario.name).toBe('as-is-2025');
    expect(scenario.params.demand.tonnesPerDay).toBe(4509);
    expect(scenario.params.demand.multiplier).toBe(1);
    expect(scenario.params.calendar.weekendOpen).toBe(false);
  });

  it('clears the median truck in 1–2 days (P33) when run for 4 weeks after a week of warm-up', () => {
    expect(base.cleared.length).toBeGreaterThan(5000);
    expect(base.clearanceHours.p50).toBeGreaterThanOrEqual(24);
    expect(base.clearanceHours.p50).toBeLessThanOrEqual(48);
    expect(base.clearanceHours.p95).toBeGreaterThan(base.clearanceHours.p50);
  });

  it('conserves trucks exactly, over the whole run and over the measured window', () => {
    expect(base.counts.arrived).toBe(base.counts.cleared + base.counts.inSystem);
    const w = base.windowCounts;
    expect(w.inSystemAtStart + w.arrived).toBe(w.cleared + w.inSystemAtEnd);
    expect(w.cleared).toBe(base.cleared.length);
  });

  it('delivers the tonnage it is offered, with the 81 : 19 direction split (P23)', () => {
    const share = base.tonnesPerDay['CN-VN'] / base.tonnesPerDay.total;
    expect(share).toBeGreaterThan(0.78);
    expect(share).toBeLessThan(0.84);
    expect(base.windowCounts.cleared).toBeGreaterThan(0.9 * base.windowCounts.arrived);
  });

  it('holds a few hundred trucks on average, peaking after a closed peak-season weekend (Little: 1–2 days × 500+ trucks/day)', () => {
    expect(base.queue.meanInSystem).toBeGreaterThan(200);
    expect(base.queue.meanInSystem).toBeLessThan(1000);
    expect(base.queue.maxInSystem).toBeLessThan(2000);
  });

  it('gives the same result for the same seed and a different one for another seed', () => {
    const again = runAsIs(scenario.params, { seed: 1, ...RUN });
    expect(again).toEqual(base);
    const other = runAsIs(scenario.params, { seed: 2, ...RUN });
    expect(other.cleared).not.toEqual(base.cleared);
  });

  it('is stable at 1× and unstable, its queue growing week on week, at 2×', () => {
    expect(base.stable).toBe(true);
    const doubled = runAsIs(scenario.params, { seed: 1, ...RUN, multiplier: 2 });
    expect(doubled.stable).toBe(false);
    expect(doubled.stability.lastQuarterMean).toBeGreaterThan(2 * doubled.stability.secondQuarterMean);
    expect(doubled.counts.arrived).toBe(doubled.counts.cleared + doubled.counts.inSystem);
  });
});
