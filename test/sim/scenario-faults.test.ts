import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { loadScenarioFile } from '../../simulator/scenarios/load-scenario.ts';
import { ScenarioSchema } from '../../simulator/scenarios/scenario-schema.ts';
import { runSimulation } from '../../simulator/run-sim.ts';
import { createMemoryJournal } from '../../engine/runtime/journal.ts';
import { CHECK_TRACE } from '../fixtures/engine-harness.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'simulator', 'scenarios');
const HOURS = 6;

/** Far harsher than the facts suggest, so that every kind of fault happens in a few hours. */
const AGGRESSIVE = {
  breakdowns: { mtbfHours: 3, repairMinutes: [10, 40] },
  linkLosses: { mtbfHours: 1, durationSeconds: [10, 180] },
  laneClosures: [{ lane: 'L-CN-Y-CR-BYPASS-01', fromHour: 1, toHour: 3 }],
  stationOutages: [{ station: 'ST-CN-CR01', fromHour: 2, toHour: 3.5, reason: 'spreader repair' }],
  stationFailures: { kinds: ['nii-scanner'], mtbfHours: 2, repairMinutes: [10, 30] },
  surges: [{ fromHour: 3, toHour: 5, factor: 2 }],
};

describe('given the phase-1 smart scenario under an aggressive fault model', () => {
  it('runs to the end without an engine fault, loses no order, and the trace check passes', async () => {
    const loaded = await loadScenarioFile(join(SCENARIOS, 'smart-phase1.json'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const base = loaded.scenario;
    if (base.demand.kind !== 'gate') throw new Error('smart-phase1 should have gate demand');
    const scenario = ScenarioSchema.parse({
      ...base,
      demand: { ...base.demand, trucks: { ...base.demand.trucks, multiplier: 3 } },
      faultModel: AGGRESSIVE,
    });
    const lines: string[] = [];
    const journal = createMemoryJournal();
    const result = runSimulation({ scenario, map: loaded.map, seed: 11, hours: HOURS, journal, trace: (l) => lines.push(l) });

    expect(result.faults).toEqual([]);
    const injected = new Map<string, number>();
    for (const e of journal.list) for (const c of e.commands) injected.set(c.kind, (injected.get(c.kind) ?? 0) + 1);
    for (const kind of ['BreakDown', 'LinkLost', 'LinkRestored', 'CloseLane', 'OpenLane', 'StationDown', 'StationUp']) {
      expect(injected.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(result.collected.vehicleTicks.faulted).toBeGreaterThan(0);

    const orders = [...result.world.orders.values()];
    const count = (s: string) => orders.filter((o) => o.status === s).length;
    const open = orders.length - count('delivered') - count('failed');
    expect(result.world.counters.ordersCreated).toBe(orders.length);
    expect(orders.length).toBeGreaterThan(10);
    expect(count('delivered')).toBeGreaterThan(0);
    expect(result.world.counters.ordersDelivered + result.world.counters.ordersFailed + open).toBe(result.world.counters.ordersCreated);
    for (const o of orders) if (o.status === 'failed') expect(o.failReason).toBeTruthy();

    const file = join(mkdtempSync(join(tmpdir(), 'igv-faults-')), 'trace.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const verdict = execFileSync('node', [CHECK_TRACE, file], { encoding: 'utf8' }).trim().split('\n').pop()!;
    expect(verdict).toMatch(/^OK:/);
    expect(verdict).toContain(`${orders.length} orders (${count('delivered')} delivered, ${count('failed')} failed, ${open} open)`);
  }, 120_000);
});

describe('given a scenario whose fault model names a lane the map does not have', () => {
  it('refuses to run, naming the lane', async () => {
    const loaded = await loadScenarioFile(join(SCENARIOS, 'smart-phase1.json'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const scenario = ScenarioSchema.parse({ ...loaded.scenario, faultModel: { laneClosures: [{ lane: 'L-NOWHERE', fromHour: 0, toHour: 1 }] } });
    expect(() => runSimulation({ scenario, map: loaded.map, seed: 1, hours: 0.01 })).toThrow(/no lane \[L-NOWHERE\]/);
  });
});

describe('given the 7-day soak scenario', () => {
  it('loads, and its fault model expands against the phase-2 map', async () => {
    const loaded = await loadScenarioFile(join(SCENARIOS, 'soak-phase2-7d.json'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.scenario.durationHours).toBe(168);
    expect(loaded.scenario.faultModel?.surges.length).toBe(1);
    // A few simulated seconds: enough to build the fleet and expand 168 h of faults.
    const result = runSimulation({ scenario: loaded.scenario, map: loaded.map, seed: 1, hours: 0.01 });
    expect(result.faults).toEqual([]);
  });
});
