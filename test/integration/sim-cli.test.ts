import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_TRACE } from '../fixtures/engine-harness.ts';
import { ROOT } from '../fixtures/scenarios.ts';

const igv = (args: string[]) => spawnSync('node', [join(ROOT, 'bin', 'igv.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('given `igv sim` on the phase-1 smoke scenario', () => {
  const out = mkdtempSync(join(tmpdir(), 'igv-sim-'));
  const run = igv(['sim', '--scenario', 'simulator/scenarios/smoke-phase1.json', '--seed', '3', '--hours', '1', '--trace', '--out', out, '--no-progress']);

  it('exits 0 and says what it wrote', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote .*kpis\.json/);
  });
  it('writes kpis.json with every igv-kpis/1 field', () => {
    const k = JSON.parse(readFileSync(join(out, 'kpis.json'), 'utf8'));
    for (const f of ['format', 'scenario', 'seed', 'simulatedHours', 'wallSeconds', 'tickMs', 'vehicles', 'orders', 'throughput', 'clearanceMinutes', 'capacity', 'utilization', 'energyKwh', 'safety', 'simSpeed']) expect(k).toHaveProperty(f);
    expect(k.format).toBe('igv-kpis/1');
    for (const f of ['created', 'delivered', 'failed', 'open']) expect(k.orders).toHaveProperty(f);
    for (const f of ['tonnesPerDay', 'movesPerDay', 'byDirection']) expect(k.throughput).toHaveProperty(f);
    for (const f of ['p50', 'p95']) expect(k.clearanceMinutes).toHaveProperty(f);
    for (const f of ['baselineTonnesPerDay', 'multiple', 'perOpenHour', 'bottleneck']) expect(k.capacity).toHaveProperty(f);
    for (const f of ['igv', 'cranes']) expect(k.utilization).toHaveProperty(f);
    for (const f of ['minGapM', 'deadlocksResolved', 'maxWaitS']) expect(k.safety).toHaveProperty(f);
    for (const f of ['vehicleUpdatesPerSecond', 'realtimeFactor']) expect(k.simSpeed).toHaveProperty(f);
    expect(k.seed).toBe(3);
    expect(k.vehicles).toBe(10);
    expect(k.simulatedHours).toBe(1);
  });
  it('writes a trace that the independent checker accepts', () => {
    const res = execFileSync('node', [CHECK_TRACE, join(out, 'trace.jsonl')], { encoding: 'utf8' });
    expect(res.trim().split('\n').pop()).toMatch(/^OK:/);
  });
  it('writes a self-contained report with plots', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('smoke-phase1');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/<script src|https?:\/\//);
  });
});

describe('given bad input to `igv sim`', () => {
  it('refuses a scenario that is not JSON with one clear line and exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'igv-bad-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ "format": ');
    const r = igv(['sim', '--scenario', file, '--seed', '1', '--out', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/igv sim: .*not JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('names the JSON path of a schema fault and of a station the map does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'igv-bad-'));
    const base = JSON.parse(readFileSync(join(ROOT, 'simulator/scenarios/smoke-phase1.json'), 'utf8'));
    const a = { ...base, map: join(ROOT, 'maps/data/bac-luan-2.phase1.json'), fleet: { count: -1 } };
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    const ra = igv(['sim', '--scenario', join(dir, 'a.json'), '--seed', '1', '--out', dir]);
    expect(ra.status).toBe(1);
    expect(ra.stderr).toMatch(/\$\.fleet\.count/);
    const b = structuredClone(base);
    b.map = join(ROOT, 'maps/data/bac-luan-2.phase1.json');
    b.demand.flows[0].origin = 'ST-NOWHERE';
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const rb = igv(['sim', '--scenario', join(dir, 'b.json'), '--seed', '1', '--out', dir]);
    expect(rb.status).toBe(1);
    expect(rb.stderr).toMatch(/\$\.demand\.flows\[0\]\.origin: the map has no station \[ST-NOWHERE\]/);
  });
  it('refuses a seed that is not an integer', () => {
    const r = igv(['sim', '--scenario', 'simulator/scenarios/smoke-phase1.json', '--seed', 'x', '--out', tmpdir()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--seed must be an integer/);
  });
  it('prints help for the command', () => {
    const r = igv(['sim', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--scenario/);
  });
});
