import { describe, expect, it } from 'vitest';
import { degree, graphFromEdges, gridGraph } from '../../engine/core/planner/mapf/mapf-graph.ts';
import { createDistanceCache, UNREACHABLE } from '../../engine/core/planner/mapf/distance-cache.ts';
import { createConfigTable, hashConfig } from '../../engine/core/planner/mapf/config-table.ts';
import { createPibt } from '../../engine/core/planner/mapf/pibt.ts';
import { asciiInstance } from '../fixtures/mapf-grid.ts';

const neighbours = (g: { off: Int32Array; adj: Int32Array }, v: number) => [...g.adj.subarray(g.off[v]!, g.off[v + 1]!)].sort((a, b) => a - b);

describe('given a grid with walls', () => {
  // . . @
  // . @ .
  // . . .
  const g = gridGraph(3, 3, Uint8Array.from([1, 1, 0, 1, 0, 1, 1, 1, 1]));
  it('numbers the passable cells row by row and links 4-neighbours only', () => {
    expect(g.n).toBe(7);
    expect([...g.cellOfNode]).toEqual([0, 1, 3, 5, 6, 7, 8]);
    expect(g.nodeOfCell[2]).toBe(-1);
    expect(neighbours(g, 0)).toEqual([1, 2]);
    expect(neighbours(g, 3)).toEqual([6]);
    expect(degree(g, 5)).toBe(2);
    expect(g.maxDegree).toBe(2);
  });
  it('gives hop distances to a goal and caches the table', () => {
    const cache = createDistanceCache(g);
    const d = cache.to(1);
    expect([...d]).toEqual([1, 0, 2, 6, 3, 4, 5]);
    expect(cache.to(1)).toBe(d);
    expect(cache.size).toBe(1);
  });
});

describe('given a directed graph (one-way lanes)', () => {
  // 0 → 1 → 2 → 0, and 2 ↔ 3
  const g = graphFromEdges(4, [0, 1, 2, 2, 3, 3], [1, 2, 0, 3, 2, 2]);
  it('keeps the directions and drops duplicate edges', () => {
    expect(neighbours(g, 0)).toEqual([1]);
    expect(neighbours(g, 3)).toEqual([2]);
    expect(g.adj.length).toBe(5);
  });
  it('measures distances along the edge directions', () => {
    const d = createDistanceCache(g).to(1);
    expect([...d]).toEqual([1, 0, 2, 3]);
    const isolated = graphFromEdges(3, [0], [1]);
    expect(createDistanceCache(isolated).to(0)[1]).toBe(UNREACHABLE);
  });
  it('rejects an edge to a node that does not exist', () => {
    expect(() => graphFromEdges(2, [0], [2])).toThrow(RangeError);
  });
});

describe('given the closed set of configurations', () => {
  it('finds every stored configuration and no other', () => {
    const table = createConfigTable<number>();
    const configs: Int32Array[] = [];
    for (let k = 0; k < 5000; k++) configs.push(Int32Array.of(k % 97, (k * 7) % 101, k));
    configs.forEach((c, k) => table.add(c, k));
    expect(table.size).toBe(5000);
    configs.forEach((c, k) => expect(table.get(Int32Array.from(c))).toBe(k));
    expect(table.get(Int32Array.of(1, 2, 3))).toBeUndefined();
    expect(() => table.add(Int32Array.of(0, 0, 0), 1)).toThrow(/already/);
  });
  it('hashes permutations of one configuration differently', () => {
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    hashConfig(Int32Array.of(1, 2, 3), a);
    hashConfig(Int32Array.of(2, 1, 3), b);
    expect([...a]).not.toEqual([...b]);
  });
});

/** One PIBT step, agent a first, no random tie-breaks; the nodes each agent moves to. */
function stepOnce(rows: string[], goals: string[], swap: boolean | 'dead-ends'): number[] {
  const inst = asciiInstance(rows, goals);
  const pibt = createPibt(inst.graph, inst.starts.length, { swap });
  const cache = createDistanceCache(inst.graph);
  inst.goals.forEach((goal, i) => {
    pibt.goals[i] = goal;
    pibt.dist[i] = cache.to(goal);
  });
  const to = new Int32Array(inst.starts.length).fill(-1);
  expect(pibt.step(inst.starts, to, Int32Array.from(inst.starts, (_, i) => i), () => 0)).toBe(true);
  return [...to];
}

describe('given one PIBT step', () => {
  it('moves a chain of agents behind a leader into vacated cells (following)', () => {
    const inst = asciiInstance(['abc..'], ['..abc']);
    const pibt = createPibt(inst.graph, 3);
    const cache = createDistanceCache(inst.graph);
    inst.goals.forEach((goal, i) => {
      pibt.goals[i] = goal;
      pibt.dist[i] = cache.to(goal);
    });
    const to = new Int32Array(3).fill(-1);
    expect(pibt.step(inst.starts, to, Int32Array.of(0, 1, 2), () => 0)).toBe(true);
    expect([...to]).toEqual([1, 2, 3]);
  });
  it('pulls an agent out of a dead end by backing off, with the swap everywhere or only into dead ends', () => {
    // a must get into the dead end that b must leave: pushing b deeper cannot work.
    const rows = ['.....', '@@a@@', '@@b@@'];
    const goals = ['b....', '@@.@@', '@@a@@'];
    expect(stepOnce(rows, goals, true)).toEqual(stepOnce(rows, goals, 'dead-ends'));
    expect(stepOnce(rows, goals, 'dead-ends')).toEqual([2, 5]);
    expect(stepOnce(rows, goals, false)).toEqual([5, 6]);
  });
  it('swaps in a corridor open at both ends only when asked to swap everywhere', () => {
    // a's goal is two cells down the corridor, b wants out behind a.
    const rows = ['.@@@@.', '.ab...', '.@@@@.'];
    const goals = ['b@@@@.', '...a..', '.@@@@.'];
    expect(stepOnce(rows, goals, true)).toEqual([2, 3]);
    expect(stepOnce(rows, goals, 'dead-ends')).toEqual([4, 5]);
  });
  it('fails on constraints that swap two agents', () => {
    const inst = asciiInstance(['ab'], ['ba']);
    const pibt = createPibt(inst.graph, 2);
    const to = Int32Array.of(1, 0);
    expect(pibt.step(inst.starts, to, Int32Array.of(0, 1), () => 0)).toBe(false);
  });
});
