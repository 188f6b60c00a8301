import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '../../simulator/run-sim.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load-scenario.ts';
import { CHECK_TRACE } from '../fixtures/engine-harness.ts';
import { ROOT } from '../fixtures/scenarios.ts';

/**
 * The 7-day soak of the phase-2 smart gate at 2× demand with faults (soak-phase2-7d.json), in the
 * shortened CI form: its first simulated day, every invariant checked inside the engine each tick
 * (a breach is an engine fault), the trace verified by the independent checker, and every order
 * delivered, failed with a reason, or still open. The full week: `igv sim --scenario
 * simulator/scenarios/soak-phase2-7d.json --seed 1 --out run/soak --trace`.
 */
describe('given the phase-2 soak scenario with its fault model, shortened to one day', async () => {
  const loaded = await loadScenarioFile(join(ROOT, 'simulator', 'scenarios', 'soak-phase2-7d.json'));
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const file = join(mkdtempSync(join(tmpdir(), 'igv-soak-')), 'trace.jsonl');
  const fd = openSync(file, 'w');
  let buffer: string[] = [];
  const result = runSimulation({
    scenario: loaded.scenario,
    map: loaded.map,
    seed: 1,
    hours: 24,
    trace: (line) => {
      buffer.push(line);
      if (buffer.length >= 20_000) {
        writeSync(fd, `${buffer.join('\n')}\n`);
        buffer = [];
      }
    },
  });
  writeSync(fd, buffer.length > 0 ? `${buffer.join('\n')}\n` : '');
  closeSync(fd);
  const orders = [...result.world.orders.values()];

  it('runs the day without an engine fault (the invariants held every tick)', () => {
    expect(result.faults).toEqual([]);
    expect(result.world.tick * result.world.tickMs).toBe(24 * 3_600_000);
  });
  it('injected the scenario faults: breakdowns happened and the fleet kept moving cargo', () => {
    expect(loaded.scenario.faultModel?.breakdowns).toBeDefined();
    expect(result.kpis.orders.delivered).toBeGreaterThan(50);
  });
  it('loses no order: delivered + failed + open = created, and every failure has a reason', () => {
    const k = result.kpis.orders;
    expect(k.delivered + k.failed + k.open).toBe(k.created);
    expect(orders.length).toBe(k.created);
    for (const o of orders) if (o.status === 'failed') expect(o.failReason).toBeTruthy();
  });
  it('passes the independent trace check (no overlap, no overspeed, legal order lives)', () => {
    const out = execFileSync('node', [CHECK_TRACE, file], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n').pop()!;
    expect(out).toMatch(/^OK:/);
  });
});
