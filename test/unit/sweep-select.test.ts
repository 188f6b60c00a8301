import { describe, expect, it } from 'vitest';
import type { PointOutcome } from '../../simulator/sweep/sweep-point.ts';
import { CSV_COLUMNS, configCost, makeRow, meetsTarget, toCsv, type SweepRow } from '../../simulator/sweep/sweep-rows.ts';
import { selectConfig, selectionSentence, shortfall } from '../../simulator/sweep/sweep-select.ts';
import { SweepCostsSchema, SweepTargetSchema, type SweepPoint } from '../../simulator/sweep/sweep-schema.ts';

const costs = SweepCostsSchema.parse({ perIgv: 10, perCrane: 100, perLayout: { p1: 1000, p2: 3000 } });
const target = SweepTargetSchema.parse({});

const outcome = (o: Partial<PointOutcome> = {}): PointOutcome => ({
  simulatedHours: 48,
  tonnesPerDay: 14_000,
  smartTonnesPerDay: 9_000,
  traditionalTonnesPerDay: 5_000,
  multiple: 3.1,
  clearanceP50Min: 120,
  clearanceP95Min: 300,
  ordersCreated: 100,
  ordersDelivered: 95,
  ordersFailed: 0,
  ordersOpen: 5,
  igvUtilisation: 0.8,
  bottleneck: 'igv-fleet',
  energyKwh: 500,
  stable: true,
  queueGrowth: 1,
  traditionalStable: true,
  engineFaults: 0,
  digest: 'abc',
  ...o,
});

let next = 0;
const row = (layout: string, fleet: number, cranesPerSide: number, demandMultiplier: number, seed: number, o: PointOutcome | null): SweepRow => {
  const point: SweepPoint = { index: next++, layout, fleet, cranesPerSide, demandMultiplier, seed };
  return makeRow(point, o ? { ok: true, value: o } : { ok: false, error: 'boom, "quoted"' }, costs, target);
};

describe('given the cost model', () => {
  it('adds the layout, the IGVs and the cranes of both sides', () => {
    expect(configCost(costs, 'p2', 12, 3)).toBe(3000 + 12 * 10 + 2 * 3 * 100);
  });
});

describe('given one point against the target (3×, P95 ≤ 360 min)', () => {
  it('reaches it when stable, fault-free, at 3× or more and within the P95', () => {
    expect(meetsTarget(outcome(), target)).toBe(true);
    expect(meetsTarget(outcome({ multiple: 3, clearanceP95Min: 360 }), target)).toBe(true);
  });
  it('counts a scenario without a traditional lane on the smart lane alone', () => {
    expect(meetsTarget(outcome({ traditionalStable: null, traditionalTonnesPerDay: null }), target)).toBe(true);
  });
  it('misses it when either lane is unstable, faulted, short of 3×, too slow, delivering nothing or failed', () => {
    expect(meetsTarget(outcome({ stable: false }), target)).toBe(false);
    expect(meetsTarget(outcome({ traditionalStable: false }), target)).toBe(false);
    expect(meetsTarget(outcome({ engineFaults: 1 }), target)).toBe(false);
    expect(meetsTarget(outcome({ multiple: 2.99 }), target)).toBe(false);
    expect(meetsTarget(outcome({ clearanceP95Min: 361 }), target)).toBe(false);
    expect(meetsTarget(outcome({ clearanceP95Min: null }), target)).toBe(false);
    expect(meetsTarget(null, target)).toBe(false);
  });
});

describe('given hand-made rows where several configurations reach the target at the highest demand', () => {
  next = 0;
  const rows = [
    // Cheapest of all, but reaches the target only at demand ×2: not eligible.
    row('p1', 8, 2, 2, 1, outcome()),
    row('p1', 8, 2, 2, 2, outcome()),
    row('p1', 8, 2, 3, 1, outcome({ multiple: 2.5 })),
    row('p1', 8, 2, 3, 2, outcome()),
    // Reaches it in every seed at ×3: cost 1000 + 160 + 400 = 1560.
    row('p1', 16, 2, 3, 1, outcome()),
    row('p1', 16, 2, 3, 2, outcome()),
    // Cheaper (1000 + 120 + 400 = 1520) but one seed failed.
    row('p1', 12, 2, 3, 1, outcome()),
    row('p1', 12, 2, 3, 2, null),
    // Reaches it, dearer.
    row('p2', 8, 2, 3, 1, outcome()),
    row('p2', 8, 2, 3, 2, outcome()),
  ];
  const sel = selectConfig(rows);
  it('judges at the highest demand multiplier of the grid', () => {
    expect(sel.demandMultiplier).toBe(3);
    expect(sel.configs.map((c) => `${c.layout}/${c.fleet}`)).toEqual(['p1/8', 'p1/16', 'p1/12', 'p2/8']);
  });
  it('picks the cheapest configuration whose every seed reaches it', () => {
    expect(sel.cheapest).toMatchObject({ layout: 'p1', fleet: 16, cranesPerSide: 2, cost: 1560, runs: 2, reaching: 2 });
    expect(sel.best).toBeNull();
    expect(selectionSentence(sel, target, 'bn VND')).toBe(
      'cheapest configuration reaching 3× (stable, clearance P95 ≤ 360 min) at demand ×3 in every seed: p1, 16 IGVs, 2 cranes/side, cost 1560 bn VND',
    );
  });
  it('says what a configuration misses', () => {
    const failedOne = sel.configs.find((c) => c.fleet === 12)!;
    expect(shortfall(failedOne, target)).toBe('1 of 2 runs failed');
    expect(shortfall(sel.cheapest!, target)).toBe('');
  });
});

describe('given hand-made rows where nothing reaches the target', () => {
  next = 0;
  const rows = [
    row('p1', 8, 2, 3, 1, outcome({ multiple: 0.5, stable: false })),
    row('p2', 16, 5, 3, 1, outcome({ multiple: 1.2, clearanceP95Min: 400 })),
    row('p2', 24, 5, 3, 1, outcome({ multiple: 1.1 })),
  ];
  const sel = selectConfig(rows);
  it('names the best one — most stable runs, then highest multiple — and what it misses', () => {
    expect(sel.cheapest).toBeNull();
    expect(sel.best).toMatchObject({ layout: 'p2', fleet: 16, cranesPerSide: 5 });
    expect(selectionSentence(sel, target, 'u')).toBe(
      'no configuration reaches 3× (stable, clearance P95 ≤ 360 min) at demand ×3; the best is p2, 16 IGVs, 5 cranes/side (cost 4160 u): throughput 1.2× < 3×; clearance P95 400 min > 360 min',
    );
  });
});

describe('given rows written as CSV', () => {
  next = 0;
  const csv = toCsv([row('p1', 8, 2, 1, 7, outcome({ clearanceP50Min: null, clearanceP95Min: null })), row('p2', 8, 2, 1, 7, null)]);
  const lines = csv.trimEnd().split('\n');
  it('has the header, one line per row and no wall-clock column', () => {
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[0]).not.toMatch(/wall|speed|realtime/i);
  });
  it('leaves missing values empty and quotes text with commas or quotes', () => {
    const first = lines[1]!.split(',');
    expect(first[CSV_COLUMNS.indexOf('clearanceP95Min')]).toBe('');
    expect(first[CSV_COLUMNS.indexOf('status')]).toBe('ok');
    expect(lines[2]).toMatch(/,error,/);
    expect(lines[2]!.endsWith(',"boom, ""quoted"""')).toBe(true);
  });
});
