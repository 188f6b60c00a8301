/**
 * Guide paths ("space utilisation optimisation", Engineering LaCAM*, AAMAS 2024): before the
 * search, give every agent a path at most `margin` steps longer than its shortest one that meets
 * as few other agents' paths as possible (same node at the same time, head-on on one edge, or
 * crossing a goal where its agent already waits). Rounds of single-agent searches repeat while
 * the number of such meetings falls. PIBT then prefers the guide path's next node, which spreads
 * traffic over parallel corridors and cuts the detours and waits of greedy shortest paths.
 */
import { NONE, type MapfGraph } from './mapf-graph.ts';
import { createTypedHeap } from './typed-heap.ts';

export interface GuideOptions {
  /** Extra steps allowed over each shortest path (default 10). */
  readonly margin?: number;
  /** Most improvement rounds (default 6). */
  readonly maxRounds?: number;
  /** 32 random bits (planning order). */
  readonly bits: () => number;
  readonly shouldStop?: () => boolean;
}

export interface GuidePaths {
  /** The node after `node` on the agent's guide path, or NONE. */
  next(agent: number, node: number): number;
  /** Meetings left between guide paths (−1 when none were built). */
  readonly collisions: number;
}

const MAX_TABLE = 1 << 24;

/** Guide paths for every agent (see the module comment); none (`next` always NONE) on graphs too big for the table. */
export function buildGuidePaths(graph: MapfGraph, starts: Int32Array, goals: Int32Array, dist: Int32Array[], options: GuideOptions): GuidePaths {
  const N = starts.length;
  const n = graph.n;
  const margin = options.margin ?? 10;
  const shouldStop = options.shouldStop ?? (() => false);
  const { off, adj } = graph;
  let maxD = 0;
  for (let i = 0; i < N; i++) maxD = Math.max(maxD, dist[i]![starts[i]!]!);
  const T = maxD + margin + 1;
  // The space-time table is T × n entries; on huge maps go without guidance rather than run out of memory.
  if (T * n > MAX_TABLE) return { next: () => NONE, collisions: -1 };
  // Entry of agent i at time t: base[i] + t. Per (t, v), a doubly linked list of entries.
  const base = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) base[i + 1] = base[i]! + dist[i]![starts[i]!]! + margin + 1;
  const entries = base[N]!;
  const entNode = new Int32Array(entries);
  const entNext = new Int32Array(entries);
  const entPrev = new Int32Array(entries);
  const entAgent = new Int32Array(entries);
  for (let i = 0; i < N; i++) entAgent.fill(i, base[i]!, base[i + 1]!);
  const head = new Int32Array(T * n).fill(NONE);
  const count = new Int32Array(T * n);
  const len = new Int32Array(N).fill(-1); // path length − 1, or −1 when none
  const goalOwner = new Int32Array(n).fill(NONE);
  for (let i = 0; i < N; i++) goalOwner[goals[i]!] = i;
  let collisions = 0;

  function cost(i: number, vFrom: number, vTo: number, tFrom: number): number {
    const tTo = tFrom + 1;
    let c = count[tTo * n + vTo]!;
    for (let e = head[tTo * n + vFrom]!; e !== NONE; e = entNext[e]!) {
      const j = entAgent[e]!;
      if (tFrom <= len[j]! && entNode[base[j]! + tFrom] === vTo) c++;
    }
    const owner = goalOwner[vTo]!;
    if (owner !== NONE && owner !== i && len[owner]! >= 0 && tTo > len[owner]!) c++;
    return c;
  }

  function enroll(i: number): void {
    const L = len[i]!;
    for (let t = 0; t <= L; t++) {
      const e = base[i]! + t;
      const v = entNode[e]!;
      if (t > 0) collisions += cost(i, entNode[e - 1]!, v, t - 1);
      const slot = t * n + v;
      entPrev[e] = NONE;
      entNext[e] = head[slot]!;
      if (head[slot] !== NONE) entPrev[head[slot]!] = e;
      head[slot] = e;
      count[slot]!++;
    }
    const g = entNode[base[i]! + L]!;
    for (let t = L + 1; t < T; t++) collisions += count[t * n + g]!;
  }

  function unenroll(i: number): void {
    const L = len[i]!;
    if (L < 0) return;
    for (let t = 0; t <= L; t++) {
      const e = base[i]! + t;
      const slot = t * n + entNode[e]!;
      if (entPrev[e] !== NONE) entNext[entPrev[e]!] = entNext[e]!;
      else head[slot] = entNext[e]!;
      if (entNext[e] !== NONE) entPrev[entNext[e]!] = entPrev[e]!;
      count[slot]!--;
      if (t > 0) collisions -= cost(i, entNode[e - 1]!, entNode[e]!, t - 1);
    }
    const g = entNode[base[i]! + L]!;
    for (let t = L + 1; t < T; t++) collisions -= count[t * n + g]!;
    len[i] = -1;
  }

  // Single-agent search over nodes: fewest meetings first, then shortest (A*), within the bound.
  const heap = createTypedHeap(4096);
  const parent = new Int32Array(n).fill(-2);
  const used: number[] = [];
  const qNode: number[] = [];
  const qG: number[] = [];
  const qC: number[] = [];
  const qParent: number[] = [];
  const F = T + 1;

  function plan(i: number): boolean {
    const s = starts[i]!;
    const d = dist[i]!;
    const ub = d[s]! + margin;
    heap.clear();
    qNode.length = qG.length = qC.length = qParent.length = 0;
    const push = (v: number, g: number, c: number, p: number) => {
      heap.push((c * F + g + d[v]!) * n + v, qNode.length);
      qNode.push(v);
      qG.push(g);
      qC.push(c);
      qParent.push(p);
    };
    push(s, 0, 0, NONE);
    let found = false;
    while (heap.size > 0) {
      const q = heap.pop();
      const v = qNode[q]!;
      if (parent[v] !== -2) continue;
      parent[v] = qParent[q]!;
      used.push(v);
      const g = qG[q]!;
      if (v === goals[i]) {
        found = true;
        len[i] = g;
        break;
      }
      for (let k = off[v]!, end = off[v + 1]!; k < end; k++) {
        const u = adj[k]!;
        if (u === s || parent[u] !== -2 || d[u]! + g + 1 > ub) continue;
        push(u, g + 1, qC[q]! + cost(i, v, u, g), v);
      }
    }
    if (found) for (let v = goals[i]!, t = len[i]!; t >= 0; v = parent[v]!, t--) entNode[base[i]! + t] = v;
    for (const v of used) parent[v] = -2;
    used.length = 0;
    return found;
  }

  const order = Int32Array.from({ length: N }, (_, i) => i);
  const maxRounds = options.maxRounds ?? 6;
  let last = Infinity;
  for (let round = 0; round < maxRounds && (round < 2 || collisions < last) && !shouldStop(); round++) {
    last = collisions;
    for (let k = N - 1; k > 0; k--) {
      const j = (options.bits() >>> 0) % (k + 1);
      const t = order[k]!;
      order[k] = order[j]!;
      order[j] = t;
    }
    for (let k = 0; k < N && !shouldStop(); k++) {
      const i = order[k]!;
      const old = len[i]!;
      unenroll(i);
      if (plan(i)) enroll(i);
      else if (old >= 0) {
        // Not found this time (the search closes nodes greedily): keep the old path.
        len[i] = old;
        enroll(i);
      }
    }
    if (collisions === 0) break;
  }

  const nextOf = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    for (let t = 0; t < len[i]!; t++) nextOf.set(i * n + entNode[base[i]! + t]!, entNode[base[i]! + t + 1]!);
  }
  return {
    next: (agent, node) => nextOf.get(agent * n + node) ?? NONE,
    get collisions() {
      return collisions;
    },
  };
}
