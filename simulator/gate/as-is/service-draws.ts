/**
 * Seeded draws for the as-is model: integer thresholds and integer durations only, so every
 * machine draws the same numbers from the same seed.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/** An inclusive range `[min, max]` of integer ms. */
export type RangeMs = readonly [number, number];

export interface Draws {
  /** True with probability `p` (0–1), resolved to one part in a million. */
  chance(p: number): boolean;
  /**
   * A duration in `[min, max]` ms from the symmetric triangular distribution (mode at the
   * midpoint): the mean of two uniform integer draws, rounded down. Always consumes two draws,
   * even when min = max, so the stream does not shift when a range is narrowed.
   */
  duration(range: RangeMs): number;
}

const MILLION = 1_000_000;

/** A draw stream for `seed`; `salt` separates streams that share a seed. */
export function createDraws(seed: number, salt: number): Draws {
  const rng = xoroshiro128plus((seed ^ salt) | 0);
  return {
    chance: (p) => uniformInt(rng, 0, MILLION - 1) < Math.round(p * MILLION),
    duration: ([min, max]) => {
      const a = uniformInt(rng, min, max);
      const b = uniformInt(rng, min, max);
      return Math.floor((a + b) / 2);
    },
  };
}
