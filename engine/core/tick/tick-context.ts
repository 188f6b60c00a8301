/**
 * The tick context: what `step()` needs besides the world and the inbox — the site and the
 * seeded random generator. Randomness reaches the core only through here, so a run is
 * reproducible from its seed and its journal.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { Site } from './site.ts';

export interface Rng {
  /** Uniform integer in [from, to]. */
  int(from: number, to: number): number;
  /** The generator's state, for the world record. */
  state(): readonly number[];
}

export interface TickContext {
  readonly site: Site;
  readonly rng: Rng;
}

export function rngFromState(state: readonly number[]): Rng {
  const g = xoroshiro128plusFromState(state);
  return { int: (from, to) => uniformInt(g, from, to), state: () => g.getState() };
}

export function seedState(seed: number): readonly number[] {
  return xoroshiro128plus(seed).getState();
}
