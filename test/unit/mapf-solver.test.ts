import { describe, expect, it } from 'vitest';
import { solveMapf, lowerBounds } from '../../engine/core/planner/mapf/solve-mapf.ts';
import { graphFromEdges } from '../../engine/core/planner/mapf/mapf-graph.ts';
import { asciiInstance, checkSolution, type AsciiInstance } from '../fixtures/mapf-grid.ts';

function solve(inst: AsciiInstance, options: Parameters<typeof solveMapf>[3] = {}) {
  const res = solveMapf(inst.graph, inst.starts, inst.goals, options);
  return { res, problems: res.solved ? checkSolution(inst.graph, inst.starts, inst.goals, res.paths) : [] };
}

describe('given two agents that must pass each other in a corridor', () => {
  it('solves it when there is a siding, one agent stepping aside', () => {
    const inst = asciiInstance(['a...b', '@@.@@'], ['b...a', '@@.@@']);
    const { res, problems } = solve(inst);
    expect(res.solved).toBe(true);
    expect(problems).toEqual([]);
    const siding = inst.node(2, 1);
    expect(res.paths.some((p) => p.includes(siding))).toBe(true);
    expect(res.sumOfCosts).toBeGreaterThanOrEqual(lowerBounds(inst.graph, inst.starts, inst.goals).sumOfCosts + 2);
  });

  it('reports the instance unsolvable, not a loop, when there is no siding', () => {
    const inst = asciiInstance(['a...b'], ['b...a']);
    const { res } = solve(inst);
    expect(res).toMatchObject({ solved: false, reason: 'unsolvable', paths: [] });
    expect(res.generated).toBeLessThanOrEqual(5 * 4);
  });

  it('reports a longer corridor with three agents in reverse order unsolvable after exhausting the search', () => {
    const inst = asciiInstance(['a.b.c...'], ['c.b.a...']);
    const { res } = solve(inst);
    expect(res.reason).toBe('unsolvable');
  });
});

describe('given goals inside a dead end', () => {
  it('lets the agents inside out first and sends the agent whose goal is the far end in', () => {
    const inst = asciiInstance(['@@a@@', '@@b@@', 'c....'], ['@@c@@', '@@.@@', 'a...b']);
    const { res, problems } = solve(inst);
    expect(res.solved).toBe(true);
    expect(problems).toEqual([]);
    expect(res.paths[2]![res.paths[2]!.length - 1]).toBe(inst.node(2, 0));
  });

  it('fills a two-cell dead end in the only order that works: the deeper goal first', () => {
    const inst = asciiInstance(['@@.@@', '@@.@@', 'ab...'], ['@@b@@', '@@a@@', '.....']);
    const { res, problems } = solve(inst);
    expect(res.solved).toBe(true);
    expect(problems).toEqual([]);
    const entry = inst.node(2, 1);
    const tA = res.paths[0]!.indexOf(entry);
    const tB = res.paths[1]!.indexOf(entry);
    expect(tB).toBeLessThan(tA);
  });
});

describe('given agents that can only move by rotating together', () => {
  it('rotates four agents around a 2×2 cycle in one step', () => {
    const inst = asciiInstance(['ab', 'dc'], ['da', 'cb']);
    const { res, problems } = solve(inst);
    expect(problems).toEqual([]);
    expect(res).toMatchObject({ solved: true, sumOfCosts: 4, makespan: 1 });
  });

  it('rotates a full ring of eight cells', () => {
    const inst = asciiInstance(['abc', 'h@d', 'gfe'], ['hab', 'g@c', 'fed']);
    const { res, problems } = solve(inst);
    expect(problems).toEqual([]);
    expect(res).toMatchObject({ solved: true, sumOfCosts: 8, makespan: 1 });
  });
});

describe('given a one-way ring, as on a lane graph', () => {
  const ring = graphFromEdges(6, [0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 0]);
  it('drives every agent forward only, the long way round when its goal is behind it', () => {
    const starts = Int32Array.of(0, 2, 4);
    const goals = Int32Array.of(5, 1, 3);
    const res = solveMapf(ring, starts, goals);
    expect(res.solved).toBe(true);
    expect(checkSolution(ring, starts, goals, res.paths)).toEqual([]);
    expect(res).toMatchObject({ sumOfCosts: 15, makespan: 5 });
  });
});

describe('given trivial or malformed instances', () => {
  it('returns one-cell paths and zero cost when every agent is already at its goal', () => {
    const inst = asciiInstance(['a.b', '.c.'], ['a.b', '.c.']);
    const { res } = solve(inst);
    expect(res).toMatchObject({ solved: true, sumOfCosts: 0, makespan: 0 });
    expect(res.paths.map((p) => [...p])).toEqual([[inst.starts[0]], [inst.starts[1]], [inst.starts[2]]]);
  });

  it('reports a goal in another component unsolvable at once', () => {
    const inst = asciiInstance(['a@.'], ['.@a']);
    const { res } = solve(inst);
    expect(res).toMatchObject({ solved: false, reason: 'unsolvable', expanded: 0 });
    expect(lowerBounds(inst.graph, inst.starts, inst.goals).reachable).toBe(false);
  });

  it('rejects two agents sharing a start', () => {
    const inst = asciiInstance(['ab.'], ['.ab']);
    expect(() => solveMapf(inst.graph, Int32Array.of(0, 0), inst.goals)).toThrow(/share start/);
  });

  it('stops when told to, without a solution', () => {
    const inst = asciiInstance(['a...b', '@@.@@'], ['b...a', '@@.@@']);
    const { res } = solve(inst, { shouldStop: () => true, guideMargin: false });
    expect(res).toMatchObject({ solved: false, reason: 'stopped' });
  });
});

describe('given a crowded open room', () => {
  const rows = ['abcdef..', 'ghijkl..', '........', '........', '........', '........'];
  const goals = ['........', '........', '........', '........', 'lkjihg..', 'fedcba..'];
  it('finds valid paths, the same ones for the same seed', () => {
    const inst = asciiInstance(rows, goals);
    const one = solve(inst, { seed: 7 });
    const two = solve(inst, { seed: 7 });
    expect(one.res.solved).toBe(true);
    expect(one.problems).toEqual([]);
    expect(two.res.paths.map((p) => [...p])).toEqual(one.res.paths.map((p) => [...p]));
    expect(one.res.makespan).toBeGreaterThanOrEqual(lowerBounds(inst.graph, inst.starts, inst.goals).makespan);
  });
});
