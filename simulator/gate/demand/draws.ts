/**
 * Random draws for the gate demand, all from integer uniforms of a seeded pure-rand generator so
 * that every machine draws the same values. Continuous shapes use only IEEE-exact operations
 * (sqrt) or Math.exp, which is deterministic in V8.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Resolution of probability thresholds: probabilities are compared as integers out of 2^30. */
export const UNIT = 2 ** 30;

/** A uniform integer in [0, UNIT). */
export function drawUnit(rng: RandomGenerator): number {
  return uniformInt(rng, 0, UNIT - 1);
}

/** A uniform integer in [0, n), n ≥ 1. */
export function drawIntBelow(rng: RandomGenerator, n: number): number {
  return uniformInt(rng, 0, n - 1);
}

/** True with probability `p` (0–1), compared on an integer threshold. */
export function drawBernoulli(rng: RandomGenerator, p: number): boolean {
  return drawUnit(rng) < Math.round(p * UNIT);
}

/**
 * A Poisson count with mean `lambda` by inversion on integer thresholds: one uniform per call
 * (none when lambda ≤ 0). Far-tail mass below 2^-30 is cut off.
 */
export function drawPoisson(rng: RandomGenerator, lambda: number): number {
  if (!(lambda > 0)) return 0;
  const u = drawUnit(rng);
  const kMax = Math.ceil(lambda + 20 * Math.sqrt(lambda) + 20);
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u >= Math.floor(cdf * UNIT) && k < kMax) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** An index drawn with probability proportional to `weights` (non-negative, some positive). */
export function drawWeighted(rng: RandomGenerator, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  const u = drawUnit(rng);
  let cum = 0;
  for (let i = 0; i < weights.length; i++) {
    cum += weights[i]!;
    if (weights[i]! > 0 && u < Math.round((cum / total) * UNIT)) return i;
  }
  return weights.findLastIndex((w) => w > 0);
}

/** A triangular draw on [lo, hi] with mode `mode`, rounded to an integer. */
export function drawTriangularInt(rng: RandomGenerator, lo: number, mode: number, hi: number): number {
  if (hi <= lo) return lo;
  const u = drawUnit(rng) / UNIT;
  const f = (mode - lo) / (hi - lo);
  const x = u < f ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
  return Math.min(hi, Math.max(lo, Math.round(x)));
}
