import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { createDistanceCache, UNREACHABLE } from '../../engine/core/planner/mapf/distance-cache.ts';
import { crisscrossCosts, edgeCosts, type EdgeCosts } from '../../engine/core/planner/mapf/guidance.ts';
import { graphFromEdges, gridGraph, type MapfGraph } from '../../engine/core/planner/mapf/mapf-graph.ts';

/** Cheapest cost from every node to `goal`, by relaxing out-edges until nothing changes (slow, obviously right). */
function referenceDistances(g: MapfGraph, costs: EdgeCosts, goal: number): number[] {
  const d = Array.from({ length: g.n }, () => UNREACHABLE);
  d[goal] = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let v = 0; v < g.n; v++) {
      for (let k = g.off[v]!; k < g.off[v + 1]!; k++) {
        const via = d[g.adj[k]!]! + costs.out[k]!;
        if (d[g.adj[k]!]! < UNREACHABLE && via < d[v]!) {
          d[v] = via;
          changed = true;
        }
      }
    }
  }
  return d;
}

/** A random grid, about a quarter of it walls. */
function randomGrid(seed: number, width: number, height: number) {
  const rng = xoroshiro128plus(seed);
  return gridGraph(width, height, Uint8Array.from({ length: width * height }, () => (uniformInt(rng, 0, 3) === 0 ? 0 : 1)));
}

describe('given crisscross guidance on an open 4 × 4 grid', () => {
  const g = gridGraph(4, 4, new Uint8Array(16).fill(1));
  const costs = crisscrossCosts(g);
  const cost = (x1: number, y1: number, x2: number, y2: number) => {
    const u = g.nodeOfCell[y1 * 4 + x1]!;
    const v = g.nodeOfCell[y2 * 4 + x2]!;
    for (let k = g.off[u]!; k < g.off[u + 1]!; k++) if (g.adj[k] === v) return costs.out[k];
    throw new Error('not adjacent');
  };
  it('makes east cheap on even rows and west on odd rows', () => {
    expect([cost(1, 0, 2, 0), cost(2, 0, 1, 0)]).toEqual([1, 2]);
    expect([cost(1, 1, 2, 1), cost(2, 1, 1, 1)]).toEqual([2, 1]);
  });
  it('makes south cheap in even columns and north in odd columns', () => {
    expect([cost(0, 1, 0, 2), cost(0, 2, 0, 1)]).toEqual([1, 2]);
    expect([cost(1, 1, 1, 2), cost(1, 2, 1, 1)]).toEqual([2, 1]);
  });
  it('indexes the in-edges with the costs of the same moves', () => {
    for (let v = 0; v < g.n; v++) {
      for (let k = g.inOff[v]!; k < g.inOff[v + 1]!; k++) {
        const u = g.inAdj[k]!;
        const out = [...g.adj.subarray(g.off[u]!, g.off[u + 1]!)].indexOf(v) + g.off[u]!;
        expect(costs.in[k]).toBe(costs.out[out]);
      }
    }
    expect(costs.max).toBe(2);
  });
  it('rejects a cost that is not a positive integer', () => {
    expect(() => edgeCosts(g, () => 0)).toThrow(RangeError);
    expect(() => edgeCosts(g, () => 1.5)).toThrow(RangeError);
  });
});

describe('given distance tables with edge costs', () => {
  it('matches the reference on random grids, for costs 1–2 and 1–3', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const g = randomGrid(seed, 9, 7);
      for (const costs of [crisscrossCosts(g), crisscrossCosts(g, 1, 3), crisscrossCosts(g, 2, 3)]) {
        const cache = createDistanceCache(g, costs);
        expect(cache.hop).toBe(costs.max);
        for (const goal of [0, g.n >> 1, g.n - 1]) expect([...cache.to(goal)]).toEqual(referenceDistances(g, costs, goal));
      }
    }
  });
  it('follows edge directions and leaves nodes that cannot reach the goal UNREACHABLE', () => {
    // 0 → 1 → 2 → 0, and 3 → 2 only; the move 0 → 1 is dear.
    const g = graphFromEdges(4, [0, 1, 2, 3], [1, 2, 0, 2]);
    const costs = edgeCosts(g, (u) => (u === 0 ? 5 : 1));
    expect([...createDistanceCache(g, costs).to(1)]).toEqual([5, 0, 6, 7]);
    expect(createDistanceCache(g, costs).to(3)[0]).toBe(UNREACHABLE);
  });
  it('refuses costs built for another graph', () => {
    const a = gridGraph(3, 3, new Uint8Array(9).fill(1));
    const b = gridGraph(4, 3, new Uint8Array(12).fill(1));
    expect(() => createDistanceCache(b, crisscrossCosts(a))).toThrow(RangeError);
  });
  it('counts hops, one per move, without costs', () => {
    expect(createDistanceCache(gridGraph(2, 1, Uint8Array.of(1, 1))).hop).toBe(1);
  });
});
