/**
 * Stability judgement for the capacity search (domain/facts.md §7.2: capacity is the maximum
 * STABLE throughput, and stable means the queue does not grow over the simulated horizon).
 *
 * The rule: drop the first half of the samples as warm-up, fit a least-squares line to the number
 * in system over the second half, and extrapolate that slope over the WHOLE horizon. The run is
 * stable when that growth stays below a tolerance, by default
 *
 *     tolerance = max(5, 10 % of the mean level over the second half)
 *
 * Why these numbers: the absolute floor (5 vehicles/orders) keeps a nearly empty system from being
 * called unstable because one or two items happen to be in service at the end; the relative part
 * lets a system that sits at a high but flat level (a busy yard) wiggle without being called
 * unstable. A queue that really grows makes the growth large compared with its own mean (a queue
 * growing linearly from 0 to G over the horizon has a second-half mean of about 0.75·G, so its
 * tolerance is about 0.075·G while its growth is G), so the relative part never hides real growth.
 */

const MS_PER_DAY = 86_400_000;

/** One observation of the number of vehicles or orders in the system at simulated time `tMs`. */
export interface QueueSample {
  /** Simulated time, ms. */
  tMs: number;
  /** Vehicles or orders in the system (waiting or in service). */
  inSystem: number;
}

/** Knobs of {@link judgeStability}; every field has the documented default. */
export interface StabilityOptions {
  /** Absolute floor of the tolerance, in items (default 5). */
  minTolerance?: number;
  /** Tolerance as a fraction of the mean level over the judged part (default 0.1). */
  relativeTolerance?: number;
  /** Fraction of the horizon dropped as warm-up (default 0.5). */
  warmupFraction?: number;
}

/** Verdict of {@link judgeStability}. */
export interface StabilityVerdict {
  stable: boolean;
  /** Fitted slope over the judged part, items per simulated day (NaN when it could not be fitted). */
  growthPerDay: number;
  /** Growth extrapolated over the whole horizon at that slope, items. */
  growthOverHorizon: number;
  /** Tolerance the growth was compared with, items. */
  tolerance: number;
  /** Mean number in system over the judged part, items. */
  meanLevel: number;
  /** One sentence a planner can read. */
  reason: string;
}

/**
 * Judges whether a queue is stable over its horizon (see the file comment for the rule and the
 * default tolerance). Samples may come in any order; times in ms, levels in items. Pure and
 * deterministic. Fewer than 2 distinct sample times in the judged part means "cannot tell", which
 * is reported as NOT stable so a capacity search never credits a run it could not judge.
 */
export function judgeStability(samples: readonly QueueSample[], opts: StabilityOptions = {}): StabilityVerdict {
  const minTolerance = opts.minTolerance ?? 5;
  const relativeTolerance = opts.relativeTolerance ?? 0.1;
  const warmupFraction = opts.warmupFraction ?? 0.5;
  const sorted = [...samples].sort((a, b) => a.tMs - b.tMs);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined || last.tMs <= first.tMs) {
    return cannotJudge(minTolerance, `only ${samples.length} sample(s) spanning no time`);
  }
  const horizonMs = last.tMs - first.tMs;
  const cutMs = first.tMs + warmupFraction * horizonMs;
  const judged = sorted.filter((s) => s.tMs >= cutMs);
  const fit = fitLine(judged);
  if (fit === undefined) {
    return cannotJudge(minTolerance, `too few samples after the warm-up (${judged.length})`);
  }
  const tolerance = Math.max(minTolerance, relativeTolerance * fit.mean);
  const growthOverHorizon = fit.slopePerMs * horizonMs;
  const growthPerDay = fit.slopePerMs * MS_PER_DAY;
  const stable = growthOverHorizon < tolerance;
  const days = horizonMs / MS_PER_DAY;
  const level = `mean ${fmt(fit.mean)} in system over the last ${pct(1 - warmupFraction)} of the ${fmt(days)}-day horizon`;
  const trend = `trend ${sign(growthPerDay)}/day, i.e. ${sign(growthOverHorizon)} over the horizon`;
  const tol = `tolerance ${fmt(tolerance)} = max(${fmt(minTolerance)}, ${pct(relativeTolerance)} of the mean)`;
  const reason = stable
    ? `stable: queue does not grow (${level}; ${trend}, below ${tol})`
    : `unstable: queue grows (${level}; ${trend}, at or above ${tol})`;
  return { stable, growthPerDay, growthOverHorizon, tolerance, meanLevel: fit.mean, reason };
}

function cannotJudge(tolerance: number, why: string): StabilityVerdict {
  return {
    stable: false,
    growthPerDay: Number.NaN,
    growthOverHorizon: Number.NaN,
    tolerance,
    meanLevel: Number.NaN,
    reason: `not judged stable: ${why}; a longer run or more frequent samples are needed`,
  };
}

/** Ordinary least squares of inSystem on tMs; undefined when the times do not vary. */
function fitLine(points: readonly QueueSample[]): { slopePerMs: number; mean: number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  let sumT = 0;
  let sumY = 0;
  for (const p of points) {
    sumT += p.tMs;
    sumY += p.inSystem;
  }
  const meanT = sumT / n;
  const meanY = sumY / n;
  // Centred sums: raw sums of squared ms over weeks lose precision.
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dt = p.tMs - meanT;
    sxx += dt * dt;
    sxy += dt * (p.inSystem - meanY);
  }
  if (sxx === 0) return undefined;
  return { slopePerMs: sxy / sxx, mean: meanY };
}

/** 2 decimals below 10, 1 above, trailing zeros dropped: 3, 6.3, 0.01, 143.5. */
function fmt(x: number): string {
  const rounded = Number(x.toFixed(Math.abs(x) >= 10 ? 1 : 2));
  return String(rounded === 0 ? 0 : rounded);
}

function sign(x: number): string {
  return `${x >= 0 ? '+' : '-'}${fmt(Math.abs(x))}`;
}

function pct(fraction: number): string {
  return `${fmt(fraction * 100)} %`;
}
