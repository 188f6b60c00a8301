import { describe, expect, it } from 'vitest';
import { MapSchema } from '../../maps/schema/map-schema.ts';
import { validateMap } from '../../maps/tools/validate-map.ts';
import { mapFromAscii, type AsciiMapOptions } from '../fixtures/ascii-map.ts';

const lanesOf = (drawing: string) => mapFromAscii(drawing).lanes.map((l) => `${l.from}>${l.to}`);

describe('given the drawing from the fixture header (a ring with a single-track spur)', () => {
  const map = mapFromAscii(
    `
      A-->B===C===D
      ^   |
      |   v
      F<--E
    `,
    { stations: { D: { kind: 'charger' } } },
  );

  it('places nodes on the grid with north up the page', () => {
    expect(map.nodes).toEqual([
      { id: 'A', x: 0, y: 30_000 },
      { id: 'B', x: 40_000, y: 30_000 },
      { id: 'C', x: 80_000, y: 30_000 },
      { id: 'D', x: 120_000, y: 30_000 },
      { id: 'E', x: 40_000, y: 0 },
      { id: 'F', x: 0, y: 0 },
    ]);
  });

  it('makes one lane per arrow run and twin lanes per single-track run', () => {
    expect(map.lanes.map((l) => [l.id, l.lengthMm, l.singleTrackWith ?? null])).toEqual([
      ['A-B', 40_000, null],
      ['B-C', 40_000, 'C-B'],
      ['B-E', 30_000, null],
      ['C-B', 40_000, 'B-C'],
      ['C-D', 40_000, 'D-C'],
      ['D-C', 40_000, 'C-D'],
      ['E-F', 40_000, null],
      ['F-A', 30_000, null],
    ]);
  });

  it('generates merge, diverge and single-track zones', () => {
    expect(map.conflictZones.map((z) => [z.id, z.kind, z.lanes])).toEqual([
      ['diverge-B', 'diverge', ['B-C', 'B-E']],
      ['diverge-C', 'diverge', ['C-B', 'C-D']],
      ['merge-B', 'merge', ['A-B', 'C-B']],
      ['merge-C', 'merge', ['B-C', 'D-C']],
      ['single-track-B-C', 'single-track', ['B-C', 'C-B']],
      ['single-track-C-D', 'single-track', ['C-D', 'D-C']],
    ]);
  });

  it('attaches the station to its node and the output passes the map schema', () => {
    expect(map.stations).toEqual([{ id: 'charger-D', name: 'charger-D', kind: 'charger', jurisdiction: 'VN', capacity: 1, nodes: ['D'] }]);
    expect(MapSchema.safeParse(map).success).toBe(true);
  });
});

describe('given arrows in every direction', () => {
  it('reads > < ^ v as the direction of travel', () => {
    expect(lanesOf('A->B<-C')).toEqual(['A>B', 'C>B']);
    expect(lanesOf('A\n^\nB\nv\nC')).toEqual(['B>A', 'B>C']);
    expect(lanesOf('A\n"\nB')).toEqual(['A>B', 'B>A']);
  });
});

describe('given a horizontal and a vertical run crossing at +', () => {
  const map = mapFromAscii(`
       A
       v
    B>-+->C
       v
       D
  `);

  it('makes a crossing zone with both lanes and no node at the crossing', () => {
    expect(map.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(map.conflictZones).toEqual([{ id: 'crossing-r2c3', kind: 'crossing', lanes: ['A-D', 'B-C'] }]);
  });
});

describe('given a border row across a two-way bridge', () => {
  const map = mapFromAscii(`
      C<--D
      "   |
      "   ^
    ~~"~~~|~~
      "   |
      A-->B
  `);

  it('puts nodes above the border in CN and below in VN, and makes the crossing lanes bridges', () => {
    expect(map.borderLine).toEqual({ a: [0, 20_000], b: [80_000, 20_000], name: 'VN/CN border (ASCII)' });
    expect(map.lanes.map((l) => [l.id, l.kind, l.jurisdiction])).toEqual([
      ['A-B', 'yard', 'VN'],
      ['A-C', 'bridge', 'VN'],
      ['B-D', 'bridge', 'VN'],
      ['C-A', 'bridge', 'CN'],
      ['D-C', 'yard', 'CN'],
    ]);
  });
});

describe('given options for spacing, speed, lanes and stations', () => {
  const map = mapFromAscii('A-->B-->C', {
    id: 'tiny',
    spacingMm: 5_000,
    speedLimitMmps: 2_000,
    lanes: { 'B-C': { speedLimitMmps: 700, kind: 'dock', widthMm: 4_000 } },
    stations: { C: { kind: 'transfer-crane', capacity: 2, id: 'crane-1', jurisdiction: 'CN', serviceTimeMs: 90_000 } },
  });

  it('applies defaults to every lane and overrides to the named one', () => {
    expect(map.id).toBe('tiny');
    expect(map.lanes.map((l) => [l.id, l.lengthMm, l.speedLimitMmps, l.kind, l.widthMm])).toEqual([
      ['A-B', 20_000, 2_000, 'yard', 3_500],
      ['B-C', 20_000, 700, 'dock', 4_000],
    ]);
    expect(map.stations[0]).toMatchObject({ id: 'crane-1', capacity: 2, jurisdiction: 'CN', serviceTimeMs: 90_000 });
  });

  it('rejects options for a lane or a station node the drawing does not have', () => {
    expect(() => mapFromAscii('A-->B', { lanes: { 'B-A': { speedLimitMmps: 1 } } })).toThrow(/B-A/);
    expect(() => mapFromAscii('A-->B', { stations: { Q: { kind: 'charger' } } })).toThrow(/Q/);
  });

  it('leaves out single-track zones when asked to', () => {
    expect(mapFromAscii('A===B', { singleTrackZones: false }).conflictZones).toEqual([]);
  });
});

describe('given malformed drawings', () => {
  it.each([
    ['A---B', /needs an arrow/],
    ['A-<>-B', /both ways/],
    ['A=->B', /mixes single-track/],
    ['A-->', /ends without a node \[row 0, col 4\]/],
    ['A-->B\n  --', /stray - .*\[row 1, col 2\]/],
    ['A-->B\nB-->C', /node B drawn twice/],
    ['A-->b', /unexpected character "b"/],
    ['A-+>B', /\+ must join one horizontal and one vertical run/],
    ['A-->B\n~~~~~\nC-->D\n~~~~~', /more than one border row/],
    ['A-->B\n\tC', /tabs/],
    ['   \n  ', /empty drawing/],
  ])('throws a message naming the fault and the cell when drawn as %j', (drawing, message) => {
    expect(() => mapFromAscii(drawing)).toThrow(message);
  });
});

// The layouts engine tests are expected to draw; each must pass `igv map check` apart from curves.
const LAYOUTS: [string, string, AsciiMapOptions][] = [
  ['a one-way ring with two stations', 'A-->B-->C-->D\n^           |\n|           v\nH<--G<--F<--E', { stations: { C: { kind: 'charger' }, G: { kind: 'igv-parking' } } }],
  ['a head-on single track', 'A=====B', {}],
  ['a merge', 'A-->B-->C-->D\n    ^\n    |\n    E', { stations: { D: { kind: 'truck-bay' } } }],
  ['a dead-end dock off a ring', 'A-->B===C===D\n^   |\n|   v\nF<--E', {}],
  ['a crossing', '   A\n   ^\nB>-+->C\n   ^\n   D', {}],
  ['a single-track bridge over the border', 'C<--D\n"   |\n"   ^\n"~~~|\n"   |\nA-->B', {}],
  ['a one-way loop over the border with cranes on both sides', 'B<--C\n|   ^\nv   |\n|~~~|\n|   ^\nv   |\nA-->D', { stations: { A: { kind: 'transfer-crane' }, C: { kind: 'transfer-crane' } } }],
];

describe('given the small layouts engine tests draw', () => {
  it.each(LAYOUTS)('passes validateMap (curves skipped) for %s', (_name, drawing, opts) => {
    expect(validateMap(mapFromAscii(drawing, opts), { skip: ['IGV_MAP_CURVE'] })).toEqual([]);
  });

  it('is caught by validateMap when a lane is too short for its drawing', () => {
    const map = mapFromAscii('A-->B-->C');
    map.lanes[0]!.lengthMm = 30_000;
    expect(validateMap(map, { skip: ['IGV_MAP_CURVE'] }).map((i) => i.code)).toEqual(['IGV_MAP_LENGTH']);
  });
});
