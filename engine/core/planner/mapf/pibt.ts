/**
 * PIBT (priority inheritance with backtracking; Okumura et al., IJCAI 2019 / AIJ 2022): one step
 * of a joint plan. Agents choose in priority order the free neighbour closest to their goal; an
 * agent that wants a node held by an undecided agent lends it its priority, and that agent must
 * move away first or the choice is backtracked. With the swap operation of LaCAM* (Engineering
 * LaCAM*, AAMAS 2024) two agents facing each other in a corridor can exchange places by pulling
 * instead of pushing, which is what makes corridors and mazes solvable.
 *
 * Semantics are those of check-mapf: no two agents on a node, no two agents swapping along one
 * edge; following into a node vacated in the same step, and rotation along a cycle, are allowed.
 * Hot path: typed arrays only, no allocation per step.
 */
import { NONE, type MapfGraph } from './mapf-graph.ts';
import { createSwapRules } from './pibt-swap.ts';

export interface Pibt {
  /** Goal node per agent. The caller keeps it and `dist` in step. */
  readonly goals: Int32Array;
  /** Distance table to goals[i] per agent (see DistanceCache). */
  readonly dist: Int32Array[];
  /** Optional preferred next node per agent (guidance), or NONE; tried first whenever free. */
  readonly hint: Int32Array;
  /** Nodes unplanned agents must not enter (non-zero = closed); waiting in place stays allowed. */
  readonly closed: Uint8Array;
  /**
   * Per agent: non-zero restricts its choices to its hint and waiting (a vehicle committed to its
   * route: the engine's tick uses this for every vehicle that may not change lanes here).
   */
  readonly hintOnly: Uint8Array;
  /**
   * Per agent: added to the distance of waiting in place (default 0, plain PIBT). The engine sets it
   * where a vehicle may choose its next lane: how much longer a way round it takes over waiting.
   */
  readonly waitPenalty: Int32Array;
  /**
   * Plans one step: fills `qTo` from `qFrom` (node per agent). Entries of `qTo` that are not NONE on
   * entry are constraints (fixed moves). Agents are planned in `order` (highest priority first).
   * `bits()` returns 32 random bits for tie-breaks. Returns false when the constraints conflict or
   * an agent of the order could not be placed; `qTo` is then incomplete.
   */
  step(qFrom: Int32Array, qTo: Int32Array, order: ArrayLike<number>, bits: () => number): boolean;
}

export interface PibtOptions {
  /**
   * The swap operation (default true). Without it corridors deadlock. 'dead-ends': only the pull
   * past an agent in a corridor that ends in a dead end (see pibt-swap.ts), for lifelong runs.
   */
  readonly swap?: boolean | 'dead-ends';
}

export function createPibt(graph: MapfGraph, agents: number, options: PibtOptions = {}): Pibt {
  const useSwap = (options.swap ?? true) !== false;
  const { off, adj } = graph;
  const stride = graph.maxDegree + 1;
  const goals = new Int32Array(agents).fill(NONE);
  const dist: Int32Array[] = new Array<Int32Array>(agents);
  const hint = new Int32Array(agents).fill(NONE);
  const closed = new Uint8Array(graph.n);
  const hintOnly = new Uint8Array(agents);
  const waitPenalty = new Int32Array(agents);
  const occNow = new Int32Array(graph.n).fill(NONE);
  const occNext = new Int32Array(graph.n).fill(NONE);
  const cand = new Int32Array(agents * stride);
  const key = new Float64Array(agents * stride);
  const swap = createSwapRules(graph, occNow, goals, dist, options.swap === 'dead-ends');
  let qFrom: Int32Array = new Int32Array(0);
  let qTo: Int32Array = new Int32Array(0);
  let bits: () => number = () => 0;

  function candidates(i: number, v: number): number {
    const base = i * stride;
    const d = dist[i]!;
    const h = hint[i]!;
    const only = hintOnly[i] !== 0;
    let r = bits();
    let K = 0;
    for (let k = off[v]!, end = off[v + 1]!; k <= end; k++) {
      const u = k < end ? adj[k]! : v;
      if (only && u !== h && u !== v) continue;
      // Distance first, then a random tie-break; the hinted node beats everything.
      const kv = u === h ? -1 : d[u]! + (u === v ? waitPenalty[i]! : 0) + (r & 63) / 64;
      r = (r >>> 6) | (r << 26);
      let p = base + K++;
      while (p > base && key[p - 1]! > kv) {
        key[p] = key[p - 1]!;
        cand[p] = cand[p - 1]!;
        p--;
      }
      key[p] = kv;
      cand[p] = u;
    }
    return K;
  }

  function plan(i: number): boolean {
    const v = qFrom[i]!;
    const base = i * stride;
    const K = candidates(i, v);
    let swapAgent = NONE;
    if (useSwap) {
      swapAgent = swap.partner(i, v, cand[base]!, qFrom, qTo);
      if (swapAgent !== NONE) {
        for (let a = base, b = base + K - 1; a < b; a++, b--) {
          const t = cand[a]!;
          cand[a] = cand[b]!;
          cand[b] = t;
        }
      }
    }
    for (let k = 0; k < K; k++) {
      const u = cand[base + k]!;
      if (occNext[u] !== NONE || (closed[u] && u !== v)) continue;
      const ak = occNow[u]!;
      if (ak !== NONE && qTo[ak] === v) continue;
      occNext[u] = i;
      qTo[i] = u;
      if (ak !== NONE && ak !== i && qTo[ak] === NONE && !plan(ak)) continue;
      if (k === 0 && swapAgent !== NONE && qTo[swapAgent] === NONE && occNext[v] === NONE) {
        occNext[v] = swapAgent;
        qTo[swapAgent] = v;
      }
      return true;
    }
    occNext[v] = i;
    qTo[i] = v;
    return false;
  }

  function step(from: Int32Array, to: Int32Array, order: ArrayLike<number>, rnd: () => number): boolean {
    qFrom = from;
    qTo = to;
    bits = rnd;
    const N = from.length;
    let ok = true;
    for (let i = 0; i < N; i++) occNow[from[i]!] = i;
    let placed = 0;
    for (; placed < N; placed++) {
      const u = to[placed]!;
      if (u === NONE) continue;
      if (occNext[u] !== NONE) {
        ok = false;
        break;
      }
      const j = occNow[u]!;
      if (j !== NONE && j !== placed && to[j] === from[placed]) {
        ok = false;
        break;
      }
      occNext[u] = placed;
    }
    if (ok) {
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        if (to[i] === NONE && !plan(i)) {
          ok = false;
          break;
        }
      }
    }
    for (let i = 0; i < N; i++) {
      occNow[from[i]!] = NONE;
      const u = to[i]!;
      if (u !== NONE && occNext[u] !== NONE) occNext[u] = NONE;
    }
    return ok;
  }

  return { goals, dist, hint, closed, hintOnly, waitPenalty, step };
}
