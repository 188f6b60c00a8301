import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../fixtures/scenarios.ts';

const igv = (args: string[]) => spawnSync('node', [join(ROOT, 'bin', 'igv.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

/**
 * `igv capacity` end to end, shortened so it fits CI: one seed, one-day smart-lane runs and a
 * coarse bracket (the as-is horizon stays at 4 weeks). The figures are not the planning answer (the
 * README's are); what is checked is that the study is consistent with itself.
 */
describe('given `igv capacity` on the phase-1 smart scenario against the 2025 baseline, shortened', () => {
  const out = mkdtempSync(join(tmpdir(), 'igv-capacity-'));
  const run = igv([
    'capacity',
    '--scenario', 'simulator/scenarios/smart-phase1.json',
    '--baseline', 'simulator/scenarios/as-is-2025.json',
    '--seeds', '1', '--smart-days', '1', '--tolerance', '0.3',
    '--out', out, '--no-progress',
  ]);
  const study = run.status === 0 ? JSON.parse(readFileSync(join(out, 'capacity.json'), 'utf8')) : null;

  it('exits 0 and prints the answer', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/C0 as-is .*× demand = \d+ t\/day/);
    expect(run.stdout).toMatch(/3× target\s+(REACHED|NOT reached)/);
  });
  it('finds C0 near the calibrated as-is capacity (stable at 1×, not at 1.2×)', () => {
    expect(study.format).toBe('igv-capacity/1');
    expect(study.c0.multiplier).toBeGreaterThanOrEqual(1);
    expect(study.c0.multiplier).toBeLessThan(1.2);
    expect(study.c0.search.evaluations.some((e: { stable: boolean }) => !e.stable)).toBe(true);
  });
  it('takes C1 as the smaller of the two lanes and names the lane that binds', () => {
    const smart = study.c1.lanes.smart.multiplier;
    const trad = study.c1.lanes.traditional.multiplier;
    expect(study.c1.multiplier).toBe(Math.min(smart, trad));
    expect(study.c1.binding.lane).toBe(smart <= trad ? 'smart' : 'traditional');
    expect(typeof study.c1.binding.resource).toBe('string');
  });
  it('reports the ratio per day and per open hour from C0 and C1', () => {
    expect(study.ratio.perDay).toBeCloseTo(study.c1.tonnesPerDay / study.c0.tonnesPerDay, 2);
    expect(study.ratio.perOpenHour).toBeCloseTo((study.ratio.perDay * study.c0.openHoursPerDay) / 24, 2);
    expect(study.c1.smartLaneShare).toBeGreaterThan(0);
    expect(study.c1.smartLaneShare).toBeLessThan(1);
    expect(study.target.reached).toBe(study.ratio.perDay >= 3 && study.target.serviceLevelMetAtC1);
  });
  it('bounds the gate with overflow between the two lane capacities, never below C1', () => {
    const o = study.withOverflow;
    const smart = study.c1.lanes.smart.multiplier;
    const trad = study.c1.lanes.traditional.multiplier;
    expect(o.multiplier).toBeGreaterThanOrEqual(Math.min(smart, trad) - 1e-3);
    expect(o.multiplier).toBeLessThanOrEqual(Math.max(smart, trad) + 1e-3);
    expect(o.ratioPerDay).toBeCloseTo(o.tonnesPerDay / study.c0.tonnesPerDay, 2);
  });
  it('writes a self-contained HTML report with the search chart', () => {
    const html = readFileSync(join(out, 'capacity.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('C1/C0');
    expect(html).not.toMatch(/<script|NaN|undefined/);
  });
});

describe('given `igv capacity` with a scenario that has no gate demand', () => {
  it('exits 1 with one clear line', () => {
    const r = igv(['capacity', '--scenario', 'simulator/scenarios/smoke-phase1.json', '--baseline', 'simulator/scenarios/as-is-2025.json', '--no-progress']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^igv capacity: .*demand must be of kind 'gate'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('exits 1 on a bad seed list', () => {
    const r = igv(['capacity', '--scenario', 'simulator/scenarios/smart-phase1.json', '--baseline', 'simulator/scenarios/as-is-2025.json', '--seeds', 'a,b']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--seeds must be comma-separated integers/);
  });
});
