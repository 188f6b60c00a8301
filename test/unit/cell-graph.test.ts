import { describe, expect, it } from 'vitest';
import { mapFromAscii } from '../fixtures/ascii-map.ts';
import { cellCuts, createCellGraph, DEFAULT_CELL_CONFIG } from '../../engine/core/graph/cell-graph.ts';
import { readFileSync } from 'node:fs';
import { MapSchema } from '../../maps/schema/map-schema.ts';

describe('given a lane cut into cells', () => {
  it('keeps the last cell just long enough for a stopped vehicle and its gaps when the lane is long', () => {
    const cuts = cellCuts(100_000, DEFAULT_CELL_CONFIG);
    expect(cuts[0]).toBe(0);
    expect(cuts[cuts.length - 1]).toBe(100_000);
    expect(cuts[cuts.length - 1]! - cuts[cuts.length - 2]!).toBe(15_600 + 5_000 + 100);
    for (let i = 1; i < cuts.length; i++) expect(cuts[i]! - cuts[i - 1]!).toBeLessThanOrEqual(DEFAULT_CELL_CONFIG.maxCellMm + 1_000);
  });
});

describe('given an ASCII map with a merge, a diverge and a single-track spur', () => {
  const map = mapFromAscii(
    `
    A---->B---->C====D
    ^           |
    |           v
    F<----------E
    `,
    { spacingMm: 10_000 },
  );
  const cells = createCellGraph(map);

  it('finds conflicts only between different paths and symmetrically', () => {
    for (const c of cells.cells) {
      for (const o of c.conflicts) {
        expect(cells.cells[o]!.conflicts).toContain(c.id);
        expect(o).not.toBe(c.id);
      }
    }
  });
  it('marks the cells at the diverge after C as junction cells', () => {
    const first = (lane: string) => cells.cells[cells.laneCells(lane)[0]!]!;
    expect(first('C-D').junction).toBe(true);
    expect(first('C-E').junction).toBe(true);
    expect(first('C-D').conflicts).toContain(cells.laneCells('C-E')[0]);
  });
  it('groups the twin lanes of the spur into one dead-end block', () => {
    expect(cells.blocks).toHaveLength(1);
    const b = cells.blocks[0]!;
    expect(b.lanes).toEqual(['C-D', 'D-C']);
    expect(b.deadEnd).toBe(true);
    expect(b.portals).toEqual(['C']);
    expect(b.towards.get('C-D')).toBe('D');
    expect(b.towards.get('D-C')).toBe('C');
  });
  it('keeps plain stretches free of conflicts', () => {
    for (const id of cells.laneCells('E-F')) expect(cells.cells[id]!.conflicts).toEqual([]);
  });
});

describe('given the phase-1 map', () => {
  const map = MapSchema.parse(JSON.parse(readFileSync('maps/data/bac-luan-2.phase1.json', 'utf8')));
  const cells = createCellGraph(map);
  it('keeps the two bridge tracks apart (no conflicts between the bridge lanes)', () => {
    const bridge = map.lanes.filter((l) => l.kind === 'bridge').map((l) => l.id);
    for (const lane of bridge) {
      for (const id of cells.laneCells(lane)) {
        for (const o of cells.cells[id]!.conflicts) expect(bridge).not.toContain(cells.cells[o]!.lane);
      }
    }
  });
  it('has no cell longer than the configured maximum plus rounding', () => {
    for (const c of cells.cells) expect(c.s1 - c.s0).toBeLessThanOrEqual(Math.max(DEFAULT_CELL_CONFIG.maxCellMm + 1_000, 20_800));
  });
});
