/**
 * One-shot MAPF on a MapfGraph: every agent from its start to its goal, unit moves and waits,
 * no vertex or swap conflicts (following and rotations allowed). Entry point for the `igv mapf`
 * command and the benchmarks; pure (time limits come in as a `shouldStop` callback).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { buildGuidePaths } from './guide-paths.ts';
import { createDistanceCache, UNREACHABLE, type DistanceCache } from './distance-cache.ts';
import { lacam, type LacamOptions } from './lacam.ts';
import type { MapfGraph } from './mapf-graph.ts';

export interface MapfOptions {
  /** Polled often; return true to give up (the result then has solved: false, reason 'stopped'). */
  readonly shouldStop?: () => boolean;
  /** Tie-break seed (default 0). Same seed, same input → same paths. */
  readonly seed?: number;
  /** Cap on stored configurations (memory); default 4e7 / agents (about 500 MB). */
  readonly maxNodes?: number;
  /** Shared distance tables (e.g. across runs on one map). */
  readonly distances?: DistanceCache;
  /** PIBT swap operation (default true; off only to compare). */
  readonly swap?: boolean;
  /** PIBT samples per search step, the one closest to the goals kept (default 10). */
  readonly samples?: number;
  /** Guide paths (space utilisation) before the search: extra steps allowed, or false for none (default 10). */
  readonly guideMargin?: number | false;
}

export interface MapfResult {
  readonly solved: boolean;
  /** Why the search ended: 'solved', 'unsolvable' (proved: no solution), 'stopped' or 'limit'. */
  readonly reason: 'solved' | 'unsolvable' | 'stopped' | 'limit';
  /**
   * Per agent, node ids per timestep from its start; each path ends when the agent reaches its goal
   * for the last time (it waits there afterwards). Empty unless solved.
   */
  readonly paths: Int32Array[];
  /** Sum over agents of the time they last arrive at their goal (path length − 1). 0 unless solved. */
  readonly sumOfCosts: number;
  /** Longest of those times. */
  readonly makespan: number;
  /** Search effort: high-level iterations and configurations stored. */
  readonly expanded: number;
  readonly generated: number;
}

export interface LowerBounds {
  /** Sum and max of single-agent shortest distances; UNREACHABLE-free only when `reachable`. */
  readonly sumOfCosts: number;
  readonly makespan: number;
  /** Every goal is reachable from its start. */
  readonly reachable: boolean;
}

/** Sum and max of each agent's shortest distance from start to goal (the usual SoC and makespan bounds). */
export function lowerBounds(graph: MapfGraph, starts: Int32Array, goals: Int32Array, distances: DistanceCache = createDistanceCache(graph)): LowerBounds {
  let sum = 0;
  let max = 0;
  let reachable = true;
  for (let i = 0; i < starts.length; i++) {
    const d = distances.to(goals[i]!)[starts[i]!]!;
    if (d >= UNREACHABLE) {
      reachable = false;
      continue;
    }
    sum += d;
    max = Math.max(max, d);
  }
  return { sumOfCosts: sum, makespan: max, reachable };
}

/**
 * Solves one-shot MAPF with LaCAM (complete: either paths, or 'unsolvable' once the reachable
 * configurations are exhausted, or 'stopped'/'limit' when the budget ran out first).
 * Throws RangeError on malformed input (node out of range, two agents sharing a start or a goal).
 */
export function solveMapf(graph: MapfGraph, starts: Int32Array, goals: Int32Array, options: MapfOptions = {}): MapfResult {
  checkInstance(graph, starts, goals);
  const N = starts.length;
  const distances = options.distances ?? createDistanceCache(graph);
  const dist = Array.from(goals, (g) => distances.to(g));
  const fail = (reason: MapfResult['reason'], expanded = 0, generated = 0): MapfResult => ({ solved: false, reason, paths: [], sumOfCosts: 0, makespan: 0, expanded, generated });
  if (!lowerBounds(graph, starts, goals, distances).reachable) return fail('unsolvable');
  let lacamOptions: LacamOptions = {
    seed: options.seed ?? 0,
    maxNodes: options.maxNodes ?? Math.max(1000, Math.floor(4e7 / Math.max(1, N))),
    swap: options.swap ?? true,
    samples: options.samples ?? 10,
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
  };
  const margin = options.guideMargin ?? 10;
  if (margin !== false) {
    const rng = xoroshiro128plus((options.seed ?? 0) ^ 0x5eed);
    const guide = buildGuidePaths(graph, starts, goals, dist, { margin, bits: () => rng.next(), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
    lacamOptions = { ...lacamOptions, guide: guide.next };
  }
  const res = lacam(graph, starts, goals, dist, lacamOptions);
  if (res.reason !== 'solved') return fail(res.reason, res.expanded, res.generated);
  const { paths, sumOfCosts, makespan } = pathsFromConfigs(res.configs, goals);
  return { solved: true, reason: 'solved', paths, sumOfCosts, makespan, expanded: res.expanded, generated: res.generated };
}

/** Turns a sequence of configurations into per-agent paths, each cut after its last arrival at the goal. */
export function pathsFromConfigs(configs: readonly Int32Array[], goals: Int32Array): { paths: Int32Array[]; sumOfCosts: number; makespan: number } {
  const N = goals.length;
  const paths: Int32Array[] = [];
  let sumOfCosts = 0;
  let makespan = 0;
  for (let i = 0; i < N; i++) {
    let cost = configs.length - 1;
    while (cost > 0 && configs[cost - 1]![i] === goals[i]) cost--;
    const p = new Int32Array(cost + 1);
    for (let t = 0; t <= cost; t++) p[t] = configs[t]![i]!;
    paths.push(p);
    sumOfCosts += cost;
    makespan = Math.max(makespan, cost);
  }
  return { paths, sumOfCosts, makespan };
}

function checkInstance(graph: MapfGraph, starts: Int32Array, goals: Int32Array): void {
  if (starts.length !== goals.length) throw new RangeError(`solveMapf: ${starts.length} starts but ${goals.length} goals`);
  for (const [what, list] of [['start', starts], ['goal', goals]] as const) {
    const seen = new Map<number, number>();
    for (let i = 0; i < list.length; i++) {
      const v = list[i]!;
      if (!(Number.isInteger(v) && v >= 0 && v < graph.n)) throw new RangeError(`solveMapf: agent ${i} ${what} ${v} is not a node`);
      const other = seen.get(v);
      if (other !== undefined) throw new RangeError(`solveMapf: agents ${other} and ${i} share ${what} node ${v}`);
      seen.set(v, i);
    }
  }
}
