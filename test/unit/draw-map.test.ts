import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import { placeLabels, shortName } from '../../maps/tools/draw-labels.ts';
import { drawMapSvg } from '../../maps/tools/draw-map.ts';

/** Two yards 1 km apart joined by a bridge over a border, one single-track spur. */
function twoYardMap(): IgvMap {
  const lane = (id: string, from: string, to: string, lengthMm: number, kind: IgvMap['lanes'][number]['kind'], j: 'VN' | 'CN', extra = {}) => ({
    id, from, to, lengthMm, speedLimitMmps: 2778, widthMm: 3500, kind, jurisdiction: j, ...extra,
  });
  return {
    format: 'igv-map/1',
    id: 'two-yards',
    name: 'Two yards & a <bridge>',
    version: '1.2',
    frame: { origin: { latDeg: 21.53, lonDeg: 108 }, unit: 'mm', axes: 'x-east-y-north' },
    nodes: [
      { id: 'v1', x: 0, y: 0 },
      { id: 'v2', x: 40_000, y: 0 },
      { id: 'b1', x: 20_000, y: 300_000 },
      { id: 'b2', x: 20_000, y: 700_000 },
      { id: 'c1', x: 0, y: 1_000_000 },
      { id: 'c2', x: 40_000, y: 1_000_000 },
      { id: 'c3', x: 90_000, y: 1_000_000 },
    ],
    lanes: [
      lane('L1', 'v1', 'v2', 40_000, 'yard', 'VN'),
      lane('L2', 'v2', 'b1', 302_000, 'approach', 'VN', { polyline: [[40_000, 100_000]] }),
      lane('L3', 'b1', 'b2', 400_000, 'bridge', 'VN'),
      lane('L4', 'b2', 'c2', 302_000, 'gate', 'CN'),
      lane('L5', 'c2', 'c1', 40_000, 'yard', 'CN'),
      lane('L6', 'c1', 'b2', 302_000, 'approach', 'CN'),
      lane('L7', 'b2', 'b1', 400_000, 'bridge', 'CN'),
      lane('L8', 'b1', 'v1', 302_000, 'approach', 'VN'),
      lane('L9', 'c2', 'c3', 50_000, 'dock', 'CN', { singleTrackWith: 'L10' }),
      lane('L10', 'c3', 'c2', 50_000, 'dock', 'CN', { singleTrackWith: 'L9' }),
    ],
    stations: [
      { id: 'vn-crane', name: 'VN transfer crane 1', kind: 'transfer-crane', jurisdiction: 'VN', capacity: 1, nodes: ['v2'] },
      { id: 'vn-park', name: 'VN parking "north"', kind: 'igv-parking', jurisdiction: 'VN', capacity: 4, nodes: ['v1'] },
      { id: 'cn-crane', name: 'CN transfer crane 1', kind: 'transfer-crane', jurisdiction: 'CN', capacity: 1, nodes: ['c3'] },
      { id: 'cn-charge', name: 'CN charger', kind: 'charger', jurisdiction: 'CN', capacity: 2, nodes: ['c1'] },
    ],
    conflictZones: [],
    borderLine: { a: [-20_000, 450_000], b: [60_000, 450_000], name: 'boundary' },
    notes: [],
  };
}

/** Checks that tags nest properly; returns the problem or undefined. A tiny XML well-formedness test. */
function tagBalanceProblem(svg: string): string | undefined {
  const stack: string[] = [];
  let roots = 0;
  for (const m of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:[^>"]|"[^"]*")*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open}> at ${m.index}`;
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) return `unclosed <${stack.join('> <')}>`;
  if (roots !== 1) return `${roots} root elements`;
  return undefined;
}

/** The markup of one panel group. */
function group(svg: string, id: string): string {
  const start = svg.indexOf(`<g id="${id}"`);
  if (start < 0) return '';
  const next = svg.slice(start + 1).search(/\n<g id="|\n<text class="footer"/);
  return svg.slice(start, next < 0 ? undefined : start + 1 + next);
}

describe('given a map with two yards, a bridge and a border', () => {
  const map = twoYardMap();
  const svg = drawMapSvg(map);

  it('is one well-formed svg element when drawn', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(tagBalanceProblem(svg)).toBeUndefined();
    expect(svg).not.toMatch(/<image|href=|@import|url\((?!#)/); // self-contained
  });

  it('draws one lane path per lane in the overview, tagged with its id', () => {
    const overview = group(svg, 'overview');
    const ids = [...overview.matchAll(/<path class="lane" data-lane="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(map.lanes.map((l) => l.id));
  });

  it('dashes exactly the single-track lanes', () => {
    const dashed = [...group(svg, 'overview').matchAll(/<path class="lane" data-lane="([^"]+)"[^>]*stroke-dasharray/g)].map((m) => m[1]);
    expect(dashed).toEqual(['L9', 'L10']);
  });

  it('names every station, escaped, and labels the insets with short names', () => {
    for (const s of map.stations) expect(svg).toContain(s.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'));
    expect(group(svg, 'inset-vn')).toMatch(/<text class="label"[^>]*>crane 1<\/text>/);
    expect(group(svg, 'inset-cn')).toMatch(/<text class="label"[^>]*>charger<\/text>/);
    expect(svg).toContain('Two yards &amp; a &lt;bridge&gt; — version 1.2');
  });

  it('flips y so that north (CN) is drawn above south (VN)', () => {
    const yOf = (station: string) => Number(group(svg, 'overview').match(new RegExp(`data-station="${station}">.*?<rect x="[\\d.]+" y="([\\d.]+)"`))![1]);
    expect(yOf('cn-crane')).toBeLessThan(yOf('vn-crane') - 100);
  });

  it('has a legend, scale bars, a north arrow, the border labels and the river band', () => {
    expect(svg).toContain('<g id="legend">');
    for (const kind of ['yard', 'approach', 'gate', 'bridge', 'dock', 'transfer crane', 'charger']) expect(group(svg, 'legend')).toContain(`>${kind}</text>`);
    for (const id of ['overview', 'inset-vn', 'inset-cn']) expect(group(svg, id)).toMatch(/class="scale-bar".*>\d+ (m|km)<\/text>/);
    expect(svg).toContain('class="north-arrow"');
    expect(svg).toMatch(/class="border"[^>]*stroke="#dc2626"/);
    expect(svg).toMatch(/>CN<\/text>.*>VN<\/text>/);
    expect(svg).toContain('class="river"');
  });

  it('states lane count, total length and stations by kind in the footer', () => {
    expect(svg).toContain('10 lanes, 2.19 km of lane in total · 4 stations: 2 transfer cranes, 1 IGV parking area, 1 charger');
  });

  it('rounds every coordinate to 0.1 px and gives identical output when called twice', () => {
    const coords = [...svg.matchAll(/ (?:x|y|x1|y1|x2|y2|cx|cy|r|width|height|d|points)="([^"]*)"/g)].map((m) => m[1]!);
    expect(coords.length).toBeGreaterThan(100);
    for (const c of coords) expect(c).not.toMatch(/\d\.\d\d/);
    expect(drawMapSvg(twoYardMap())).toBe(svg);
  });
});

describe('given a map with stations on one side only', () => {
  it('draws the overview and a single inset when drawn', () => {
    const map = twoYardMap();
    map.stations = map.stations.filter((s) => s.jurisdiction === 'VN');
    const svg = drawMapSvg(map);
    expect(svg).toContain('<g id="inset-vn"');
    expect(svg).not.toContain('<g id="inset-cn"');
    expect(tagBalanceProblem(svg)).toBeUndefined();
  });
});

describe('given station labels for a crowded inset', () => {
  it('shortens long names to kind and number when labelled', () => {
    expect(shortName('CN inspection / quarantine bay 4', 'inspection-bay', 'CN')).toBe('inspection 4');
    expect(shortName('VN charger 2', 'charger', 'VN')).toBe('charger 2');
    expect(shortName('VN automated gate (VN→CN)', 'automated-gate', 'VN')).toBe('gate');
  });

  it('keeps labels apart when six stations stand in a row closer than their labels are long', () => {
    const row = [0, 1, 2, 3, 4, 5].map((i) => ({ text: `inspection ${i + 1}`, x: 100 + 30 * i, y: 200, r: 6 }));
    const symbols = row.map((q) => ({ x: q.x - 5, y: q.y - 5, w: 10, h: 10 }));
    const texts = placeLabels(row, symbols, [], { x: 0, y: 0, w: 600, h: 400 }, 10);
    const boxes = texts.map((t) => {
      const [, x, y] = t.match(/ x="([\d.]+)" y="([\d.]+)"/)!.map(Number);
      const w = 6 * (t.match(/>([^<]*)<\/text>/)![1]!.length);
      return t.includes('rotate(-90') ? { x: x! - 8, y: y! - w, w: 10, h: w } : { x: x!, y: y! - 8, w, h: 10 };
    });
    for (const [i, a] of boxes.entries()) {
      for (const b of [...boxes.slice(i + 1), ...symbols]) {
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${texts[i]} overlaps ${JSON.stringify(b)}`).toBe(true);
      }
    }
  });
});

describe('given the draw command', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the SVG and prints one line when the map file is valid, exit 1 with one line when not', async () => {
    const { runMapDraw } = await import('../../maps/tools/draw-command.ts');
    const dir = await mkdtemp(join(tmpdir(), 'igv-draw-'));
    await writeFile(join(dir, 'm.json'), JSON.stringify(twoYardMap()));
    await writeFile(join(dir, 'bad.json'), '{"format":');
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    expect(await runMapDraw(join(dir, 'm.json'), { out: join(dir, 'm.svg') })).toBe(0);
    expect(out).toEqual([`wrote ${join(dir, 'm.svg')}\n`]);
    expect(await readFile(join(dir, 'm.svg'), 'utf8')).toBe(drawMapSvg(twoYardMap()));
    expect(await runMapDraw(join(dir, 'bad.json'), { out: join(dir, 'bad.svg') })).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^igv map draw: .*IGV_MAP_FILE\)\n$/);
  });
});
