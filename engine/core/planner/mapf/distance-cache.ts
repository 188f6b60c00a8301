/**
 * Distances to a goal, by a backward search over in-edges (so directed lane graphs are right too):
 * BFS hop counts, or with guidance (guidance.ts) the cheapest total edge cost by Dijkstra with a
 * bucket queue (Dial's algorithm; costs are small integers, so a search costs about a BFS). One
 * table per goal, computed on first use and kept: PIBT reads them for every agent every step.
 */
import type { EdgeCosts } from './guidance.ts';
import type { MapfGraph } from './mapf-graph.ts';

/** Distance of a node that cannot reach the goal. Large, but small enough that sums stay exact. */
export const UNREACHABLE = 0x3fffffff;

export interface DistanceCache {
  /** Distance from every node to `goal` (hops, or summed edge costs); UNREACHABLE where there is no path. Do not mutate. */
  to(goal: number): Int32Array;
  /** Most one move can change a distance: 1 for hop counts, else the largest edge cost. */
  readonly hop: number;
  /** Number of tables held. */
  readonly size: number;
  /** Drops every table (for long lifelong runs on big graphs). */
  clear(): void;
}

/** Tables of hop counts, or of summed `costs` when given (costs must be aligned with `graph`). */
export function createDistanceCache(graph: MapfGraph, costs?: EdgeCosts): DistanceCache {
  if (costs && (costs.out.length !== graph.adj.length || costs.in.length !== graph.inAdj.length)) {
    throw new RangeError('createDistanceCache: costs do not belong to this graph');
  }
  const tables = new Map<number, Int32Array>();
  const queue = new Int32Array(graph.n);
  let search: (goal: number) => Int32Array;
  if (!costs) search = (goal) => bfsTo(graph, goal, queue);
  else search = costs.max <= 2 ? layeredSearch(graph, costs) : dialSearch(graph, costs);
  return {
    to(goal) {
      let t = tables.get(goal);
      if (t === undefined) {
        t = search(goal);
        tables.set(goal, t);
      }
      return t;
    },
    hop: costs ? costs.max : 1,
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

/**
 * Dijkstra over in-edges with edge costs 1 and 2 (crisscross guidance), about as fast as a BFS:
 * the nodes reached at d, d + 1 and d + 2 sit in three rotating lists held in locals (this is
 * Dial's algorithm below, unrolled; the general one is a third slower).
 */
function layeredSearch(graph: MapfGraph, costs: EdgeCosts): (goal: number) => Int32Array {
  const { n, inOff, inAdj } = graph;
  const w = costs.in;
  // Each list holds one distance, and a node enters a list at most once per distance.
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const c = new Int32Array(n);
  return (goal) => {
    if (!(goal >= 0 && goal < n)) throw new RangeError(`distance table: goal ${goal} is not a node`);
    const dist = new Int32Array(n).fill(UNREACHABLE);
    let cur = a;
    let next1 = b;
    let next2 = c;
    let curLen = 1;
    let len1 = 0;
    let len2 = 0;
    cur[0] = goal;
    dist[goal] = 0;
    for (let d = 0; curLen + len1 + len2 > 0; d++) {
      const d1 = d + 1;
      const d2 = d + 2;
      for (let h = 0; h < curLen; h++) {
        const v = cur[h]!;
        if (dist[v] !== d) continue;
        for (let k = inOff[v]!, end = inOff[v + 1]!; k < end; k++) {
          const u = inAdj[k]!;
          if (w[k] === 1) {
            if (d1 < dist[u]!) {
              dist[u] = d1;
              next1[len1++] = u;
            }
          } else if (d2 < dist[u]!) {
            dist[u] = d2;
            next2[len2++] = u;
          }
        }
      }
      const done = cur;
      cur = next1;
      curLen = len1;
      next1 = next2;
      len1 = len2;
      next2 = done;
      len2 = 0;
    }
    return dist;
  };
}

/**
 * Dijkstra over in-edges with edge costs 1..max (Dial's algorithm): `max + 1` buckets used
 * round-robin, bucket d mod (max + 1) holding the nodes reached at distance d; a node whose
 * distance has since dropped is skipped. While bucket d is scanned, pushes land in d+1..d+max,
 * so no bucket ever holds two distances, and each holds at most n entries.
 */
function dialSearch(graph: MapfGraph, costs: EdgeCosts): (goal: number) => Int32Array {
  const { n, inOff, inAdj } = graph;
  const w = costs.in;
  const B = costs.max + 1;
  const bucket = new Int32Array(B * n);
  const count = new Int32Array(B);
  return (goal) => {
    if (!(goal >= 0 && goal < n)) throw new RangeError(`distance table: goal ${goal} is not a node`);
    const dist = new Int32Array(n).fill(UNREACHABLE);
    count.fill(0);
    dist[goal] = 0;
    bucket[0] = goal;
    count[0] = 1;
    let pending = 1;
    for (let d = 0, b = 0; pending > 0; d++, b = b + 1 === B ? 0 : b + 1) {
      const base = b * n;
      // The bucket does not grow while it is scanned (pushes go to the others).
      const size = count[b]!;
      count[b] = 0;
      pending -= size;
      for (let e = base, end = base + size; e < end; e++) {
        const v = bucket[e]!;
        if (dist[v] !== d) continue;
        for (let k = inOff[v]!, kEnd = inOff[v + 1]!; k < kEnd; k++) {
          const u = inAdj[k]!;
          const du = d + w[k]!;
          if (du < dist[u]!) {
            dist[u] = du;
            let slot = b + w[k]!;
            if (slot >= B) slot -= B;
            bucket[slot * n + count[slot]!++] = u;
            pending++;
          }
        }
      }
    }
    return dist;
  };
}
