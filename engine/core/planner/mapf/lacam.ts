/**
 * LaCAM (lazy constraints addition search; Okumura, AAAI 2023) with the LaCAM* bookkeeping
 * (IJCAI 2023): a depth-first search over joint configurations in which PIBT proposes the next
 * configuration. Each configuration keeps a breadth-first tree of constraints ("agent i goes to
 * u"), grown one level per visit, so a configuration revisited often eventually forces every
 * combination of moves: the search is complete — it finds a solution or exhausts the reachable
 * configurations and says none exists. Closed set: configurations by hash (config-table.ts).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { createConfigTable } from './config-table.ts';
import { NONE, type MapfGraph } from './mapf-graph.ts';
import { createPibt } from './pibt.ts';

export interface LacamOptions {
  /** Polled every few iterations; true ends the search with reason 'stopped'. */
  readonly shouldStop?: () => boolean;
  /** Seed of the tie-breaks (default 0). Same seed and input, same answer. */
  readonly seed?: number;
  /** Most configurations to store (memory budget); 'limit' when reached. */
  readonly maxNodes?: number;
  /** Most iterations (work budget: each tries one set of constraints); 'limit' when reached. */
  readonly maxIterations?: number;
  /** Plans longer than this many steps are not explored (gives up completeness; default none). */
  readonly maxDepth?: number;
  /** Success test on a configuration (default: every agent at its goal). */
  readonly isGoal?: (config: Int32Array) => boolean;
  /** PIBT swap operation (default true). */
  readonly swap?: boolean;
  /**
   * Starting priorities (steps each agent has waited for its goal) and tie-break ranks (distinct,
   * 0..N-1, higher first); default: 0 and the start distance (farther first).
   */
  readonly priorities?: { readonly waited: Int32Array; readonly rank: Int32Array };
  /** PIBT samples per configuration, the best kept (default 1). */
  readonly samples?: number;
  /** Per agent, a preferred next node from each node (guidance), or null. */
  readonly guide?: ((agent: number, node: number) => number) | null;
}

export interface LacamResult {
  readonly reason: 'solved' | 'unsolvable' | 'stopped' | 'limit';
  /** Configurations from the start to the goal configuration (empty unless solved). */
  readonly configs: Int32Array[];
  /** High-level iterations (low-level nodes consumed). */
  readonly expanded: number;
  /** Configurations stored. */
  readonly generated: number;
}

interface LNode {
  readonly parent: LNode | null;
  readonly who: number;
  readonly where: number;
  readonly depth: number;
}

interface HNode {
  readonly q: Int32Array;
  parent: HNode | null;
  g: number;
  readonly elapsed: Int32Array;
  readonly order: Int32Array;
  readonly atGoal: number;
  readonly depth: number;
  tree: (LNode | undefined)[];
  head: number;
}

const RESTART_RATE = 0.001;

/** Runs LaCAM from `starts` to `goals` (node per agent); `dist[i]` is the distance table to goals[i]. */
export function lacam(graph: MapfGraph, starts: Int32Array, goals: Int32Array, dist: Int32Array[], options: LacamOptions = {}): LacamResult {
  const N = starts.length;
  const isGoal = options.isGoal ?? null;
  const shouldStop = options.shouldStop ?? (() => false);
  const maxNodes = options.maxNodes ?? Infinity;
  const maxIterations = options.maxIterations ?? Infinity;
  const maxDepth = options.maxDepth ?? Infinity;
  const rng = xoroshiro128plus(options.seed ?? 0);
  const bits = () => rng.next();
  const pibt = createPibt(graph, N, { swap: options.swap ?? true });
  pibt.goals.set(goals);
  for (let i = 0; i < N; i++) pibt.dist[i] = dist[i]!;
  const guide = options.guide ?? null;

  // Ties between equal waiting times go to the agent that started farther from its goal.
  const rank = options.priorities?.rank ?? new Int32Array(N);
  const agentOfRank = new Int32Array(N);
  if (options.priorities) for (let i = 0; i < N; i++) agentOfRank[rank[i]!] = i;
  else {
    agentOfRank.set(Array.from({ length: N }, (_, i) => i).sort((a, b) => dist[a]![starts[a]!]! - dist[b]![starts[b]!]! || a - b));
    for (let r = 0; r < N; r++) rank[agentOfRank[r]!] = r;
  }
  const waited0 = options.priorities?.waited ?? null;
  const keys = new Float64Array(N);

  function makeNode(q: Int32Array, parent: HNode | null): HNode {
    const elapsed = new Int32Array(N);
    let atGoal = 0;
    let cost = 0;
    for (let i = 0; i < N; i++) {
      const here = q[i] === goals[i];
      if (here) atGoal++;
      elapsed[i] = here ? 0 : parent ? parent.elapsed[i]! + 1 : waited0 ? waited0[i]! : 0;
      if (parent && !(here && parent.q[i] === goals[i])) cost++;
      keys[i] = elapsed[i]! * N + rank[i]!;
    }
    keys.sort();
    const order = new Int32Array(N);
    for (let k = 0; k < N; k++) order[k] = agentOfRank[keys[N - 1 - k]! % N]!;
    const root: LNode = { parent: null, who: NONE, where: NONE, depth: 0 };
    return { q, parent, g: parent ? parent.g + cost : 0, elapsed, order, atGoal, depth: parent ? parent.depth + 1 : 0, tree: [root], head: 0 };
  }

  function edgeCost(a: Int32Array, b: Int32Array): number {
    let c = 0;
    for (let i = 0; i < N; i++) if (!(a[i] === goals[i] && b[i] === goals[i])) c++;
    return c;
  }

  const cands = new Int32Array(graph.maxDegree + 1);
  function expandLow(h: HNode, l: LNode): void {
    if (l.depth >= N) return;
    const i = h.order[l.depth]!;
    const v = h.q[i]!;
    let K = 0;
    for (let k = graph.off[v]!, end = graph.off[v + 1]!; k < end; k++) cands[K++] = graph.adj[k]!;
    cands[K++] = v;
    for (let k = K - 1; k > 0; k--) {
      const j = (bits() >>> 0) % (k + 1);
      const t = cands[k]!;
      cands[k] = cands[j]!;
      cands[j] = t;
    }
    for (let k = 0; k < K; k++) h.tree.push({ parent: l, who: i, where: cands[k]!, depth: l.depth + 1 });
  }

  function setHints(q: Int32Array): void {
    if (guide === null) return;
    for (let i = 0; i < N; i++) pibt.hint[i] = guide(i, q[i]!);
  }

  // Several PIBT samples per step, keep the one closest to the goals (Monte-Carlo configuration
  // generation of Engineering LaCAM*): tie-breaks differ between samples.
  const samples = Math.max(1, options.samples ?? 1);
  let qTo = new Int32Array(N);
  let qTry = new Int32Array(N);
  function generate(h: HNode, l: LNode): boolean {
    let bestScore = Infinity;
    for (let k = 0; k < samples; k++) {
      qTry.fill(NONE);
      for (let c: LNode | null = l; c !== null && c.depth > 0; c = c.parent) qTry[c.who] = c.where;
      if (!pibt.step(h.q, qTry, h.order, bits)) continue;
      if (samples === 1) {
        [qTo, qTry] = [qTry, qTo];
        return true;
      }
      let score = 0;
      for (let i = 0; i < N; i++) score += dist[i]![qTry[i]!]! + (qTry[i] === goals[i] && h.q[i] === goals[i] ? 0 : 1);
      if (score < bestScore) {
        bestScore = score;
        [qTo, qTry] = [qTry, qTo];
      }
    }
    return bestScore < Infinity;
  }

  const table = createConfigTable<HNode>();
  const init = makeNode(Int32Array.from(starts), null);
  table.add(init.q, init);
  const stack: HNode[] = [init];
  let expanded = 0;
  const done = (reason: LacamResult['reason'], configs: Int32Array[] = []): LacamResult => ({ reason, configs, expanded, generated: table.size });

  while (stack.length > 0) {
    if ((expanded & 15) === 0 && shouldStop()) return done('stopped');
    if (expanded >= maxIterations) return done('limit');
    const h = stack[stack.length - 1]!;
    if (isGoal === null ? h.atGoal === N : isGoal(h.q)) return done('solved', backtrack(h));
    if (h.head >= h.tree.length) {
      stack.pop();
      h.tree = [];
      h.head = 0;
      continue;
    }
    const l = h.tree[h.head]!;
    h.tree[h.head++] = undefined;
    if (h.head > 4096 && h.head * 2 > h.tree.length) {
      h.tree = h.tree.slice(h.head);
      h.head = 0;
    }
    expanded++;
    expandLow(h, l);
    setHints(h.q);
    if (!generate(h, l)) continue;
    const seen = table.get(qTo);
    if (seen !== undefined) {
      const g = h.g + edgeCost(h.q, seen.q);
      if (g < seen.g) {
        seen.g = g;
        seen.parent = h;
      }
      // A rare jump back to the start keeps the search from circling in one region.
      stack.push((bits() >>> 0) / 4294967296 < RESTART_RATE ? init : seen);
      continue;
    }
    if (table.size >= maxNodes) return done('limit');
    if (h.depth >= maxDepth) continue;
    const node = makeNode(qTo, h);
    table.add(qTo, node);
    qTo = new Int32Array(N);
    stack.push(node);
  }
  return done('unsolvable');
}

function backtrack(goal: HNode): Int32Array[] {
  const configs: Int32Array[] = [];
  for (let h: HNode | null = goal; h !== null; h = h.parent) configs.push(h.q);
  return configs.reverse();
}
