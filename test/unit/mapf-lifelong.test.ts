import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { crisscrossCosts } from '../../engine/core/planner/mapf/guidance.ts';
import { runLifelong, type LifelongOptions } from '../../engine/core/planner/mapf/lifelong.ts';
import { gridInstance, loadMovingAiMap, loadMovingAiScen } from '../../simulator/mapf/movingai.ts';
import { asciiInstance, checkStep } from '../fixtures/mapf-grid.ts';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'mapf');

function instance(name: string, agents: number) {
  return gridInstance(loadMovingAiMap(join(SHARED, name, `${name}.map`)), loadMovingAiScen(join(SHARED, name, `${name}-random-1.scen`)), agents);
}

/** Runs lifelong MAPF and checks every step against the previous configuration. */
function run(inst: ReturnType<typeof instance>, options: Omit<LifelongOptions, 'onStep'>) {
  const problems: string[] = [];
  let prev = Int32Array.from(inst.starts);
  const res = runLifelong(inst.graph, inst.starts, {
    ...options,
    onStep: (step, q) => {
      for (const p of checkStep(inst.graph, prev, q)) if (problems.length < 5) problems.push(`step ${step}: ${p}`);
      prev = Int32Array.from(q);
    },
  });
  const quarter = options.steps / 4;
  const quarters = [0, 1, 2, 3].map((k) => res.reachedPerStep.slice(k * quarter, (k + 1) * quarter).reduce((a, b) => a + b, 0));
  return { res, problems, quarters };
}

describe('given lifelong MAPF on random-32-32-20 (dead ends, where plain PIBT gridlocks)', () => {
  it('keeps 200 agents reaching goals in every quarter, without a conflict', () => {
    const inst = instance('random-32-32-20', 200);
    const { res, problems, quarters } = run(inst, { steps: 800, seed: 1, goals: inst.goals });
    expect(problems).toEqual([]);
    expect(res.gridlockAt).toBeNull();
    expect(Math.min(...quarters)).toBeGreaterThan(0);
    expect(res.throughput).toBeCloseTo(res.goalsReached / 800, 10);
  });

  it('is rescued by the escape search when the swap operation is off, and jams without it', () => {
    const inst = instance('random-32-32-20', 200);
    const rescued = run(inst, { steps: 800, seed: 1, goals: inst.goals, swap: false });
    expect(rescued.problems).toEqual([]);
    expect(rescued.res.escapesSolved).toBeGreaterThan(0);
    expect(rescued.res.gridlockAt).toBeNull();
    expect(Math.min(...rescued.quarters)).toBeGreaterThan(0);
    const plain = run(inst, { steps: 800, seed: 1, goals: inst.goals, swap: false, stallSteps: 1e9 });
    expect(plain.res.gridlockAt).not.toBeNull();
  });

  it('keeps going on the swap into dead ends alone, with the escape search switched off', () => {
    const inst = instance('random-32-32-20', 200);
    const { res, problems, quarters } = run(inst, { steps: 800, seed: 1, goals: inst.goals, stallSteps: 1e9 });
    expect(problems).toEqual([]);
    expect(res.gridlockAt).toBeNull();
    expect(Math.min(...quarters)).toBeGreaterThan(0);
  });

  it('repeats itself exactly for the same seed', () => {
    const inst = instance('random-32-32-20', 50);
    const a = run(inst, { steps: 200, seed: 5 });
    const b = run(inst, { steps: 200, seed: 5 });
    expect([...b.res.reachedPerStep]).toEqual([...a.res.reachedPerStep]);
  });
});

describe('given lifelong MAPF on warehouse-10-20-10-2-1 (one-cell aisles) with 500 agents', () => {
  const inst = instance('warehouse-10-20-10-2-1', 500);
  const guided = () => run(inst, { steps: 400, seed: 2, goals: inst.goals, guidance: crisscrossCosts(inst.graph) });
  it('reaches far more goals with crisscross guidance than on plain shortest paths, without a conflict', () => {
    const a = guided();
    const plain = run(inst, { steps: 400, seed: 2, goals: inst.goals });
    expect(a.problems).toEqual([]);
    expect(a.res.gridlockAt).toBeNull();
    expect(a.res.goalsReached).toBeGreaterThan(1.25 * plain.res.goalsReached);
  });
  it('repeats itself exactly for the same seed when guided', () => {
    expect([...guided().res.reachedPerStep]).toEqual([...guided().res.reachedPerStep]);
  });
});

describe('given a fleet that cannot move at all', () => {
  it('declares a gridlock instead of running on', () => {
    // Three agents fill a three-cell corridor: no free cell and no cycle, so nobody can ever move.
    const inst = asciiInstance(['abc'], ['bca']);
    const res = runLifelong(inst.graph, inst.starts, { steps: 100, seed: 1, gridlockSteps: 5 });
    expect(res).toMatchObject({ gridlockAt: 5, steps: 5, goalsReached: 0 });
  });
});
