/**
 * Hop distances to a goal, by BFS over in-edges (so directed lane graphs are right too). One
 * table per goal, computed on first use and kept: PIBT reads them for every agent every step.
 */
import type { MapfGraph } from './mapf-graph.ts';

/** Distance of a node that cannot reach the goal. Large, but small enough that sums stay exact. */
export const UNREACHABLE = 0x3fffffff;

export interface DistanceCache {
  /** Hops from every node to `goal`; UNREACHABLE where there is no path. Do not mutate. */
  to(goal: number): Int32Array;
  /** Number of tables held. */
  readonly size: number;
  /** Drops every table (for long lifelong runs on big graphs). */
  clear(): void;
}

export function createDistanceCache(graph: MapfGraph): DistanceCache {
  const tables = new Map<number, Int32Array>();
  const queue = new Int32Array(graph.n);
  return {
    to(goal) {
      let t = tables.get(goal);
      if (t === undefined) {
        t = bfsTo(graph, goal, queue);
        tables.set(goal, t);
      }
      return t;
    },
    get size() {
      return tables.size;
    },
    clear() {
      tables.clear();
    },
  };
}

/** BFS from `goal` over in-edges; `queue` is scratch of length ≥ n. */
export function bfsTo(graph: MapfGraph, goal: number, queue: Int32Array = new Int32Array(graph.n)): Int32Array {
  if (!(goal >= 0 && goal < graph.n)) throw new RangeError(`bfsTo: goal ${goal} is not a node`);
  const dist = new Int32Array(graph.n).fill(UNREACHABLE);
  const { inOff, inAdj } = graph;
  dist[goal] = 0;
  queue[0] = goal;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = queue[head++]!;
    const d = dist[v]! + 1;
    for (let k = inOff[v]!, end = inOff[v + 1]!; k < end; k++) {
      const u = inAdj[k]!;
      if (dist[u] === UNREACHABLE) {
        dist[u] = d;
        queue[tail++] = u;
      }
    }
  }
  return dist;
}
