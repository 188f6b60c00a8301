import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../fixtures/scenarios.ts';
import { loadSweepFile } from '../../simulator/sweep/load-sweep.ts';
import { runSweep } from '../../simulator/sweep/run-sweep.ts';
import { toCsv } from '../../simulator/sweep/sweep-rows.ts';
import { renderSweepReport } from '../../simulator/sweep/sweep-report.ts';
import { runPool } from '../../simulator/sweep/worker-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'igv-sweep-'));
const sweepFile = (name: string, over: Record<string, unknown>) => {
  const path = join(dir, name);
  const json = {
    format: 'igv-sweep/1',
    name,
    hours: 2,
    layouts: [{ name: 'phase1', scenario: join(ROOT, 'simulator/scenarios/smart-phase1.json') }],
    fleet: [4, 8],
    cranesPerSide: [2],
    demandMultipliers: [5],
    seeds: [1, 2],
    costs: { perIgv: 8, perCrane: 30, perLayout: { phase1: 2485 } },
    ...over,
  };
  writeFileSync(path, JSON.stringify(json));
  return path;
};
const igv = (args: string[]) => spawnSync('node', [join(ROOT, 'bin', 'igv.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('given a tiny sweep (phase 1, 2 fleet sizes and one the map cannot park, 2 seeds, 2 h) run through the worker pool', async () => {
  // 5,000 IGVs do not fit on the phase-1 map: those points throw inside their worker.
  const loaded = await loadSweepFile(sweepFile('tiny.json', { fleet: [4, 8, 5000] }));
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const one = await runSweep({ sweep: loaded.sweep, layouts: loaded.layouts, workers: 1 });
  const two = await runSweep({ sweep: loaded.sweep, layouts: loaded.layouts, workers: 2 });
  const html = (run: typeof one) => renderSweepReport({ sweep: loaded.sweep, run, baselineTonnesPerDay: 4509, generatedBy: 'test' });

  it('writes a byte-identical CSV and report with 1 and with 2 workers', () => {
    expect(toCsv(two.rows)).toBe(toCsv(one.rows));
    expect(html(two)).toBe(html(one));
  });
  it('has one row per point in grid order, the simulated ones with their outcome', () => {
    expect(one.rows.map((r) => [r.point.fleet, r.point.seed])).toEqual([[4, 1], [4, 2], [8, 1], [8, 2], [5000, 1], [5000, 2]]);
    for (const r of one.rows.slice(0, 4)) {
      expect(r.error).toBeNull();
      expect(r.outcome).toMatchObject({ simulatedHours: 2, engineFaults: 0 });
      expect(r.cost).toBe(2485 + r.point.fleet * 8 + 2 * 2 * 30);
    }
  });
  it('turns a point whose run throws into an error row instead of hanging the pool', () => {
    for (const r of one.rows.slice(4)) {
      expect(r.outcome).toBeNull();
      expect(r.error).toMatch(/room for \d+ vehicles/);
    }
  });
  it('does not credit 2-hour runs with reaching 3×, and names the best configuration', () => {
    expect(one.selection.cheapest).toBeNull();
    expect(one.selection.best?.layout).toBe('phase1');
  });
});

describe('given a worker pool whose task module cannot be loaded', () => {
  it('settles every task as an error', async () => {
    const out = await runPool({ module: 'file:///nonexistent/igv-task.ts', data: null, tasks: [1, 2, 3], workers: 2 });
    expect(out).toHaveLength(3);
    for (const o of out) expect(o).toMatchObject({ ok: false, error: expect.stringMatching(/^worker died/) });
  });
});

describe('given `igv sweep` on the command line', () => {
  it('runs the grid on 2 workers, writes sweep.csv and sweep.html and says what it found', () => {
    const out = join(dir, 'cli');
    const run = igv(['sweep', '--file', sweepFile('cli.json', { fleet: [6], seeds: [3] }), '--out', out, '--workers', '2', '--hours', '1', '--no-progress']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^igv sweep: cli\.json: 1 points \(0 failed\)\n/);
    expect(run.stdout).toMatch(/no configuration reaches 3× .* the best is phase1, 6 IGVs, 2 cranes\/side/);
    expect(run.stderr).toMatch(/1 points on 1 worker\(s\) in [\d.]+ s wall time/);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^0,phase1,6,2,5,3,ok,1,/);
    expect(existsSync(join(out, 'sweep.html'))).toBe(true);
  });
  it('rejects a bad sweep file with one precise line and exit code 1', () => {
    const bad = sweepFile('bad.json', { cranesPerSide: [0] });
    const run = igv(['sweep', '--file', bad, '--out', join(dir, 'bad')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`igv sweep: ${bad}: $.cranesPerSide[0]: Too small: expected number to be >0\n`);
  });
});
