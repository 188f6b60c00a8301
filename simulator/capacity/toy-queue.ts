/**
 * A toy model with a capacity known in closed form, used only to check the capacity search:
 * one server (think: one transfer crane) with a deterministic service time S, fed either by evenly
 * spaced arrivals (D/D/1) or by Poisson arrivals (M/D/1) at λ = multiplier × base rate. Its
 * capacity is λ* = 1/S: with S = 4 min that is 15 per hour, 360 per day.
 *
 * The run keeps O(1) state: with a deterministic service time and FIFO, the number in system is
 * ceil(remaining work / S), so only the remaining work has to be tracked.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { judgeStability, type QueueSample, type StabilityOptions } from './stability.ts';
import type { Evaluation } from './bisection.ts';

const MS_PER_DAY = 86_400_000;

export interface ToyQueueOptions {
  /** Demand multiplier applied to `baseRatePerDay` (> 0). */
  multiplier: number;
  /** Arrivals per day at multiplier 1. */
  baseRatePerDay: number;
  /** Deterministic service time, ms (> 0, integer). */
  serviceMs: number;
  horizonDays: number;
  /** Seed of the Poisson arrivals; ignored when `poisson` is false. */
  seed: number;
  /** true: Poisson arrivals; false: evenly spaced arrivals. */
  poisson: boolean;
  /** Sampling period of the number in system, ms (default 15 min). */
  sampleEveryMs?: number;
}

export interface ToyQueueRun {
  /** Number in system at t = 0, sampleEveryMs, … up to the horizon. */
  samples: QueueSample[];
  arrivals: number;
  /** Services completed within the horizon. */
  delivered: number;
  /** delivered / horizonDays: measured, so it saturates at 1/S however high the demand. */
  deliveredPerDay: number;
}

/** Closed-form capacity of the toy, arrivals per day: 1/S. */
export function toyCapacityPerDay(serviceMs: number): number {
  return MS_PER_DAY / serviceMs;
}

/**
 * Runs the toy queue from empty over `horizonDays`. Deterministic given its options. Poisson runs
 * at different multipliers share one stream of unit-rate exponential gaps (common random numbers):
 * a higher multiplier replays the same arrivals compressed in time, which keeps stability monotone
 * in the multiplier as bisection assumes.
 */
export function runToyQueue(opts: ToyQueueOptions): ToyQueueRun {
  const { multiplier, baseRatePerDay, serviceMs, horizonDays, seed, poisson } = opts;
  const sampleEveryMs = opts.sampleEveryMs ?? 900_000;
  if (!(multiplier > 0) || !(baseRatePerDay > 0) || !(serviceMs > 0) || !(horizonDays > 0) || !(sampleEveryMs > 0)) {
    throw new RangeError(`[toy-queue] invalid options [${JSON.stringify(opts)}]`);
  }
  const horizonMs = Math.round(horizonDays * MS_PER_DAY);
  const meanGapMs = MS_PER_DAY / (multiplier * baseRatePerDay);
  const rng = xoroshiro128plus(seed);
  // Arrival times accumulate in float ms and are rounded, so rounding errors do not pile up.
  let clockMs = 0;
  const nextArrivalMs = (): number => {
    clockMs += poisson ? -Math.log(1 - uniformFloat64(rng)) * meanGapMs : meanGapMs;
    return Math.round(clockMs);
  };

  const samples: QueueSample[] = [];
  let arrivals = 0;
  let workMs = 0; // remaining work in the system at `atMs`
  let atMs = 0;
  let arrivalMs = nextArrivalMs();
  const inSystem = () => Math.ceil(workMs / serviceMs);
  const advanceTo = (t: number) => {
    workMs = Math.max(0, workMs - (t - atMs));
    atMs = t;
  };
  for (let t = 0; t <= horizonMs; t += sampleEveryMs) {
    while (arrivalMs <= t) {
      advanceTo(arrivalMs);
      workMs += serviceMs;
      arrivals++;
      arrivalMs = nextArrivalMs();
    }
    advanceTo(t);
    samples.push({ tMs: t, inSystem: inSystem() });
  }
  while (arrivalMs <= horizonMs) {
    advanceTo(arrivalMs);
    workMs += serviceMs;
    arrivals++;
    arrivalMs = nextArrivalMs();
  }
  advanceTo(horizonMs);
  const delivered = arrivals - inSystem();
  return { samples, arrivals, delivered, deliveredPerDay: delivered / horizonDays };
}

/** What `evaluateToy` returns as `detail`. */
export interface ToyEvaluationDetail {
  /** Reason of the first unstable replication, or of the first one when all are stable. */
  reason: string;
  /** Fitted growth per replication, items/day. */
  growthPerDay: number[];
  arrivals: number;
  delivered: number;
}

/**
 * Adapts the toy to `searchCapacity`: runs it at the given multiplier with seeds `seed`,
 * `seed + 1`, … (`replications`, default 1) and judges each run with `judgeStability`. The load is
 * called stable only when every replication is: near saturation one finite run can look flat by
 * luck, and requiring all of them keeps the search from crediting such a run (the error is then
 * on the low, safe side). Throughput is the measured deliveries per day, averaged over runs.
 */
export function evaluateToy(
  base: Omit<ToyQueueOptions, 'multiplier'>,
  opts: { replications?: number; judge?: StabilityOptions } = {},
): (multiplier: number) => Evaluation & { detail: ToyEvaluationDetail } {
  const replications = opts.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`[toy-queue] replications must be an integer >= 1, got [${replications}]`);
  }
  return (multiplier) => {
    const runs = Array.from({ length: replications }, (_, i) => runToyQueue({ ...base, seed: base.seed + i, multiplier }));
    const verdicts = runs.map((run) => judgeStability(run.samples, opts.judge));
    const telling = verdicts.find((v) => !v.stable) ?? verdicts[0]!;
    const sum = (f: (r: ToyQueueRun) => number) => runs.reduce((acc, r) => acc + f(r), 0);
    return {
      stable: verdicts.every((v) => v.stable),
      throughputPerDay: sum((r) => r.deliveredPerDay) / replications,
      detail: {
        reason: telling.reason,
        growthPerDay: verdicts.map((v) => v.growthPerDay),
        arrivals: sum((r) => r.arrivals),
        delivered: sum((r) => r.delivered),
      },
    };
  };
}
