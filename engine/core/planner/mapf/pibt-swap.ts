/**
 * The swap operation of LaCAM* for PIBT (Okumura, "Engineering LaCAM*", AAMAS 2024, after
 * Push and Swap): when agent i must pass agent j in a corridor, i backs off and pulls j behind it
 * until they reach a node with room to let each other by. These rules decide when a swap is needed
 * (pushing would only lengthen both paths) and possible (a branching node is reachable by pulling).
 *
 * With `deadEndsOnly` (lifelong runs) a swap is made only when the corridor ahead of the pusher
 * ends in a dead end, where pushing can never work; the "clear" case (pulling an agent that
 * follows) is left out. In lifelong traffic a corridor is mostly full of agents going the same
 * way: backing off there pushes the whole file backwards, which costs far more than it saves.
 */
import { NONE, type MapfGraph } from './mapf-graph.ts';

export interface SwapRules {
  /**
   * The agent that agent i at v should pull (swap with) this step, or NONE. `best` is i's preferred
   * next node. Reads the `occNow` table the step filled.
   */
  partner(i: number, v: number, best: number, qFrom: Int32Array, qTo: Int32Array): number;
}

export function createSwapRules(graph: MapfGraph, occNow: Int32Array, goals: Int32Array, dist: Int32Array[], deadEndsOnly = false): SwapRules {
  const { off, adj } = graph;
  // Walk limit, so a directed graph where "the corridor" never closes cannot loop.
  const maxWalk = graph.n + 1;
  let next = NONE;

  /** Open neighbours of w (not `back`, not a dead end held by an agent sitting at its goal). */
  function openCount(w: number, back: number): number {
    let count = 0;
    for (let k = off[w]!, end = off[w + 1]!; k < end; k++) {
      const u = adj[k]!;
      if (u === back) continue;
      const a = occNow[u]!;
      if (a !== NONE && goals[a] === u && off[u + 1]! - off[u]! === 1) continue;
      count++;
      next = u;
    }
    return count;
  }

  function required(pusher: number, puller: number, pusherAt: number, pullerAt: number): boolean {
    const dp = dist[pusher]!;
    let vPusher = pusherAt;
    let vPuller = pullerAt;
    let deadEnd = false;
    while (dp[vPuller]! < dp[vPusher]!) {
      const open = openCount(vPuller, vPusher);
      if (open >= 2) return false;
      if (open <= 0) {
        deadEnd = true;
        break;
      }
      vPusher = vPuller;
      vPuller = next;
    }
    if (deadEndsOnly && !deadEnd) return false;
    const dq = dist[puller]!;
    return dq[vPusher]! < dq[vPuller]! && (dp[vPusher] === 0 || dp[vPuller]! < dp[vPusher]!);
  }

  function possible(pusherAt: number, pullerAt: number): boolean {
    let vPusher = pusherAt;
    let vPuller = pullerAt;
    for (let steps = 0; vPuller !== pusherAt && steps < maxWalk; steps++) {
      const open = openCount(vPuller, vPusher);
      if (open >= 2) return true;
      if (open <= 0) return false;
      vPusher = vPuller;
      vPuller = next;
    }
    return false;
  }

  return {
    partner(i, v, best, qFrom, qTo) {
      const j = occNow[best]!;
      if (j !== NONE && j !== i && qTo[j] === NONE && required(i, j, v, qFrom[j]!) && possible(qFrom[j]!, v)) return j;
      if (best === v || deadEndsOnly) return NONE;
      // The "clear" case of Push and Swap: an agent behind i that i should pull along.
      for (let k = off[v]!, end = off[v + 1]!; k < end; k++) {
        const a = occNow[adj[k]!]!;
        if (a !== NONE && best !== qFrom[a] && required(a, i, v, best) && possible(best, v)) return a;
      }
      return NONE;
    },
  };
}
