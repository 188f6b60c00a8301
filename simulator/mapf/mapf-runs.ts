/**
 * The two `igv mapf` runs on a MovingAI instance, with their JSON documents: one-shot
 * (`igv-mapf/1`, DESIGN §7, checked by ../shared/tools/check-mapf.mjs) and lifelong
 * (`igv-mapf-lifelong/1`, below). Wall-clock time is measured here, at the edge; the solvers are pure.
 */
import { createDistanceCache } from '../../engine/core/planner/mapf/distance-cache.ts';
import { crisscrossCosts } from '../../engine/core/planner/mapf/guidance.ts';
import { runLifelong } from '../../engine/core/planner/mapf/lifelong.ts';
import { lowerBounds, solveMapf } from '../../engine/core/planner/mapf/solve-mapf.ts';
import { nodePathToXY, type GridInstance } from './movingai.ts';

/** `igv-mapf/1`: paths in scenario order, one [x, y] cell per timestep; extra fields are ours. */
export interface MapfSolutionDoc {
  readonly format: 'igv-mapf/1';
  readonly agents: number;
  readonly solved: boolean;
  readonly runtimeMs: number;
  readonly paths: [number, number][][];
  /** 'solved', 'unsolvable' (search exhausted: no solution exists), 'stopped' (time limit) or 'limit' (memory cap). */
  readonly reason: string;
  readonly sumOfCosts: number;
  readonly makespan: number;
  readonly lowerBounds: { readonly sumOfCosts: number; readonly makespan: number };
  readonly seed: number;
  readonly expanded: number;
  readonly generated: number;
}

export interface OneShotOptions {
  readonly timeLimitMs: number;
  readonly seed: number;
}

export function runOneShot(inst: GridInstance, opts: OneShotOptions): MapfSolutionDoc {
  const t0 = performance.now();
  const distances = createDistanceCache(inst.graph);
  const res = solveMapf(inst.graph, inst.starts, inst.goals, { seed: opts.seed, distances, shouldStop: () => performance.now() - t0 > opts.timeLimitMs });
  const runtimeMs = round(performance.now() - t0);
  const lb = lowerBounds(inst.graph, inst.starts, inst.goals, distances);
  return {
    format: 'igv-mapf/1',
    agents: inst.starts.length,
    solved: res.solved,
    runtimeMs,
    paths: res.paths.map((p) => nodePathToXY(inst.graph, p)),
    reason: res.reason,
    sumOfCosts: res.sumOfCosts,
    makespan: res.makespan,
    lowerBounds: { sumOfCosts: lb.sumOfCosts, makespan: lb.makespan },
    seed: opts.seed,
    expanded: res.expanded,
    generated: res.generated,
  };
}

/** Lifelong guidance: crisscross highways (engine/core/planner/mapf/guidance.ts) or plain shortest paths. */
export const LIFELONG_GUIDANCE = ['crisscross', 'none'] as const;
export type LifelongGuidance = (typeof LIFELONG_GUIDANCE)[number];

/**
 * `igv-mapf-lifelong/1`: starts and first goals from the scenario, then a new uniformly random
 * free cell (seeded) each time an agent arrives. `guidance` = the edge costs PIBT's distance
 * tables were computed with. `throughput` = goalsReached / steps; `quarters`
 * = goals reached in each quarter of the run (a 0 means the fleet stopped working);
 * `gridlockAt` = the step from which no agent moved for 32 steps, or null. Step times are wall
 * clock per planning step, in ms.
 */
export interface LifelongDoc {
  readonly format: 'igv-mapf-lifelong/1';
  readonly agents: number;
  readonly steps: number;
  readonly seed: number;
  readonly guidance: LifelongGuidance;
  readonly goalsReached: number;
  readonly throughput: number;
  readonly quarters: number[];
  readonly gridlockAt: number | null;
  /** Steps actually run (fewer when stopped by the time limit or a gridlock). */
  readonly stepsRun: number;
  readonly stopped: boolean;
  readonly escapes: { readonly tried: number; readonly solved: number };
  readonly runtimeMs: number;
  readonly stepMs: { readonly mean: number; readonly p99: number; readonly max: number };
}

export interface LifelongRunOptions {
  readonly steps: number;
  readonly seed: number;
  readonly timeLimitMs: number;
  /** Default 'crisscross'. */
  readonly guidance?: LifelongGuidance;
  readonly onStep?: (step: number) => void;
}

export function runLifelongDoc(inst: GridInstance, opts: LifelongRunOptions): LifelongDoc {
  const guidance = opts.guidance ?? 'crisscross';
  const stepMs: number[] = [];
  const t0 = performance.now();
  let last = t0;
  const res = runLifelong(inst.graph, inst.starts, {
    steps: opts.steps,
    seed: opts.seed,
    goals: inst.goals,
    ...(guidance === 'crisscross' ? { guidance: crisscrossCosts(inst.graph) } : {}),
    shouldStop: () => performance.now() - t0 > opts.timeLimitMs,
    onStep: (step) => {
      const now = performance.now();
      stepMs.push(now - last);
      last = now;
      opts.onStep?.(step);
    },
  });
  const runtimeMs = round(performance.now() - t0);
  const quarters = [0, 1, 2, 3].map((k) => {
    let sum = 0;
    for (let t = Math.floor((k * opts.steps) / 4); t < Math.floor(((k + 1) * opts.steps) / 4); t++) sum += res.reachedPerStep[t]!;
    return sum;
  });
  const sorted = stepMs.slice().sort((a, b) => a - b);
  return {
    format: 'igv-mapf-lifelong/1',
    agents: inst.starts.length,
    steps: opts.steps,
    seed: opts.seed,
    guidance,
    goalsReached: res.goalsReached,
    throughput: Math.round(res.throughput * 1000) / 1000,
    quarters,
    gridlockAt: res.gridlockAt,
    stepsRun: res.steps,
    stopped: res.stopped,
    escapes: { tried: res.escapes, solved: res.escapesSolved },
    runtimeMs,
    stepMs: {
      mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), 3),
      p99: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0, 3),
      max: round(sorted[sorted.length - 1] ?? 0, 3),
    },
  };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
