/**
 * Micro-benchmarks of the planner's hot paths with benchmark.js (in process): one PIBT step and
 * one distance table (BFS to a goal, or cheapest cost under the lifelong runs' crisscross
 * guidance). The PIBT cases replay 1000 recorded busy steps on scenario random-1 (planning.md's
 * "Per-tick cost of PIBT" table timed 1000 steps of one-shot PIBT that never finished; ours
 * finishes those instances, so the recording keeps the fleet busy with new goals).
 */
import Benchmark from 'benchmark';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { bfsTo, createDistanceCache } from '../../engine/core/planner/mapf/distance-cache.ts';
import { crisscrossCosts } from '../../engine/core/planner/mapf/guidance.ts';
import { NONE } from '../../engine/core/planner/mapf/mapf-graph.ts';
import { createPibt } from '../../engine/core/planner/mapf/pibt.ts';
import { gridInstance, loadMovingAiMap, loadMovingAiScen, type GridInstance } from '../../simulator/mapf/movingai.ts';
import { mapFile, scenFile, type MapName } from './instances.ts';

export interface MicroRow {
  readonly name: string;
  readonly opsPerS: number;
  /** Relative margin of error, % (95 % confidence). */
  readonly rmePct: number;
  readonly meanMs: number;
  readonly samples: number;
  /** planning.md reference per operation, ms, where one exists. */
  readonly reference: string;
}

interface MicroCase {
  readonly name: string;
  readonly reference: string;
  /** Builds the state (not timed) and returns the timed operation. */
  readonly setup: () => () => void;
}

const RECORDED_STEPS = 1000;

function instance(map: MapName, agents: number): GridInstance {
  return gridInstance(loadMovingAiMap(mapFile(map)), loadMovingAiScen(scenFile(map, 1)), agents);
}

/**
 * Records RECORDED_STEPS steps of PIBT under lifelong load (an agent on its goal gets a new random
 * one, as in runLifelong, so no step is idle; priority = steps since the last goal), then replays
 * them: one operation = one step from a recorded configuration with its recorded order and goals.
 */
function pibtStep(map: MapName, agents: number): () => void {
  const { graph, starts, goals } = instance(map, agents);
  const cache = createDistanceCache(graph);
  const pibt = createPibt(graph, agents);
  const reset = () => {
    pibt.goals.set(goals);
    for (let i = 0; i < agents; i++) pibt.dist[i] = cache.to(goals[i]!);
  };
  reset();
  const rng = xoroshiro128plus(1);
  const bits = () => rng.next();
  const rank = Int32Array.from({ length: agents }, (_, i) => i);
  for (let k = agents - 1; k > 0; k--) {
    const j = uniformInt(rng, 0, k);
    [rank[k], rank[j]] = [rank[j]!, rank[k]!];
  }
  const taken = new Uint8Array(graph.n);
  for (const g of goals) taken[g] = 1;
  const prio = new Int32Array(agents);
  const keys = new Float64Array(agents);
  const configs: Int32Array[] = [];
  const orders: Int32Array[] = [];
  // Goal changes after each step: agent, new goal, its distance table.
  const changes: { agent: number; goal: number; dist: Int32Array }[][] = [];
  let q = Int32Array.from(starts);
  for (let t = 0; t < RECORDED_STEPS; t++) {
    for (let i = 0; i < agents; i++) keys[i] = prio[i]! * agents + rank[i]!;
    const order = Int32Array.from({ length: agents }, (_, i) => i).sort((a, b) => keys[b]! - keys[a]!);
    const next = new Int32Array(agents).fill(NONE);
    if (!pibt.step(q, next, order, bits)) throw new Error(`PIBT step failed while recording ${map}`);
    configs.push(q);
    orders.push(order);
    const changed: { agent: number; goal: number; dist: Int32Array }[] = [];
    for (let i = 0; i < agents; i++) {
      prio[i]!++;
      if (next[i] !== pibt.goals[i]) continue;
      let g = next[i]!;
      while (g === next[i] || taken[g]) g = uniformInt(rng, 0, graph.n - 1);
      taken[pibt.goals[i]!] = 0;
      taken[g] = 1;
      const dist = cache.to(g);
      pibt.goals[i] = g;
      pibt.dist[i] = dist;
      prio[i] = 0;
      changed.push({ agent: i, goal: g, dist });
    }
    changes.push(changed);
    q = next;
  }
  reset();
  const scratch = new Int32Array(agents);
  let k = 0;
  return () => {
    const t = k++ % RECORDED_STEPS;
    if (t === 0) reset();
    scratch.fill(NONE);
    pibt.step(configs[t]!, scratch, orders[t]!, bits);
    for (const c of changes[t]!) {
      pibt.goals[c.agent] = c.goal;
      pibt.dist[c.agent] = c.dist;
    }
  };
}

function bfs(map: MapName): () => void {
  const { graph, goals } = instance(map, loadMovingAiScen(scenFile(map, 1)).agents.length);
  const queue = new Int32Array(graph.n);
  let k = 0;
  return () => {
    bfsTo(graph, goals[k++ % goals.length]!, queue);
  };
}

/** Cheapest-cost table under crisscross guidance (what `igv mapf --lifelong` builds per new goal). */
function guided(map: MapName): () => void {
  const { graph, goals } = instance(map, loadMovingAiScen(scenFile(map, 1)).agents.length);
  const cache = createDistanceCache(graph, crisscrossCosts(graph));
  let k = 0;
  return () => {
    cache.to(goals[k++ % goals.length]!);
    cache.clear();
  };
}

export const MICRO_CASES: readonly MicroCase[] = [
  { name: 'PIBT step, warehouse-10-20-10-2-1, 1000 agents', reference: 'C++ pibt2 0.26 ms, plain JS 0.44 ms', setup: () => pibtStep('warehouse-10-20-10-2-1', 1000) },
  { name: 'PIBT step, warehouse-10-20-10-2-1, 500 agents', reference: 'C++ pibt2 0.09 ms, plain JS 0.22 ms', setup: () => pibtStep('warehouse-10-20-10-2-1', 500) },
  { name: 'PIBT step, den312d, 1000 agents', reference: 'C++ pibt2 0.26 ms, plain JS 0.32 ms', setup: () => pibtStep('den312d', 1000) },
  { name: 'PIBT step, random-32-32-20, 400 agents', reference: 'C++ pibt2 0.08 ms, plain JS 0.17 ms', setup: () => pibtStep('random-32-32-20', 400) },
  { name: 'distance table (BFS), warehouse-10-20-10-2-1, 5699 cells', reference: '', setup: () => bfs('warehouse-10-20-10-2-1') },
  { name: 'distance table (BFS), den312d, 2445 cells', reference: '', setup: () => bfs('den312d') },
  { name: 'distance table (crisscross guidance), warehouse-10-20-10-2-1, 5699 cells', reference: '', setup: () => guided('warehouse-10-20-10-2-1') },
];

export interface MicroOptions {
  /** benchmark.js maxTime per case, s (default 3). */
  readonly maxTimeS?: number;
  readonly onCase?: (row: MicroRow, done: number, total: number) => void;
}

/** Runs the cases one after another (synchronously, as benchmark.js does without `async`). */
export function runMicroSuite(cases: readonly MicroCase[] = MICRO_CASES, o: MicroOptions = {}): MicroRow[] {
  const rows: MicroRow[] = [];
  for (const c of cases) {
    const op = c.setup();
    const bench = new Benchmark(c.name, op, { maxTime: o.maxTimeS ?? 3, minSamples: 10 });
    bench.run();
    if (bench.error) throw new Error(`${c.name}: ${String(bench.error)}`);
    const row: MicroRow = { name: c.name, opsPerS: bench.hz, rmePct: bench.stats.rme, meanMs: bench.stats.mean * 1000, samples: bench.stats.sample.length, reference: c.reference };
    rows.push(row);
    o.onCase?.(row, rows.length, cases.length);
  }
  return rows;
}
