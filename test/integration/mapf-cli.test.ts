import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_MAPF } from '../fixtures/engine-harness.ts';
import { ROOT } from '../fixtures/scenarios.ts';

const igv = (args: string[]) => spawnSync('node', [join(ROOT, 'bin', 'igv.mjs'), 'mapf', ...args], { cwd: ROOT, encoding: 'utf8' });
const SHARED = join(ROOT, '..', 'shared', 'mapf');
const files = (name: string) => ({ map: join(SHARED, name, `${name}.map`), scen: join(SHARED, name, `${name}-random-1.scen`) });
const out = mkdtempSync(join(tmpdir(), 'igv-mapf-'));

/**
 * `igv mapf` one-shot on a handful of MovingAI instances, every solution checked by the
 * independent validator ../shared/tools/check-mapf.mjs.
 */
describe.each([
  ['empty-32-32', 100],
  ['random-32-32-20', 100],
  ['maze-32-32-2', 50],
  ['room-32-32-4', 100],
  ['warehouse-10-20-10-2-1', 200],
])('given `igv mapf` on %s with %i agents', (name, agents) => {
  const { map, scen } = files(name);
  const file = join(out, `${name}-${agents}.json`);
  const run = igv(['--map', map, '--scen', scen, '--agents', String(agents), '--out', file]);
  const doc = run.status === 0 ? JSON.parse(readFileSync(file, 'utf8')) : null;

  it('exits 0 with an igv-mapf/1 solution', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`solved ${agents} agents on ${name}`));
    expect(doc).toMatchObject({ format: 'igv-mapf/1', agents, solved: true });
    expect(doc.paths).toHaveLength(agents);
  });
  it('passes check-mapf, which recomputes the same sum of costs and makespan', () => {
    const check = spawnSync('node', [CHECK_MAPF, map, scen, file, '--json'], { encoding: 'utf8' });
    expect(check.status, check.stdout).toBe(0);
    const verdict = JSON.parse(check.stdout);
    expect(verdict).toMatchObject({ ok: true, sumOfCosts: doc.sumOfCosts, makespan: doc.makespan });
    expect(doc.sumOfCosts).toBeGreaterThanOrEqual(doc.lowerBounds.sumOfCosts);
  });
});

describe('given an instance with no solution', () => {
  const map = join(out, 'corridor.map');
  const scen = join(out, 'corridor.scen');
  writeFileSync(map, 'type octile\nheight 1\nwidth 5\nmap\n.....\n');
  writeFileSync(scen, 'version 1\n0\tcorridor.map\t5\t1\t0\t0\t4\t0\t4\n0\tcorridor.map\t5\t1\t4\t0\t0\t0\t4\n');
  it('exits 2 and writes solved: false with the reason', () => {
    const file = join(out, 'corridor.json');
    const run = igv(['--map', map, '--scen', scen, '--agents', '2', '--out', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/not solved.*no solution exists/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'igv-mapf/1', solved: false, reason: 'unsolvable' });
  });
});

describe('given bad input', () => {
  const { map, scen } = files('room-32-32-4');
  it.each([
    ['a missing map file', ['--map', join(out, 'missing.map'), '--scen', scen, '--agents', '5'], /^igv mapf: .*missing\.map: cannot read/],
    ['more agents than the scenario has', ['--map', map, '--scen', scen, '--agents', '5000'], /^igv mapf: .*asked for 5000 agents, the scenario has 1\.\.341/],
    ['an agent count that is not a number', ['--map', map, '--scen', scen, '--agents', 'ten'], /^igv mapf: --agents must be a positive integer/],
    ['--lifelong without --steps', ['--map', map, '--scen', scen, '--agents', '5', '--lifelong'], /^igv mapf: --lifelong needs --steps/],
    ['a scenario given as the map', ['--map', scen, '--scen', scen, '--agents', '5'], /^igv mapf: .*\.scen:1: expected "type …"/],
    ['an unknown guidance', ['--map', map, '--scen', scen, '--agents', '5', '--lifelong', '--steps', '10', '--guidance', 'highway'], /^igv mapf: --guidance must be one of crisscross, none, got \[highway\]/],
    ['guidance without --lifelong', ['--map', map, '--scen', scen, '--agents', '5', '--guidance', 'none'], /^igv mapf: --guidance applies only with --lifelong/],
  ])('exits 1 with one line for %s', (_what, args, message) => {
    const run = igv([...args, '--out', join(out, 'x.json')]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
  it('prints help with the output formats and exit codes', () => {
    const run = igv(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--time-limit-ms/);
    expect(run.stdout).toMatch(/igv-mapf-lifelong\/1/);
  });
});

describe('given `igv mapf --lifelong` on random-32-32-20 with 200 agents', () => {
  const { map, scen } = files('random-32-32-20');
  const file = join(out, 'lifelong.json');
  const run = igv(['--map', map, '--scen', scen, '--agents', '200', '--lifelong', '--steps', '1000', '--seed', '3', '--out', file, '--no-progress']);
  it('runs every step without a gridlock, reaching goals in every quarter', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ format: 'igv-mapf-lifelong/1', agents: 200, steps: 1000, stepsRun: 1000, seed: 3, guidance: 'crisscross', gridlockAt: null });
    expect(Math.min(...doc.quarters)).toBeGreaterThan(0);
    expect(doc.throughput).toBeCloseTo(doc.goalsReached / 1000, 3);
    expect(run.stdout).toMatch(/throughput [\d.]+\/step/);
  });
});

describe('given `igv mapf --lifelong --guidance none` on room-32-32-4 with 100 agents', () => {
  const { map, scen } = files('room-32-32-4');
  const file = join(out, 'lifelong-plain.json');
  const run = igv(['--map', map, '--scen', scen, '--agents', '100', '--lifelong', '--steps', '400', '--guidance', 'none', '--out', file, '--no-progress']);
  it('runs on plain shortest paths and says so', () => {
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'igv-mapf-lifelong/1', guidance: 'none', stepsRun: 400, gridlockAt: null });
    expect(run.stdout).toMatch(/\(guidance none\)/);
  });
});
