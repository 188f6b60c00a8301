/**
 * The case lists of the MAPF suites for a given set of options: the full issue-7 protocol by
 * default, a smoke subset with `quick`.
 */
import { LIFELONG_CASES, MAPS, ONE_SHOT_AGENTS, type MapName } from './instances.ts';
import type { LifelongCase } from './lifelong-suite.ts';
import type { OneShotCase } from './one-shot-suite.ts';

export interface MapfBenchSettings {
  readonly quick: boolean;
  /** Only these maps (default all six). */
  readonly maps: readonly MapName[];
  /** One-shot: wall-clock limit per instance (the solver's own deadline), ms. */
  readonly timeLimitMs: number;
  /** One-shot: tie-break seed. */
  readonly seed: number;
  /** One-shot: scenarios random-1..scens. */
  readonly scens: number;
  /** Lifelong: steps per run and seeds 1..seeds. */
  readonly steps: number;
  readonly seeds: number;
  /** Micro: benchmark.js maxTime per case, s. */
  readonly microMaxTimeS: number;
}

export const FULL: MapfBenchSettings = { quick: false, maps: MAPS, timeLimitMs: 30_000, seed: 1, scens: 5, steps: 2000, seeds: 3, microMaxTimeS: 3 };
/** Smoke run: smallest N per map on random-1, short lifelong runs, one seed. */
export const QUICK: MapfBenchSettings = { quick: true, maps: MAPS, timeLimitMs: 10_000, seed: 1, scens: 1, steps: 300, seeds: 1, microMaxTimeS: 0.5 };

export function oneShotCases(s: MapfBenchSettings): OneShotCase[] {
  const cases: OneShotCase[] = [];
  for (const map of s.maps) {
    const counts = s.quick ? ONE_SHOT_AGENTS[map].slice(0, 1) : ONE_SHOT_AGENTS[map];
    for (const agents of counts) for (let scen = 1; scen <= s.scens; scen++) cases.push({ map, agents, scen });
  }
  return cases;
}

export function lifelongCases(s: MapfBenchSettings): LifelongCase[] {
  const chosen = LIFELONG_CASES.filter((c) => s.maps.includes(c.map) && (!s.quick || c.map !== 'warehouse-10-20-10-2-1' || c.agents === 100 || c.agents === 1000));
  return chosen.flatMap((c) => Array.from({ length: s.seeds }, (_, k) => ({ ...c, seed: k + 1 })));
}
