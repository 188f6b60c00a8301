import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadSweepFile, parseSweep } from '../../simulator/sweep/load-sweep.ts';
import { expandGrid } from '../../simulator/sweep/sweep-grid.ts';
import { SweepSchema } from '../../simulator/sweep/sweep-schema.ts';

const SCENARIOS = resolve('simulator/scenarios');
const good = {
  format: 'igv-sweep/1',
  name: 'unit',
  hours: 2,
  layouts: [
    { name: 'phase1', scenario: join(SCENARIOS, 'smart-phase1.json') },
    { name: 'phase2', scenario: join(SCENARIOS, 'smart-phase2.json') },
  ],
  fleet: [8, 16],
  cranesPerSide: [2, 5],
  demandMultipliers: [1, 3],
  seeds: [1, 2],
  costs: { perIgv: 8, perCrane: 30, perLayout: { phase1: 100, phase2: 300 } },
};
const errorsOf = (json: unknown) => {
  const r = parseSweep('s.json', JSON.stringify(json));
  return r.ok ? [] : r.errors;
};

describe('given a sweep file with one mistake', () => {
  it('reports exactly one line with the JSON path when a fleet size is not a positive integer', () => {
    const errors = errorsOf({ ...good, fleet: [8, -2] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^s\.json: \$\.fleet\[1\]: /);
  });
  it('reports the layout whose cost is missing', () => {
    const errors = errorsOf({ ...good, costs: { ...good.costs, perLayout: { phase1: 100 } } });
    expect(errors).toEqual(['s.json: $.costs.perLayout.phase2: no cost for layout [phase2]']);
  });
  it('reports repeated grid values and layout names', () => {
    expect(errorsOf({ ...good, seeds: [1, 1] })).toEqual(['s.json: $.seeds: seeds: values must be distinct']);
    expect(errorsOf({ ...good, layouts: [good.layouts[0], good.layouts[0]] })).toEqual(['s.json: $.layouts: layouts: names must be distinct']);
  });
  it('reports a wrong format and an unknown key on their own lines', () => {
    const errors = errorsOf({ ...good, format: 'igv-sweep/2', extra: 1 });
    expect(errors).toHaveLength(2);
    expect(errors.some((e) => e.startsWith('s.json: $.format: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('s.json: $: ') && e.includes('extra'))).toBe(true);
  });
  it('says the text is not JSON when it is not', () => {
    const r = parseSweep('s.json', '{ "format": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^s\.json: not JSON/);
  });
  it('fills in the default target (3×, P95 360 min) when the file has none', () => {
    expect(SweepSchema.parse(good).target).toEqual({ multiple: 3, clearanceP95Minutes: 360 });
  });
});

describe('given sweep files whose layouts point at scenarios', () => {
  const dir = mkdtempSync(join(tmpdir(), 'igv-sweep-schema-'));
  const write = (name: string, json: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(json));
    return p;
  };
  it('loads both smart scenarios and their maps, resolving paths from the sweep file', async () => {
    const rel = { ...good, layouts: good.layouts.map((l) => ({ ...l, scenario: relative(dir, l.scenario) })) };
    expect(rel.layouts[0]!.scenario.startsWith('..')).toBe(true);
    const r = await loadSweepFile(write('ok.json', rel));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.layouts.map((l) => [l.name, l.cranesPerSide])).toEqual([['phase1', 2], ['phase2', 5]]);
  });
  it('rejects a scenario without gate demand, naming the layout', async () => {
    const r = await loadSweepFile(write('rate.json', { ...good, layouts: [{ name: 'phase1', scenario: join(SCENARIOS, 'smoke-phase1.json') }], costs: { ...good.costs, perLayout: { phase1: 1 } } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/: \$\.layouts\[0\]\.scenario: .*demand kind \[rate\]; a sweep needs kind \[gate\]$/)]);
  });
  it('rejects a scenario file that does not exist, naming the layout', async () => {
    const r = await loadSweepFile(write('missing.json', { ...good, layouts: [good.layouts[0], { name: 'phase2', scenario: 'nope.json' }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/: \$\.layouts\[1\]\.scenario: cannot use nope\.json: .*ENOENT/)]);
  });
});

describe('given a grid whose crane counts exceed one map', () => {
  const sweep = SweepSchema.parse(good);
  const { points, skipped } = expandGrid(sweep, [
    { name: 'phase1', cranesPerSide: 2 },
    { name: 'phase2', cranesPerSide: 5 },
  ]);
  it('skips the combinations the map cannot hold and reports them', () => {
    expect(skipped).toEqual([{ layout: 'phase1', cranesPerSide: 5, mapCranesPerSide: 2 }]);
    expect(points).toHaveLength(2 * 1 * 2 * 2 + 2 * 2 * 2 * 2);
    expect(points.some((p) => p.layout === 'phase1' && p.cranesPerSide === 5)).toBe(false);
  });
  it('numbers the points 0…n-1 in layout, fleet, cranes, demand, seed order', () => {
    expect(points.map((p) => p.index)).toEqual(points.map((_, i) => i));
    expect(points.slice(0, 3).map((p) => [p.layout, p.fleet, p.cranesPerSide, p.demandMultiplier, p.seed])).toEqual([
      ['phase1', 8, 2, 1, 1],
      ['phase1', 8, 2, 1, 2],
      ['phase1', 8, 2, 3, 1],
    ]);
  });
});
