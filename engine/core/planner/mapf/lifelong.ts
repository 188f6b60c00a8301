/**
 * Lifelong MAPF: every agent gets a new goal the moment it reaches the current one (as in
 * warehouse operation and the League of Robot Runners), and PIBT with swap moves everybody one
 * step per tick. Plain PIBT gridlocks for good on maps with dead ends (its reachability result
 * needs every edge on a cycle), so a stall watchdog hands an agent that hovers near its goal
 * without getting closer to a local LaCAM search (local-escape.ts) whose plan then runs while
 * the rest of the fleet keeps moving around it. Budgets are counts, never wall time, so a run is
 * the same on every machine for the same seed. With guidance (edge costs, guidance.ts) the
 * distance tables PIBT follows are cheapest-cost rather than hop counts, which sorts traffic
 * into lanes; distances and the stall slack are then in cost units.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { createDistanceCache, UNREACHABLE, type DistanceCache } from './distance-cache.ts';
import type { EdgeCosts } from './guidance.ts';
import { planEscape, type EscapePlan } from './local-escape.ts';
import { NONE, type MapfGraph } from './mapf-graph.ts';
import { createPibt } from './pibt.ts';

export interface LifelongOptions {
  /** Steps (ticks) to simulate. */
  readonly steps: number;
  /** Seed of the goal generator and the tie-breaks (default 1). */
  readonly seed?: number;
  /** First goals (node per agent); default: drawn like all later goals. */
  readonly goals?: Int32Array;
  /** Distance tables (default: new ones, with `guidance` when given). */
  readonly distances?: DistanceCache;
  /** Edge costs that steer traffic (guidance.ts); ignored when `distances` is given. Default: hop counts. */
  readonly guidance?: EdgeCosts;
  /** Polled every step; true ends the run early (`stopped`). */
  readonly shouldStop?: () => boolean;
  /** Called after every step with the new configuration (do not keep the array) and the goals reached in it. */
  readonly onStep?: (step: number, config: Int32Array, reached: number) => void;
  /**
   * An agent that has stayed within 2 moves (2 × the largest edge cost) of the closest it has come
   * to its goal, without coming closer, for this many steps triggers an escape search (default 128),
   * once its priority is among the highest (see ESCAPE_TOP_SHARE).
   */
  readonly stallSteps?: number;
  /** LaCAM configurations per escape attempt (default 1000). */
  readonly escapeNodes?: number;
  /**
   * PIBT swap operation (default 'dead-ends': only to get past an agent in a corridor that ends in
   * a dead end; true: everywhere, as in one-shot solving, which in dense lifelong traffic makes
   * agents back up whole files of others; see pibt-swap.ts).
   */
  readonly swap?: boolean | 'dead-ends';
  /** No agent moved for this many steps while goals remain: gridlock, the run ends (default 32). */
  readonly gridlockSteps?: number;
}

export interface LifelongResult {
  /** Steps simulated (less than asked only when stopped or gridlocked). */
  readonly steps: number;
  readonly goalsReached: number;
  /** goalsReached / steps asked. */
  readonly throughput: number;
  /** Goals reached in each step. */
  readonly reachedPerStep: Int32Array;
  /** Step at which a gridlock was declared, or null. */
  readonly gridlockAt: number | null;
  /** Escape searches run, and how many found a plan. */
  readonly escapes: number;
  readonly escapesSolved: number;
  readonly stopped: boolean;
}

/** Hovering: within this many moves of the closest point so far. */
const STALL_SLACK = 2;
/**
 * Only agents with one of the highest priorities (the top eighth, at least 16) may trigger an
 * escape. PIBT moves its top agent closer to its goal wherever every edge lies on a cycle, so an
 * agent that many others outrank and that does not get closer is held up by traffic (dense
 * den312d: hundreds of such agents at any time), not trapped; escapes for it only freeze the
 * area. A trapped agent's priority keeps rising until it qualifies.
 */
const ESCAPE_TOP_SHARE = 1 / 8;
const ESCAPE_TOP_MIN = 16;

/** Runs lifelong MAPF from `starts` (distinct nodes). Goals are uniform over nodes not already someone's goal. */
export function runLifelong(graph: MapfGraph, starts: Int32Array, options: LifelongOptions): LifelongResult {
  const N = starts.length;
  const steps = options.steps;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`runLifelong: steps must be a non-negative integer, got ${steps}`);
  if (N > graph.n) throw new RangeError(`runLifelong: ${N} agents on ${graph.n} nodes`);
  const distances = options.distances ?? createDistanceCache(graph, options.guidance);
  const rng = xoroshiro128plus(options.seed ?? 1);
  const bits = () => rng.next();
  const pibt = createPibt(graph, N, { swap: options.swap ?? 'dead-ends' });
  const { goals, dist } = pibt;
  const goalTaken = new Uint8Array(graph.n);
  const since = new Int32Array(N);
  // Stall watch: the closest an agent has come to its goal, and since when it has hovered there.
  const best = new Int32Array(N);
  const nearSince = new Int32Array(N);
  const stallSteps = options.stallSteps ?? 128;
  const escapeNodes = options.escapeNodes ?? 1000;
  const gridlockSteps = options.gridlockSteps ?? 32;
  const slack = STALL_SLACK * distances.hop;
  const escapeTop = Math.min(N, Math.max(ESCAPE_TOP_MIN, Math.ceil(N * ESCAPE_TOP_SHARE)));

  function assign(i: number, goal: number, at: number, now: number): void {
    goals[i] = goal;
    goalTaken[goal] = 1;
    dist[i] = distances.to(goal);
    since[i] = 0;
    best[i] = dist[i]![at]!;
    nearSince[i] = now;
  }
  function draw(i: number, at: number, now: number): void {
    if (goals[i] !== NONE) goalTaken[goals[i]!] = 0;
    let g = at;
    for (let tries = 0; tries < 64 && (g === at || goalTaken[g] || distances.to(g)[at]! >= UNREACHABLE); tries++) g = uniformInt(rng, 0, graph.n - 1);
    assign(i, g, at, now);
  }

  let q = Int32Array.from(starts);
  let next = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const g = options.goals?.[i];
    if (g !== undefined && g !== q[i] && !goalTaken[g]) assign(i, g, q[i]!, 0);
    else draw(i, q[i]!, 0);
  }
  // Ties between equal waiting times: a fixed random rank per agent.
  const rank = new Int32Array(N);
  const agentOfRank = Int32Array.from({ length: N }, (_, i) => i);
  for (let k = N - 1; k > 0; k--) {
    const j = uniformInt(rng, 0, k);
    const t = agentOfRank[k]!;
    agentOfRank[k] = agentOfRank[j]!;
    agentOfRank[j] = t;
  }
  for (let r = 0; r < N; r++) rank[agentOfRank[r]!] = r;
  const keys = new Float64Array(N);
  const order = new Int32Array(N);

  const reachedPerStep = new Int32Array(steps);
  let plan: EscapePlan | null = null;
  let planAt = 0;
  let still = 0;
  let goalsReached = 0;
  let escapes = 0;
  let escapesSolved = 0;
  let t = 0;
  let gridlockAt: number | null = null;
  let stopped = false;

  for (; t < steps; t++) {
    if (options.shouldStop?.()) {
      stopped = true;
      break;
    }
    for (let i = 0; i < N; i++) keys[i] = since[i]! * N + rank[i]!;
    keys.sort();
    for (let k = 0; k < N; k++) order[k] = agentOfRank[keys[N - 1 - k]! % N]!;
    let stalled = NONE;
    for (let k = 0; k < escapeTop; k++) {
      const i = order[k]!;
      if (t - nearSince[i]! > stallSteps && (stalled === NONE || nearSince[i]! < nearSince[stalled]!)) stalled = i;
    }
    if (plan === null && stalled !== NONE) {
      escapes++;
      plan = planEscape({ graph, q, goals, dist, stuck: stalled, below: best[stalled]!, waited: since, rank, maxNodes: escapeNodes, seed: bits() });
      if (plan !== null) {
        escapesSolved++;
        planAt = 1;
        pibt.closed.set(plan.footprint);
      }
      // Solved or not, leave this agent alone for another window.
      nearSince[stalled] = t;
    }
    next.fill(NONE);
    if (plan !== null) {
      const c = plan.configs[planAt++]!;
      for (let k = 0; k < plan.agents.length; k++) next[plan.agents[k]!] = c[k]!;
    }
    if (!pibt.step(q, next, order, bits)) {
      // Cannot happen with a valid escape plan (others never enter its footprint); if it does, all wait.
      next.set(q);
      planAt = Infinity;
    }
    if (plan !== null && planAt >= plan.configs.length) {
      plan = null;
      pibt.closed.fill(0);
    }
    let moved = false;
    let reached = 0;
    for (let i = 0; i < N; i++) {
      if (next[i] !== q[i]) moved = true;
      since[i]!++;
      const d = dist[i]![next[i]!]!;
      // Pushed away is not stuck: only hovering near the best point without beating it counts.
      if (d < best[i]!) {
        best[i] = d;
        nearSince[i] = t + 1;
      } else if (d > best[i]! + slack) nearSince[i] = t + 1;
      if (next[i] === goals[i]) {
        reached++;
        draw(i, next[i]!, t + 1);
      }
    }
    goalsReached += reached;
    reachedPerStep[t] = reached;
    [q, next] = [next, q];
    options.onStep?.(t + 1, q, reached);
    still = moved ? 0 : still + 1;
    if (still >= gridlockSteps) {
      gridlockAt = t + 1;
      t++;
      break;
    }
  }
  return { steps: t, goalsReached, throughput: steps > 0 ? goalsReached / steps : 0, reachedPerStep, gridlockAt, escapes, escapesSolved, stopped };
}
