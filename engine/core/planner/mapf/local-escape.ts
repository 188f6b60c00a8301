/**
 * Deadlock escape for lifelong PIBT. PIBT can jam for good in pockets and dead ends; with
 * hundreds of agents moving elsewhere the joint configuration never repeats, so a LaCAM search
 * over everybody cannot see the local cycle. Instead: take the agents near the stuck one, treat
 * every other agent as a wall, and let LaCAM (complete on that small instance) find moves that
 * bring the stuck agent closer to its goal than it has ever been. The radius doubles (up to a
 * limit) while the small instance has no short enough plan. While the plan runs, the other agents keep moving with PIBT
 * but may not enter the nodes the plan uses (its footprint), so the two never meet.
 */
import { lacam } from './lacam.ts';
import { graphFromEdges, NONE, type MapfGraph } from './mapf-graph.ts';

export interface EscapePlan {
  /** The agents that follow the plan. */
  readonly agents: Int32Array;
  /** Their configurations step by step (index k = agents[k]), from the current one. */
  readonly configs: Int32Array[];
  /** Every node a plan agent occupies at some step. */
  readonly footprint: Uint8Array;
}

export interface EscapeInput {
  readonly graph: MapfGraph;
  readonly q: Int32Array;
  readonly goals: Int32Array;
  readonly dist: Int32Array[];
  readonly stuck: number;
  /** Success: the stuck agent's distance below this. */
  readonly below: number;
  /** Priorities of all agents (steps waited, distinct ranks). */
  readonly waited: Int32Array;
  readonly rank: Int32Array;
  /** LaCAM budget per radius tried: configurations stored (and 8× as many iterations). */
  readonly maxNodes: number;
  readonly seed: number;
}

export function planEscape(input: EscapeInput): EscapePlan | null {
  const { graph, q, stuck } = input;
  const N = q.length;
  const agentAt = new Int32Array(graph.n).fill(NONE);
  for (let i = 0; i < N; i++) agentAt[q[i]!] = i;
  // A wide escape would stop much of the fleet for long: beyond MAX_RADIUS, wait and retry later.
  for (let radius = 3; radius <= MAX_RADIUS; radius *= 2) {
    const agents = agentsWithin(graph, q[stuck]!, radius, agentAt);
    const plan = tryEscape(input, agents, agentAt, 2 * radius + 16);
    if (plan !== null) return plan;
    if (agents.length === N) break;
  }
  return null;
}

const MAX_RADIUS = 24;

function agentsWithin(graph: MapfGraph, from: number, radius: number, agentAt: Int32Array): Int32Array {
  const depth = new Map<number, number>([[from, 0]]);
  const queue = [from];
  const found: number[] = [];
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h]!;
    if (agentAt[v] !== NONE) found.push(agentAt[v]!);
    const d = depth.get(v)!;
    if (d >= radius) continue;
    for (let k = graph.off[v]!; k < graph.off[v + 1]!; k++) {
      const u = graph.adj[k]!;
      if (!depth.has(u)) {
        depth.set(u, d + 1);
        queue.push(u);
      }
    }
  }
  return Int32Array.from(found);
}

function tryEscape(input: EscapeInput, agents: Int32Array, agentAt: Int32Array, maxDepth: number): EscapePlan | null {
  const { graph, q, stuck } = input;
  const inSet = new Set(agents);
  const wall = (v: number) => agentAt[v] !== NONE && !inSet.has(agentAt[v]!);
  const from: number[] = [];
  const to: number[] = [];
  for (let v = 0; v < graph.n; v++) {
    if (wall(v)) continue;
    for (let k = graph.off[v]!; k < graph.off[v + 1]!; k++) {
      if (!wall(graph.adj[k]!)) {
        from.push(v);
        to.push(graph.adj[k]!);
      }
    }
  }
  const sub = graphFromEdges(graph.n, from, to);
  const M = agents.length;
  const starts = new Int32Array(M);
  const goals = new Int32Array(M);
  const dist: Int32Array[] = [];
  const waited = new Int32Array(M);
  let me = NONE;
  for (let k = 0; k < M; k++) {
    const i = agents[k]!;
    if (i === stuck) me = k;
    starts[k] = q[i]!;
    goals[k] = input.goals[i]!;
    dist.push(input.dist[i]!);
    waited[k] = input.waited[i]!;
  }
  const byRank = Array.from({ length: M }, (_, k) => k).sort((a, b) => input.rank[agents[a]!]! - input.rank[agents[b]!]!);
  const rank = new Int32Array(M);
  byRank.forEach((k, r) => (rank[k] = r));
  const ds = input.dist[stuck]!;
  const res = lacam(sub, starts, goals, dist, {
    seed: input.seed,
    maxNodes: input.maxNodes,
    maxIterations: input.maxNodes * 8,
    maxDepth,
    priorities: { waited, rank },
    isGoal: (c) => ds[c[me]!]! < input.below,
  });
  if (res.reason !== 'solved') return null;
  const footprint = new Uint8Array(graph.n);
  for (const c of res.configs) for (let k = 0; k < M; k++) footprint[c[k]!] = 1;
  return { agents, configs: res.configs, footprint };
}
