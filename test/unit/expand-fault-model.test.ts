import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { expandFaultModel, type FaultContext, type TimedCommand } from '../../simulator/faults/expand-fault-model.ts';
import { FaultModelSchema, type FaultModelInput } from '../../simulator/faults/fault-model-schema.ts';
import { surgeFactorAt, surgeWindowsMs } from '../../simulator/faults/surge.ts';
import { scenarioSurges } from '../../simulator/faults/scenario-faults.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load-scenario.ts';
import { ScenarioSchema } from '../../simulator/scenarios/scenario-schema.ts';
import { createTruckArrivals, TruckDemandSchema } from '../../simulator/gate/demand/truck-demand.ts';
import { CalendarParamsSchema, MS_PER_DAY } from '../../simulator/gate/calendar.ts';
import { createOrderStream } from '../../simulator/demand/order-stream.ts';

const H = 3_600_000;
const CTX: FaultContext = {
  vehicleIds: ['IGV-01', 'IGV-02', 'IGV-03'],
  stationIdsByKind: { 'transfer-crane': ['CR-1', 'CR-2'], 'nii-scanner': ['NII-1'], charger: ['CH-1'] },
  laneIds: ['L-1', 'L-2', 'L-3'],
  durationMs: 48 * H,
  seed: 7,
};
const model = (m: FaultModelInput) => FaultModelSchema.parse(m);
const of = (cmds: readonly TimedCommand[], kind: string) => cmds.filter((c) => c.command.kind === kind);
const target = (c: TimedCommand) => {
  const cmd = c.command as { vehicleId?: string; laneId?: string; station?: string };
  return cmd.vehicleId ?? cmd.laneId ?? cmd.station;
};

const FULL = model({
  breakdowns: { mtbfHours: 6, repairMinutes: [20, 90] },
  linkLosses: { mtbfHours: 3, durationSeconds: [5, 120] },
  laneClosures: [{ lane: 'L-2', fromHour: 2, toHour: 4 }],
  stationOutages: [{ station: 'CR-1', fromHour: 10, toHour: 11 }],
  stationFailures: { kinds: ['transfer-crane', 'nii-scanner'], mtbfHours: 8, repairMinutes: [15, 60] },
});

describe('given a fault model and a seed', () => {
  it('expands to the same commands every time, and to other commands for another seed', () => {
    const a = expandFaultModel(FULL, CTX);
    expect(expandFaultModel(FULL, CTX)).toEqual(a);
    expect(a.length).toBeGreaterThan(20);
    expect(expandFaultModel(FULL, { ...CTX, seed: 8 })).not.toEqual(a);
  });

  it('sorts by time, puts a fault end before a fault start at the same ms, and keeps each vehicle in its own stream', () => {
    const a = expandFaultModel(FULL, CTX);
    for (let i = 1; i < a.length; i++) expect(a[i]!.atMs).toBeGreaterThanOrEqual(a[i - 1]!.atMs);
    const fewer = expandFaultModel(FULL, { ...CTX, vehicleIds: ['IGV-02'] });
    expect(of(fewer, 'BreakDown')).toEqual(of(a, 'BreakDown').filter((c) => target(c) === 'IGV-02'));
  });

  it('breaks each vehicle at about 1 / (MTBF + repair) over a long horizon', () => {
    const vehicleIds = Array.from({ length: 10 }, (_, i) => `V${i}`);
    const m = model({ breakdowns: { mtbfHours: 2, repairMinutes: [6, 6] } });
    const cmds = expandFaultModel(m, { ...CTX, vehicleIds, durationMs: 2_000 * H });
    const expected = (10 * 2_000) / (2 + 0.1);
    expect(cmds.length).toBeGreaterThan(expected * 0.95);
    expect(cmds.length).toBeLessThan(expected * 1.05);
    for (const c of cmds) expect(c.command).toMatchObject({ kind: 'BreakDown', repairMs: 360_000 });
  });

  it('never breaks a vehicle while it is under repair, nor loses a link that is already lost', () => {
    const cmds = expandFaultModel(model({ breakdowns: { mtbfHours: 0.5, repairMinutes: [10, 60] }, linkLosses: { mtbfHours: 0.2, durationSeconds: [30, 600] } }), {
      ...CTX,
      durationMs: 200 * H,
    });
    for (const id of CTX.vehicleIds) {
      let repairedAt = 0;
      for (const c of of(cmds, 'BreakDown').filter((x) => target(x) === id)) {
        expect(c.atMs).toBeGreaterThanOrEqual(repairedAt);
        repairedAt = c.atMs + (c.command as { repairMs: number }).repairMs;
      }
      const link = cmds.filter((c) => target(c) === id && c.command.kind.startsWith('Link')).map((c) => c.command.kind);
      expect(link.length).toBeGreaterThan(10);
      link.forEach((k, i) => expect(k).toBe(i % 2 === 0 ? 'LinkLost' : 'LinkRestored'));
    }
  });

  it('turns windows into close/open and down/up pairs at their run-time hours, merging overlaps of one target', () => {
    const cmds = expandFaultModel(
      model({
        laneClosures: [
          { lane: 'L-1', fromHour: 1, toHour: 3 },
          { lane: 'L-1', fromHour: 2, toHour: 5 },
          { lane: 'L-3', fromHour: 0.5, toHour: 1 },
        ],
        stationOutages: [{ station: 'NII-1', fromHour: 4, toHour: 6, reason: 'calibration' }],
      }),
      CTX,
    );
    expect(cmds).toEqual([
      { atMs: 0.5 * H, command: { kind: 'CloseLane', laneId: 'L-3' } },
      { atMs: 1 * H, command: { kind: 'OpenLane', laneId: 'L-3' } },
      { atMs: 1 * H, command: { kind: 'CloseLane', laneId: 'L-1' } },
      { atMs: 4 * H, command: { kind: 'StationDown', station: 'NII-1', reason: 'calibration' } },
      { atMs: 5 * H, command: { kind: 'OpenLane', laneId: 'L-1' } },
      { atMs: 6 * H, command: { kind: 'StationUp', station: 'NII-1' } },
    ]);
  });

  it('fails every station of the named kinds, each with its own down/up pairs, and no other', () => {
    const cmds = expandFaultModel(model({ stationFailures: [{ kinds: ['transfer-crane'], mtbfHours: 4, repairMinutes: [30, 30] }] }), CTX);
    const stations = new Set(cmds.map(target));
    expect([...stations].sort()).toEqual(['CR-1', 'CR-2']);
    for (const s of stations) {
      const mine = cmds.filter((c) => target(c) === s);
      mine.forEach((c, i) => expect(c.command.kind).toBe(i % 2 === 0 ? 'StationDown' : 'StationUp'));
    }
  });
});

describe('given a fault model naming what the map does not have', () => {
  it('throws one error listing every bad lane, station and station kind', () => {
    const bad = model({
      laneClosures: [{ lane: 'L-9', fromHour: 1, toHour: 2 }, { lane: 'L-1', fromHour: 1, toHour: 2 }],
      stationOutages: [{ station: 'CR-7', fromHour: 1, toHour: 2 }],
      stationFailures: { kinds: ['battery-swap'], mtbfHours: 10, repairMinutes: [1, 2] },
    });
    expect(() => expandFaultModel(bad, CTX)).toThrow(/no lane \[L-9\].*no station \[CR-7\].*no station of kind \[battery-swap\]/);
  });

  it('refuses a window that ends before it starts and a repair range upside down', () => {
    expect(FaultModelSchema.safeParse({ laneClosures: [{ lane: 'L-1', fromHour: 3, toHour: 2 }] }).success).toBe(false);
    expect(FaultModelSchema.safeParse({ breakdowns: { mtbfHours: 3, repairMinutes: [60, 10] } }).success).toBe(false);
  });
});

describe('given demand surges in run hours', () => {
  it('places them on the calendar from the start day for gate demand, on run time for rate demand', async () => {
    const loaded = await loadScenarioFile(join(import.meta.dirname, '..', '..', 'simulator', 'scenarios', 'smart-phase1.json'));
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const gate = ScenarioSchema.parse({ ...loaded.scenario, faultModel: { surges: [{ fromHour: 6, toHour: 9, factor: 2 }] } });
    const day = gate.demand.kind === 'gate' ? gate.demand.startDay : -1;
    expect(scenarioSurges(gate)).toEqual([{ fromMs: day * MS_PER_DAY + 6 * H, toMs: day * MS_PER_DAY + 9 * H, factor: 2 }]);
    expect(surgeWindowsMs([{ fromHour: 1.5, toHour: 2, factor: 3 }])).toEqual([{ fromMs: 1.5 * H, toMs: 2 * H, factor: 3 }]);
    const w = surgeWindowsMs([{ fromHour: 1, toHour: 3, factor: 2 }, { fromHour: 2, toHour: 4, factor: 1.5 }]);
    expect([0.5, 1, 2.5, 3.5, 4].map((h) => surgeFactorAt(w, h * H))).toEqual([1, 2, 3, 1.5, 1]);
  });

  it('draws about factor times as many trucks inside a surge window', () => {
    const demand = TruckDemandSchema.parse({});
    const calendar = CalendarParamsSchema.parse({});
    const from = 59 * MS_PER_DAY;
    const to = from + 2 * MS_PER_DAY;
    const plain = createTruckArrivals(demand, calendar, 3).next(from, to).length;
    const surged = createTruckArrivals(demand, calendar, 3, [{ fromMs: from, toMs: to, factor: 3 }]).next(from, to).length;
    expect(plain).toBeGreaterThan(200);
    expect(surged / plain).toBeGreaterThan(2.6);
    expect(surged / plain).toBeLessThan(3.4);
  });

  it('multiplies the order rate of rate demand in the window only', () => {
    const scenario = ScenarioSchema.parse({
      format: 'igv-scenario/1',
      name: 'rate',
      map: 'x.json',
      fleet: { count: 0 },
      durationHours: 20,
      demand: { kind: 'rate', ordersPerHour: 60, flows: [{ origin: 'A', destination: 'B', direction: 'VN-CN', weight: 1, goods: { electronics: 1 } }] },
    });
    const stream = createOrderStream(scenario, 5, surgeWindowsMs([{ fromHour: 10, toHour: 20, factor: 2 }]));
    const before = stream.next(-1, 10 * H).length;
    const during = stream.next(10 * H, 20 * H).length;
    expect(before).toBeGreaterThan(500);
    expect(during / before).toBeGreaterThan(1.8);
    expect(during / before).toBeLessThan(2.2);
  });
});
