import { describe, expect, it } from 'vitest';
import { renderReport, type ReportInput } from '../../simulator/report/render-report.ts';
import { kpiRows } from '../../simulator/report/report-kpi-table.ts';
import { fmt, hourTicks, zeroBasedTicks } from '../../simulator/report/svg-primitives.ts';
import type { Collected, HourSample } from '../../simulator/kpis/kpi-collector.ts';
import type { Kpis } from '../../simulator/kpis/kpis.ts';
import { ScenarioSchema } from '../../simulator/scenarios/scenario-schema.ts';

const BASELINE = 4_509;

/** A run of `hours` hours delivering `tph` t/h (diurnal wave, 60 % CN→VN) with 10 IGVs. */
function run(o: { hours: number; tph: number; name?: string; multiple?: number; clearance?: number[]; nullScanners?: boolean }): ReportInput {
  const samples: HourSample[] = [];
  let energy = 0;
  for (let h = 0; h < o.hours; h++) {
    const wave = 1 + 0.35 * Math.sin((2 * Math.PI * h) / 24);
    const t = Math.round(o.tph * wave * 10) / 10;
    const moves = Math.round(t / 18);
    energy += 10 * (6 + 3 * wave);
    const driving = Math.min(10, Math.round(5 * wave));
    samples.push({
      hour: h,
      deliveredTonnes: { 'VN-CN': Math.round(t * 4) / 10, 'CN-VN': Math.round(t * 6) / 10 },
      deliveredMoves: { 'VN-CN': Math.round(moves * 0.4), 'CN-VN': moves - Math.round(moves * 0.4) },
      openOrders: o.tph === 0 ? h : Math.round(4 + 3 * wave),
      fleet: { driving, waiting: 1, serving: Math.max(0, 7 - driving), charging: h % 5 === 0 ? 1 : 0, idle: h % 5 === 0 ? 1 : 2, faulted: 0 },
      energyKwh: Math.round(energy * 10) / 10,

    });
  }
  const vn = samples.reduce((a, s) => a + s.deliveredTonnes['VN-CN'], 0);
  const cn = samples.reduce((a, s) => a + s.deliveredTonnes['CN-VN'], 0);
  const mv = (d: 'VN-CN' | 'CN-VN') => samples.reduce((a, s) => a + s.deliveredMoves[d], 0);
  const delivered = mv('VN-CN') + mv('CN-VN');
  const clearance = o.clearance ?? Array.from({ length: delivered }, (_, i) => 60 + ((i * 37) % 200) + (i % 11 === 0 ? 150 : 0));
  const sorted = [...clearance].sort((a, b) => a - b);
  const p = (q: number) => (sorted.length ? sorted[Math.ceil((q / 100) * sorted.length) - 1]! : null);
  const days = o.hours / 24;
  const tpd = (vn + cn) / days;
  const collected: Collected = {
    created: delivered + 6,
    delivered,
    failed: 0,
    deliveredKg: { 'VN-CN': vn * 1000, 'CN-VN': cn * 1000 },
    deliveredMoves: { 'VN-CN': mv('VN-CN'), 'CN-VN': mv('CN-VN') },
    clearanceMinutes: clearance,
    serviceMsByKind: new Map([['transfer-crane', 0.8 * 4 * o.hours * 3.6e6]]),
    stationsByKind: new Map([['transfer-crane', 4], ['automated-gate', 2], ['nii-scanner', 2], ['charger', 2]]),
    vehicleTicks: { driving: 41_000, waiting: 9_000, serving: 22_000, charging: 3_000, idle: 12_000, faulted: 0 },
    minGapM: 4.2,
    hours: samples,
  };
  const kpis: Kpis = {
    format: 'igv-kpis/1',
    scenario: o.name ?? 'smoke-phase1',
    seed: 7,
    simulatedHours: o.hours,
    wallSeconds: 3.2,
    tickMs: 1000,
    vehicles: 10,
    orders: { created: delivered + 6, delivered, failed: 0, open: 6 },
    throughput: {
      tonnesPerDay: Math.round(tpd * 10) / 10,
      movesPerDay: Math.round((delivered / days) * 10) / 10,
      byDirection: {
        'VN-CN': { tonnesPerDay: Math.round((vn / days) * 10) / 10, movesPerDay: Math.round((mv('VN-CN') / days) * 10) / 10 },
        'CN-VN': { tonnesPerDay: Math.round((cn / days) * 10) / 10, movesPerDay: Math.round((mv('CN-VN') / days) * 10) / 10 },
      },
      smartLane: { tonnesPerDay: Math.round(tpd * 10) / 10, movesPerDay: Math.round((delivered / days) * 10) / 10 },
      traditionalLane: null,
    },
    clearanceMinutes: { p50: p(50), p95: p(95), traditionalLane: null },
    capacity: { baselineTonnesPerDay: BASELINE, multiple: o.multiple ?? Math.round((tpd / BASELINE) * 1000) / 1000, perOpenHour: 0.62, bottleneck: o.tph === 0 ? 'automated-gates' : 'transfer-cranes', smartLaneShare: 1 },
    utilization: { igv: o.tph === 0 ? 0 : 0.7523, cranes: o.tph === 0 ? 0 : 0.8, gates: 0.41, scanners: o.nullScanners ? null : 0.38, inspectionBays: null, chargers: 0.12 },
    energyKwh: Math.round(energy * 10) / 10,
    energyKwhPerMove: null,

    safety: { minGapM: 4.2, deadlocksResolved: 1, deadlocksDetected: 1, maxWaitS: 94.5, stalls: 0 },
    simSpeed: { vehicleUpdatesPerSecond: 270_000, realtimeFactor: 2250 },
  };
  const scenario = ScenarioSchema.parse({
    format: 'igv-scenario/1',
    name: o.name ?? 'smoke-phase1',
    description: 'Phase-1 smart lane: 10 IGVs, ≈21 laden moves/h, 60 % CN→VN (P23) & "quoted" text.',
    map: '../../maps/data/bac-luan-2.phase1.json',
    fleet: { count: 10 },
    demand: { kind: 'rate', ordersPerHour: 20, flows: [{ origin: 'A', destination: 'B', direction: 'VN-CN', weight: 1, goods: { other: 1 } }] },
    durationHours: o.hours,
  });
  return { kpis, collected, scenario, generatedBy: 'igv sim --seed 7' };
}

const leafCount = (v: unknown): number =>
  v !== null && typeof v === 'object' ? Object.values(v).reduce((a: number, c) => a + leafCount(c), 0) : 1;

const charts = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

function expectClean(html: string) {
  expect(html).not.toMatch(/NaN|Infinity|undefined/);
  expect(charts(html).length).toBeGreaterThanOrEqual(6);
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
}

describe('given a one-day run at 3.2× the baseline', () => {
  const input = run({ hours: 24, tph: 600, multiple: 3.2 });
  const html = renderReport(input);

  it('says the 3× target is reached, in green, when the multiple is ≥ 3', () => {
    expect(html).toContain('capacity multiple 3.2× of the 2025 baseline (target 3×: P35) — <strong>reached</strong>');
    expect(html).not.toContain('not reached');
    expect(html).toMatch(/class="card lvl-green"><div class="big">3\.2×/);
  });

  it('states clearance P50/P95 in hours against the 4–6 h target and the binding constraint', () => {
    expect(html).toMatch(/clearance P50 [\d.]+ h, P95 [\d.]+ h against the 4–6 h target \(P34\)/);
    expect(html).toContain('binding constraint: transfer cranes — 80\u00a0% busy');
  });

  it('draws six charts and prints no NaN, Infinity or undefined', () => {
    expectClean(html);
  });

  it('lists every field of kpis.json in the table', () => {
    const rows = kpiRows(input.kpis);
    expect(rows.map((r) => r.path)).toContain('throughput.byDirection.CN-VN.movesPerDay');
    for (const r of rows) expect(html).toContain(`data-path="${r.path}"`);
    expect(rows.length).toBe(leafCount(input.kpis));
  });

  it('still lists a field added to the contract later, under its raw path', () => {
    const kpis = { ...input.kpis, digest: 'ab12', engineFaults: 0 } as Kpis;
    const more = renderReport({ ...input, kpis });
    expect(more).toMatch(/data-path="digest"><th scope="row">digest<\/th><td>ab12</);
    expect(more).toContain('data-path="engineFaults"');
  });

  it('shows a resource the map does not have as n/a', () => {
    expect(html).toContain('n/a — none on this map');
  });

  it('returns the identical string when rendered twice from the same input', () => {
    expect(renderReport(run({ hours: 24, tph: 600, multiple: 3.2 }))).toBe(html);
  });
});

describe('given a run below the target', () => {
  it('says not reached when the multiple is 2.1', () => {
    const html = renderReport(run({ hours: 24, tph: 400, multiple: 2.1 }));
    expect(html).toContain('— <strong>not reached</strong>');
    expect(html).toMatch(/class="card lvl-amber"><div class="big">2\.1×/);
  });

  it('says not reached, in red, just under 3× with slow clearance', () => {
    const html = renderReport(run({ hours: 24, tph: 400, multiple: 2.999, clearance: [500, 600, 700] }));
    expect(html).toContain('— <strong>not reached</strong>');
    expect(html).toContain('<section class="verdict lvl-red"');
    expect(html).toContain('— <strong>missed</strong>');
  });
});

describe('given user text with markup in it', () => {
  it('escapes the scenario name everywhere it appears', () => {
    const html = renderReport({ ...run({ hours: 3, tph: 500, name: '<script>alert("x")</script> & co' }), generatedBy: 'igv sim <b>--seed</b>' });
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script');
    expect(html).toContain('&quot;quoted&quot; text');
    expect(html).toContain('igv sim &lt;b&gt;--seed&lt;/b&gt;');
  });
});

describe('given a run with no deliveries at all', () => {
  it('renders empty states and an unmeasured clearance when the hours are all zero', () => {
    const html = renderReport(run({ hours: 6, tph: 0, multiple: 0, clearance: [] }));
    expectClean(html);
    expect(html).toContain('no deliveries in this run');
    expect(html).toContain('no deliveries, so no clearance times');
    expect(html).toContain('clearance not measured (no deliveries)');
    expect(html).toContain('<section class="verdict lvl-red"');
  });

  it('renders when there is not even an hourly sample', () => {
    const input = run({ hours: 1, tph: 0, multiple: 0, clearance: [] });
    input.collected.hours = [];
    const html = renderReport(input);
    expectClean(html);
    expect(html).toContain('no hourly samples');
  });
});

describe('given runs of one hour and of a week', () => {
  it('draws point markers for a one-hour run', () => {
    const html = renderReport(run({ hours: 1, tph: 700 }));
    expectClean(html);
    expect(charts(html)[0]).toMatch(/<circle /);
  });

  it('thins the time ticks to one a day and draws 168 bars per state for a 168-hour run', () => {
    const html = renderReport(run({ hours: 168, tph: 650 }));
    expectClean(html);
    const throughput = charts(html)[0]!;
    const ticks = [...throughput.matchAll(/class="tick tick-x"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(ticks).toEqual(['0', '24', '48', '72', '96', '120', '144', '168']);
    expect(throughput).not.toMatch(/<circle /);
    const fleet = charts(html)[5]!;
    expect(fleet.match(/<g[^>]*><title>/g)?.length).toBe(168);
  });
});

describe('given awkward numbers for labels and axes', () => {
  it('formats locale-free, groups thousands and never prints NaN or minus zero', () => {
    expect(fmt(1_234_567.891, 1)).toBe('1,234,567.9');
    expect(fmt(-0.0001, 2)).toBe('0');
    expect(fmt(Number.NaN)).toBe('–');
    expect(fmt(null)).toBe('–');
  });

  it('falls back to a 0–1 axis when every value is zero', () => {
    expect(zeroBasedTicks(0, 5, true).ticks.map((t) => t.label)).toEqual(['0', '1']);
    expect(zeroBasedTicks(0.37, 4).top).toBeCloseTo(0.4);
  });

  it('labels short runs in fractions of an hour and long runs in whole hours', () => {
    expect(hourTicks(1).map((t) => t.label)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(hourTicks(24, 8).map((t) => t.v)).toEqual([0, 6, 12, 18, 24]);
  });
});
