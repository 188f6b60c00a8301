import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { judgeStability, type QueueSample } from '../../simulator/capacity/stability.ts';
import { searchCapacity, type Evaluation, type SearchProgress } from '../../simulator/capacity/bisection.ts';
import { evaluateToy, runToyQueue, toyCapacityPerDay } from '../../simulator/capacity/toy-queue.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CRANE_MS = 4 * 60_000; // one crane move: 4 min, so 1/S = 15/h = 360/day
const CAPACITY = toyCapacityPerDay(CRANE_MS);

/** Hourly samples over `days` of a level given by `f(tMs)`. */
function series(days: number, f: (tMs: number) => number): QueueSample[] {
  const out: QueueSample[] = [];
  for (let t = 0; t <= days * DAY; t += HOUR) out.push({ tMs: t, inSystem: f(t) });
  return out;
}

describe('given judgeStability', () => {
  it('calls a flat queue stable with zero growth', () => {
    const v = judgeStability(series(28, () => 12));
    expect(v.stable).toBe(true);
    expect(v.growthPerDay).toBeCloseTo(0, 9);
    expect(v.meanLevel).toBe(12);
    expect(v.reason).toMatch(/^stable: /);
  });

  it('calls a linearly growing queue unstable and measures its slope when it grows 3 per day', () => {
    const v = judgeStability(series(28, (t) => (3 * t) / DAY));
    expect(v.stable).toBe(false);
    expect(v.growthPerDay).toBeCloseTo(3, 6);
    expect(v.growthOverHorizon).toBeCloseTo(84, 4);
    expect(v.reason).toMatch(/^unstable: queue grows .*trend \+3\/day, i\.e\. \+84 over the horizon/);
  });

  it('calls a noisy flat queue stable when the noise is large but has no trend', () => {
    const rng = xoroshiro128plus(42);
    const v = judgeStability(series(28, () => 20 + Math.round((uniformFloat64(rng) - 0.5) * 16)));
    expect(v.stable).toBe(true);
    expect(Math.abs(v.growthOverHorizon)).toBeLessThan(v.tolerance);
  });

  it('ignores the first half when the queue fills during warm-up and then stays level', () => {
    const v = judgeStability(series(28, (t) => Math.min(100, (100 * t) / (10 * DAY))));
    expect(v.stable).toBe(true);
  });

  it('scales the tolerance with the mean level when the level is high (max(5, 10 % of the mean))', () => {
    // The same growth of 15 over the horizon: inside 10 % of a level of 200, outside the floor of 5 at a level of 20.
    const grow15 = (level: number) => series(28, (t) => level + (15 * t) / (28 * DAY));
    const high = judgeStability(grow15(200));
    const low = judgeStability(grow15(20));
    expect(high.tolerance).toBeCloseTo(21.1, 1);
    expect(high.stable).toBe(true);
    expect(low.tolerance).toBe(5);
    expect(low.stable).toBe(false);
  });

  it('gives the same verdict whatever the order of the samples', () => {
    const s = series(7, (t) => (t / DAY) * 2);
    expect(judgeStability([...s].reverse())).toEqual(judgeStability(s));
  });

  it('refuses to call a run stable when there are too few samples to judge', () => {
    const v = judgeStability([{ tMs: 0, inSystem: 0 }]);
    expect(v.stable).toBe(false);
    expect(v.reason).toMatch(/^not judged stable/);
  });
});

describe('given the toy crane queue', () => {
  it('delivers at most 1/S per day when demand is twice its capacity (throughput is measured)', () => {
    const run = runToyQueue({ multiplier: 2, baseRatePerDay: CAPACITY, serviceMs: CRANE_MS, horizonDays: 7, seed: 1, poisson: false });
    expect(run.arrivals).toBeCloseTo(2 * 7 * CAPACITY, -1);
    expect(run.deliveredPerDay).toBeCloseTo(CAPACITY, 0);
    expect(judgeStability(run.samples).stable).toBe(false);
  });
});

describe('given the capacity search on the deterministic toy (D/D/1, λ* = 1/S = 360/day)', () => {
  const evaluate = evaluateToy({ baseRatePerDay: 300, serviceMs: CRANE_MS, horizonDays: 28, seed: 1, poisson: false });

  it('finds λ* within 2 % and converges when the budget is ample', async () => {
    const r = await searchCapacity(evaluate, { lo: 0.5, hi: 1, tolerance: 0.005, maxEvaluations: 30 });
    expect(r.status).toBe('converged');
    expect(r.converged).toBe(true);
    expect((r.multiplier! * 300) / CAPACITY).toBeGreaterThan(0.98);
    expect((r.multiplier! * 300) / CAPACITY).toBeLessThan(1.02);
    expect(r.throughputPerDay! / CAPACITY).toBeGreaterThan(0.98);
    const [stable, unstable] = r.bracket;
    expect(stable).toBe(r.multiplier);
    expect((unstable! - stable!) / stable!).toBeLessThanOrEqual(0.005);
    expect(r.evaluations.find((e) => e.multiplier === stable)?.stable).toBe(true);
    expect(r.evaluations.find((e) => e.multiplier === unstable)?.stable).toBe(false);
  });

  it('widens hi by doubling when hi is still stable', async () => {
    const phases: SearchProgress['phase'][] = [];
    const r = await searchCapacity(evaluate, { lo: 0.2, hi: 0.3, tolerance: 0.01, maxEvaluations: 30, onProgress: (p) => phases.push(p.phase) });
    expect(r.evaluations.slice(0, 4).map((e) => e.multiplier)).toEqual([0.2, 0.3, 0.6, 1.2]);
    expect(phases.slice(0, 5)).toEqual(['check-lo', 'widen', 'widen', 'widen', 'widen']);
    expect(phases).toHaveLength(r.evaluations.length);
    expect(r.converged).toBe(true);
    expect((r.multiplier! * 300) / CAPACITY).toBeGreaterThan(0.98);
  });

  it('returns converged: false with the best bracket so far when the budget is too small', async () => {
    const r = await searchCapacity(evaluate, { lo: 0.5, hi: 1, tolerance: 0.005, maxEvaluations: 5 });
    expect(r.status).toBe('budget-spent');
    expect(r.converged).toBe(false);
    expect(r.evaluations).toHaveLength(5);
    const [stable, unstable] = r.bracket;
    expect(stable! * 300).toBeLessThanOrEqual(CAPACITY);
    expect(unstable! * 300).toBeGreaterThan(CAPACITY);
    expect(r.multiplier).toBe(stable);
    expect(r.note).toMatch(/budget of 5 evaluations ran out/);
  });

  it('says the capacity is below the range without looping when lo is already unstable', async () => {
    let calls = 0;
    const counted = (m: number) => {
      calls++;
      return evaluate(m);
    };
    const r = await searchCapacity(counted, { lo: 1.5, hi: 3, tolerance: 0.01, maxEvaluations: 30 });
    expect(r.status).toBe('below-range');
    expect(r.converged).toBe(false);
    expect(r.multiplier).toBeNull();
    expect(r.throughputPerDay).toBeNull();
    expect(r.bracket).toEqual([null, 1.5]);
    expect(calls).toBe(1);
    expect(r.note).toMatch(/below the searched range/);
  });
});

describe('given the capacity search on a black-box model', () => {
  it('reports the throughput and detail of the largest stable run, not multiplier × demand', async () => {
    // Capacity at 2.5×; the model delivers a flat 700/day once loaded past 1.75×.
    const model = (m: number): Evaluation => ({ stable: m <= 2.5, throughputPerDay: Math.min(400 * m, 700), detail: { at: m } });
    const r = await searchCapacity(model, { lo: 1, hi: 2, tolerance: 0.001, maxEvaluations: 40 });
    expect(r.multiplier).toBeCloseTo(2.5, 2);
    expect(r.throughputPerDay).toBe(700);
    expect(r.detail).toEqual({ at: r.multiplier });
  });

  it('stops at the cap and says so when the model never becomes unstable', async () => {
    const r = await searchCapacity(() => ({ stable: true, throughputPerDay: 1 }), { lo: 1, hi: 2, maxHi: 16, tolerance: 0.01, maxEvaluations: 50 });
    expect(r.status).toBe('above-cap');
    expect(r.evaluations.map((e) => e.multiplier)).toEqual([1, 2, 4, 8, 16]);
    expect(r.bracket).toEqual([16, null]);
  });

  it('rejects options that cannot bracket anything', async () => {
    const model = () => ({ stable: true, throughputPerDay: 1 });
    await expect(searchCapacity(model, { lo: 0, hi: 1, tolerance: 0.01, maxEvaluations: 5 })).rejects.toThrow(RangeError);
    await expect(searchCapacity(model, { lo: 2, hi: 1, tolerance: 0.01, maxEvaluations: 5 })).rejects.toThrow(RangeError);
    await expect(searchCapacity(model, { lo: 1, hi: 2, tolerance: 0.01, maxEvaluations: 0 })).rejects.toThrow(RangeError);
  });
});

describe('given the capacity search on the Poisson toy (M/D/1)', () => {
  it('finds a value within 10 % below 1/S when arrivals are random', async () => {
    // Why the result sits below 1/S: an M/D/1 queue at load ρ < 1 is stable in theory, but its
    // mean level (ρ + ρ²/(2(1−ρ))) and the time it takes to settle (~1/(1−ρ)²) both blow up as
    // ρ → 1. On a finite horizon such a queue is still filling in the judged half, and its slow
    // random swings look like a trend, so the judge calls loads just under 1/S "growing". At
    // ρ = 1 the queue grows like √t and is unstable. So the largest load judged stable on a finite
    // horizon is a few per cent below 1/S, and gets closer as the horizon grows. A single run can
    // also look flat by luck just above 1/S, hence 3 replications that must all be stable. Over
    // 40 seed sets with these settings the result ranged 0.895–1.000 × 1/S (median 0.945).
    const evaluate = evaluateToy({ baseRatePerDay: 300, serviceMs: CRANE_MS, horizonDays: 365, seed: 11, poisson: true, sampleEveryMs: HOUR }, { replications: 3 });
    const r = await searchCapacity(evaluate, { lo: 0.5, hi: 1, tolerance: 0.01, maxEvaluations: 20 });
    expect(r.converged).toBe(true);
    const ratio = (r.multiplier! * 300) / CAPACITY;
    expect(ratio).toBeGreaterThanOrEqual(0.9);
    expect(ratio).toBeLessThanOrEqual(1);
    expect(r.throughputPerDay! / CAPACITY).toBeGreaterThanOrEqual(0.88);
  });

  it('returns the same result for the same inputs', async () => {
    const run = () =>
      searchCapacity(evaluateToy({ baseRatePerDay: 300, serviceMs: CRANE_MS, horizonDays: 28, seed: 5, poisson: true }, { replications: 2 }), {
        lo: 0.5,
        hi: 1,
        tolerance: 0.01,
        maxEvaluations: 20,
      });
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a.evaluations.length).toBeGreaterThan(3);
  });
});
