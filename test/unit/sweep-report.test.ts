import { describe, expect, it } from 'vitest';
import type { PointOutcome } from '../../simulator/sweep/sweep-point.ts';
import { makeRow } from '../../simulator/sweep/sweep-rows.ts';
import { selectConfig } from '../../simulator/sweep/sweep-select.ts';
import { renderSweepReport } from '../../simulator/sweep/sweep-report.ts';
import { expandGrid } from '../../simulator/sweep/sweep-grid.ts';
import { SweepSchema } from '../../simulator/sweep/sweep-schema.ts';
import type { SweepRun } from '../../simulator/sweep/run-sweep.ts';

const sweep = SweepSchema.parse({
  format: 'igv-sweep/1',
  name: 'report <test> & co',
  description: 'a "quoted" description',
  hours: 48,
  layouts: [
    { name: 'phase1', scenario: 'a.json' },
    { name: 'phase2', scenario: 'b.json' },
  ],
  fleet: [8, 16, 24],
  cranesPerSide: [2, 5],
  demandMultipliers: [1, 3],
  seeds: [1, 2],
  costs: { perIgv: 8, perCrane: 30, perLayout: { phase1: 2485, phase2: 7966 } },
});

/** A made-up response: throughput grows with fleet and demand, the phase-2 map carries more. */
function fake(layout: string, fleet: number, cranes: number, demand: number, seed: number, reach: boolean): PointOutcome {
  const cap = (layout === 'phase2' ? 600 : 400) * Math.min(fleet, 6 * cranes);
  const tpd = Math.min(cap, 4_800 * demand) + seed * 10;
  return {
    simulatedHours: 48,
    tonnesPerDay: tpd,
    smartTonnesPerDay: tpd / 2,
    traditionalTonnesPerDay: tpd / 2,
    multiple: reach ? 3.2 : Math.min(2.9, Math.round((tpd / 4509) * 1000) / 1000),
    clearanceP50Min: 60 * demand,
    clearanceP95Min: demand === 1 ? 150 : fleet === 8 ? null : 200 + fleet * 5,
    ordersCreated: 100,
    ordersDelivered: 90,
    ordersFailed: 0,
    ordersOpen: 10,
    igvUtilisation: 0.7,
    bottleneck: 'igv-fleet',
    energyKwh: 300,
    stable: true,
    queueGrowth: 0,
    traditionalStable: true,
    engineFaults: 0,
    digest: 'd',
  };
}

function run(reachable: boolean): SweepRun {
  const { points, skipped } = expandGrid(sweep, [
    { name: 'phase1', cranesPerSide: 2 },
    { name: 'phase2', cranesPerSide: 5 },
  ]);
  const rows = points.map((p) => {
    if (p.layout === 'phase1' && p.fleet === 24 && p.demandMultiplier === 1 && p.seed === 2) return makeRow(p, { ok: false, error: 'worker died <oops>' }, sweep.costs, sweep.target);
    const reach = reachable && p.layout === 'phase2' && p.fleet === 16 && p.cranesPerSide === 5;
    return makeRow(p, { ok: true, value: fake(p.layout, p.fleet, p.cranesPerSide, p.demandMultiplier, p.seed, reach) }, sweep.costs, sweep.target);
  });
  return { hours: 48, rows, skipped, selection: selectConfig(rows) };
}

describe('given a sweep where one configuration reaches 3× at the highest demand', () => {
  const html = renderSweepReport({ sweep, run: run(true), baselineTonnesPerDay: 4509, generatedBy: 'igv sweep --file x.json' });
  it('is one self-contained page: no scripts, no external references, no NaN', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org)/);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });
  it('names the cheapest configuration reaching the target in the verdict and highlights its row', () => {
    expect(html).toContain('Cheapest configuration reaching 3×: phase2, 16 IGVs, 5 cranes/side');
    expect(html).toMatch(/<tr class="pick"><td class="l">phase2<\/td><td>16<\/td><td>5<\/td>/);
  });
  it('plots throughput against fleet size per demand and clearance against demand per layout, ringing the pick', () => {
    const charts = html.match(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*class="chart"/g) ?? [];
    expect(charts).toHaveLength(2 + 2);
    expect(html).toContain('aria-label="Throughput against fleet size at demand ×3"');
    expect(html).toContain('aria-label="Clearance P95 against demand, phase2"');
    expect(html.match(/<circle class="mark"/g)).toHaveLength(2);
    expect(html).toContain('cheapest reaching target');
    expect(html).toContain('phase2, 5 cranes/side');
  });
  it('reports the skipped crane counts and the failed run, escaping every text', () => {
    expect(html).toContain('phase1: 5 cranes/side (its map has 2)');
    expect(html).toContain('error: worker died &lt;oops&gt;');
    expect(html).toContain('report &lt;test&gt; &amp; co');
    expect(html).toContain('a &quot;quoted&quot; description');
  });
});

describe('given a sweep where nothing reaches 3×', () => {
  const html = renderSweepReport({ sweep, run: run(false), baselineTonnesPerDay: 4509, generatedBy: 'igv sweep' });
  it('says so and names the closest configuration with what it misses', () => {
    expect(html).toContain('No configuration reaches 3×');
    expect(html).toMatch(/the best is phase2, \d+ IGVs, 5 cranes\/side \(cost [\d.]+ bn VND|the best is phase2, \d+ IGVs, 5 cranes\/side \(cost [\d.]+ cost units/);
    expect(html).toMatch(/throughput [\d.]+× &lt; 3×/);
    expect(html).toContain('<tr class="near">');
    expect(html).toContain('closest (misses target)');
  });
});
