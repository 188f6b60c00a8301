import { mkdtemp, mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IgvMap, Lane, Point } from '../../maps/schema/map-schema.ts';
import { lanePoints, nodeIndex, polylineDistance, polylineLength } from '../../maps/schema/lane-geometry.ts';
import { loadMapFile, MAX_MAP_FILE_BYTES, parseMapText } from '../../maps/tools/load-map.ts';
import { MapIssueCode, type MapIssue } from '../../maps/tools/map-issue.ts';
import { checkMapFile, validateMap } from '../../maps/tools/validate-map.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/maps/', import.meta.url));
const BASE_TEXT = await readFile(join(FIXTURES, 'valid-small.json'), 'utf8');
const STALL_TEXT = await readFile(join(FIXTURES, 'valid-stall.json'), 'utf8');

function parseFixture(text: string, name: string): IgvMap {
  const parsed = parseMapText(text);
  if (!parsed.ok) throw new Error(`${name} does not parse: ${JSON.stringify(parsed.issues)}`);
  return parsed.map;
}

const baseMap = () => parseFixture(BASE_TEXT, 'valid-small.json');
const stallMap = () => parseFixture(STALL_TEXT, 'valid-stall.json');

function lane(map: IgvMap, id: string): Lane {
  const found = map.lanes.find((l) => l.id === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
}

/** Sets lengthMm to the centre line again, after an edit moved the geometry on purpose. */
function fitLength(map: IgvMap, id: string): void {
  const l = lane(map, id);
  l.lengthMm = Math.round(polylineLength(lanePoints(l, nodeIndex(map))));
}

/**
 * Cuts the charger spur back to polyline point `keep` of L-X-CHG: N-CHG moves there, the twin
 * follows, lengths are refitted. Point 15 leaves 16,750 mm of spur, point 16 leaves 17,796 mm.
 */
function shortenStall(map: IgvMap, keep: number): void {
  const into = lane(map, 'L-X-CHG');
  const end = into.polyline![keep]!;
  Object.assign(map.nodes.find((n) => n.id === 'N-CHG')!, { x: end[0], y: end[1] });
  into.polyline = into.polyline!.slice(0, keep);
  lane(map, 'L-CHG-X').polyline = into.polyline.map((p): Point => [p[0], p[1]]).reverse();
  fitLength(map, 'L-X-CHG');
  fitLength(map, 'L-CHG-X');
}

function straightLane(id: string, from: string, to: string, lengthMm: number): Lane {
  return { id, from, to, lengthMm, speedLimitMmps: 4167, widthMm: 4000, kind: 'yard', jurisdiction: 'VN' };
}

const codeAndPath = (issues: readonly MapIssue[]) => issues.map((i) => [i.code, i.path]);

// valid-small.json, by index. nodes: 0 N-SW, 1 N-X, 2 N-GATE, 3 N-SE, 4 N-NE, 5 N-D, 6 N-M, 7 N-NW,
// 8 N-BPA, 9 N-BPB, 10 N-CHG. lanes: 0 L-SW-X, 1 L-X-GATE, 2 L-GATE-SE, 3 L-SE-NE, 4 L-NE-D, 5 L-D-M,
// 6 L-M-NW, 7 L-NW-SW, 8 L-D-BPA, 9 L-BPA-BPB, 10 L-BPB-M, 11 L-X-CHG, 12 L-CHG-X.
// stations: 0 ST-GATE (N-GATE), 1 ST-CHG (N-CHG). zones: 0 Z-DIVERGE-D, 1 Z-MERGE-M.
// valid-stall.json is the same map plus zones at the stall junction N-X: 2 Z-DIVERGE-X (L-X-GATE,
// L-X-CHG), 3 Z-MERGE-X (L-SW-X, L-CHG-X), 4 Z-STALL-CHG (single-track, L-X-CHG and L-CHG-X).
interface BrokenCase {
  name: string;
  /** Which valid map the edit starts from; valid-small.json unless set. */
  from?: 'stall';
  edit: (map: IgvMap) => void;
  expect: [MapIssueCode, string][];
  /** Text the first message must contain: the offending id, and values where they matter. */
  mentions: string[];
}

const C = MapIssueCode;
const BROKEN: BrokenCase[] = [
  {
    name: 'a node repeats an id',
    edit: (m) => void m.nodes.push({ id: 'N-GATE', x: 5000, y: -90000 }),
    expect: [[C.DuplicateId, '$.nodes[11].id']],
    mentions: ['N-GATE'],
  },
  {
    name: 'a lane repeats an id',
    edit: (m) => void (lane(m, 'L-BPA-BPB').id = 'L-D-M'),
    expect: [[C.DuplicateId, '$.lanes[9].id']],
    mentions: ['L-D-M'],
  },
  {
    name: 'a station repeats an id',
    edit: (m) => void (m.stations[1]!.id = 'ST-GATE'),
    expect: [[C.DuplicateId, '$.stations[1].id']],
    mentions: ['ST-GATE'],
  },
  {
    name: 'a conflict zone repeats an id',
    edit: (m) => void (m.conflictZones[1]!.id = 'Z-DIVERGE-D'),
    expect: [[C.DuplicateId, '$.conflictZones[1].id']],
    mentions: ['Z-DIVERGE-D'],
  },
  {
    name: 'a lane ends at a node that does not exist',
    edit: (m) => void (lane(m, 'L-BPA-BPB').to = 'N-NOWHERE'),
    expect: [[C.UnknownRef, '$.lanes[9].to']],
    mentions: ['L-BPA-BPB', 'N-NOWHERE'],
  },
  {
    name: 'a station stops at a node that does not exist',
    edit: (m) => void (m.stations[0]!.nodes[0] = 'N-NOWHERE'),
    expect: [[C.UnknownRef, '$.stations[0].nodes[0]']],
    mentions: ['ST-GATE', 'N-NOWHERE'],
  },
  {
    name: 'a conflict zone lists a lane that does not exist',
    edit: (m) => void (m.conflictZones[1]!.lanes[1] = 'L-NOWHERE'),
    expect: [[C.UnknownRef, '$.conflictZones[1].lanes[1]']],
    mentions: ['Z-MERGE-M', 'L-NOWHERE'],
  },
  {
    name: 'two lanes join the same pair of nodes',
    edit: (m) => void m.lanes.push({ ...lane(m, 'L-BPA-BPB'), id: 'L-BPA-BPB-2' }),
    expect: [[C.DuplicateLane, '$.lanes[13]']],
    mentions: ['L-BPA-BPB-2', 'L-BPA-BPB', 'N-BPA → N-BPB'],
  },
  {
    name: 'a lane starts and ends at one node',
    edit: (m) => void (lane(m, 'L-BPA-BPB').to = 'N-BPA'),
    expect: [[C.SelfLoop, '$.lanes[9]']],
    mentions: ['L-BPA-BPB', 'N-BPA'],
  },
  {
    // The stall's entry no longer names its twin, so its reversal at the dead end is a 180° kink too.
    name: 'a single-track twin does not name its lane back',
    edit: (m) => void delete lane(m, 'L-X-CHG').singleTrackWith,
    expect: [
      [C.SingleTrack, '$.lanes[12].singleTrackWith'],
      [C.Curve, '$.lanes[12].from'],
    ],
    mentions: ['L-CHG-X', 'L-X-CHG'],
  },
  {
    name: 'single-track twins run between different nodes',
    edit: (m) => {
      lane(m, 'L-D-M').singleTrackWith = 'L-BPA-BPB';
      lane(m, 'L-BPA-BPB').singleTrackWith = 'L-D-M';
    },
    expect: [[C.SingleTrack, '$.lanes[9].singleTrackWith']],
    mentions: ['L-BPA-BPB', 'L-D-M'],
  },
  {
    name: 'a single-track twin leaves the shared centre line by 2 mm',
    edit: (m) => {
      const p = lane(m, 'L-CHG-X').polyline![0]!;
      p[0] += 2;
    },
    expect: [[C.SingleTrack, '$.lanes[12].polyline']],
    mentions: ['L-CHG-X', 'L-X-CHG', '[2.0 mm]'],
  },
  {
    name: 'a lane states a length 3 % longer than its centre line',
    edit: (m) => void (lane(m, 'L-GATE-SE').lengthMm = 103000),
    expect: [[C.Length, '$.lanes[2].lengthMm']],
    mentions: ['lane L-GATE-SE length [103000 mm] differs from its centre line [100000 mm] by more than 1 %'],
  },
  {
    name: 'a lane zigzags through a 1 m radius',
    edit: (m) => {
      lane(m, 'L-BPA-BPB').polyline = [
        [101000, 72000],
        [100000, 73000],
        [99000, 72000],
      ];
      fitLength(m, 'L-BPA-BPB');
    },
    expect: [[C.Curve, '$.lanes[9].polyline[1]']],
    mentions: ['L-BPA-BPB', '[1000 mm]', '[100000, 73000]'],
  },
  {
    name: 'a lane arrives at a node 21.8° off the lane that follows',
    edit: (m) => {
      lane(m, 'L-X-GATE').polyline = [[90000, 4000]];
      fitLength(m, 'L-X-GATE');
    },
    expect: [[C.Curve, '$.lanes[2].from']],
    mentions: ['L-GATE-SE', 'L-X-GATE', 'N-GATE', '[21.8°]'],
  },
  {
    name: 'a parallel lane runs 3 m beside another',
    edit: (m) => {
      m.nodes.push({ id: 'N-P1', x: 20000, y: -3000 }, { id: 'N-P2', x: 50000, y: -3000 });
      m.lanes.push(straightLane('L-P1-P2', 'N-P1', 'N-P2', 30000));
    },
    expect: [[C.Spacing, '$.lanes[13]']],
    mentions: ['L-SW-X', 'L-P1-P2', '[3000 mm]', '[4500 mm]'],
  },
  {
    name: 'a lane crosses another without a crossing zone',
    edit: (m) => {
      m.nodes.push({ id: 'N-C1', x: 50000, y: -20000 }, { id: 'N-C2', x: 50000, y: 20000 });
      m.lanes.push(straightLane('L-C1-C2', 'N-C1', 'N-C2', 40000));
    },
    expect: [[C.Spacing, '$.lanes[13]']],
    mentions: ['L-SW-X', 'L-C1-C2', 'crossing'],
  },
  {
    name: 'the charger stall has no lanes',
    edit: (m) => void (m.lanes = m.lanes.filter((l) => l.singleTrackWith === undefined)),
    expect: [[C.Unreachable, '$.stations[1].nodes[0]']],
    mentions: ['ST-CHG', 'N-CHG', 'ST-GATE', '(2 station pairs fail)'],
  },
  {
    name: 'a station stops on the junction of the charger spur',
    edit: (m) => void (m.stations[0]!.nodes = ['N-X']),
    expect: [[C.StopPoint, '$.stations[0].nodes[0]']],
    mentions: ['ST-GATE', 'N-X', 'junction'],
  },
  {
    name: 'a station stops at the merge node of the bypass',
    from: 'stall',
    edit: (m) => void (m.stations[0]!.nodes = ['N-M']),
    expect: [[C.StopPoint, '$.stations[0].nodes[0]']],
    mentions: ['ST-GATE', 'N-M', 'junction (2 lanes in, 1 lanes out)', 'the meeting node of merge zone Z-MERGE-M'],
  },
  {
    name: 'a station stops at the zoned junction where the stall meets the loop',
    from: 'stall',
    edit: (m) => void (m.stations[0]!.nodes = ['N-X']),
    expect: [[C.StopPoint, '$.stations[0].nodes[0]']],
    mentions: ['ST-GATE', 'N-X', 'diverge zone Z-DIVERGE-X', 'merge zone Z-MERGE-X'],
  },
  {
    name: 'the charger stall spur is 16.75 m long, too short for an IGV clear of the junction',
    from: 'stall',
    edit: (m) => shortenStall(m, 15),
    expect: [[C.StopPoint, '$.stations[1].nodes[0]']],
    mentions: ['ST-CHG', 'N-CHG', 'N-X', '[16750 mm]', '[17600 mm]'],
  },
  {
    // N-CHG gets a second way out, so the twin pair is no dead end: neither 165° turn is a reversal
    // out of a stall, although the arriving lane has a twin both times.
    name: 'the stall end gets a second way out that turns 165° back from the stall entry',
    from: 'stall',
    edit: (m) => {
      m.stations.pop();
      m.nodes.push({ id: 'N-K', x: 87176, y: -12681 });
      m.lanes.push(straightLane('L-CHG-K', 'N-CHG', 'N-K', 20000));
    },
    expect: [
      [C.Curve, '$.lanes[1].from'],
      [C.Curve, '$.lanes[13].from'],
    ],
    mentions: ['L-X-GATE', 'L-CHG-X', 'N-X', '[177.'],
  },
  {
    name: 'a station stops 15 m after a junction',
    edit: (m) => {
      // Split L-X-GATE at 15 m and stop there: a 15.6 m IGV would stick out into N-X.
      m.nodes.push({ id: 'N-T', x: 85000, y: 0 });
      Object.assign(lane(m, 'L-X-GATE'), { to: 'N-T', lengthMm: 15000 });
      m.lanes.push(straightLane('L-T-GATE', 'N-T', 'N-GATE', 15000));
      m.stations[0]!.nodes = ['N-T'];
    },
    expect: [[C.StopPoint, '$.stations[0].nodes[0]']],
    mentions: ['ST-GATE', 'N-T', 'N-X', '[15000 mm]'],
  },
  {
    name: 'a merge zone lists a lane that ends elsewhere',
    edit: (m) => void (m.conflictZones[1]!.lanes[1] = 'L-BPA-BPB'),
    expect: [[C.Zone, '$.conflictZones[1].lanes[1]']],
    mentions: ['Z-MERGE-M', 'L-BPA-BPB', 'N-BPB'],
  },
  {
    name: 'a merge zone is marked as a diverge',
    edit: (m) => void (m.conflictZones[1]!.kind = 'diverge'),
    expect: [[C.Zone, '$.conflictZones[1].lanes[1]']],
    mentions: ['Z-MERGE-M', 'L-BPB-M'],
  },
  {
    name: 'a crossing zone lists two lanes 60 m apart',
    edit: (m) => void m.conflictZones.push({ id: 'Z-X', kind: 'crossing', lanes: ['L-SW-X', 'L-D-M'] }),
    expect: [
      [C.Zone, '$.conflictZones[2].lanes[0]'],
      [C.Zone, '$.conflictZones[2].lanes[1]'],
    ],
    mentions: ['Z-X', 'L-SW-X'],
  },
  {
    name: 'a single-track zone lists lanes that are not twins',
    edit: (m) => void m.conflictZones.push({ id: 'Z-ST', kind: 'single-track', lanes: ['L-D-M', 'L-BPA-BPB'] }),
    expect: [
      [C.Zone, '$.conflictZones[2].lanes[0]'],
      [C.Zone, '$.conflictZones[2].lanes[1]'],
    ],
    mentions: ['Z-ST', 'L-D-M'],
  },
];

describe('given the valid small map (loop, drive-through gate, dead-end charger, merge, diverge)', () => {
  it('reports no issue when validated', () => {
    expect(validateMap(baseMap())).toEqual([]);
  });

  it('reports no issue when read from disk', async () => {
    expect(await checkMapFile(join(FIXTURES, 'valid-small.json'))).toEqual([]);
  });

  it('still reports no issue when a lane length is off by 0.9 %', () => {
    const m = baseMap();
    lane(m, 'L-GATE-SE').lengthMm = 100900;
    expect(validateMap(m)).toEqual([]);
  });

  it('accepts a crossing when the two lanes are listed in a crossing zone', () => {
    const m = baseMap();
    m.nodes.push({ id: 'N-C1', x: 50000, y: -20000 }, { id: 'N-C2', x: 50000, y: 20000 });
    m.lanes.push(straightLane('L-C1-C2', 'N-C1', 'N-C2', 40000));
    m.conflictZones.push({ id: 'Z-CROSS', kind: 'crossing', lanes: ['L-SW-X', 'L-C1-C2'] });
    expect(validateMap(m)).toEqual([]);
  });

  it('accepts a stop 44 m after a diverge node, at the far end of one of the diverging lanes', () => {
    const m = baseMap();
    m.stations[0]!.nodes = ['N-BPA'];
    expect(validateMap(m)).toEqual([]);
  });
});

describe('given the valid map whose dead-end charger stall has a diverge, a merge and a single-track zone', () => {
  it('reports no issue when validated', () => {
    expect(validateMap(stallMap())).toEqual([]);
  });

  it('reports no issue when read from disk', async () => {
    expect(await checkMapFile(join(FIXTURES, 'valid-stall.json'))).toEqual([]);
  });

  it('accepts a stall spur of 17,796 mm, just over the 17,600 mm an IGV needs clear behind its stop', () => {
    const m = stallMap();
    shortenStall(m, 16);
    expect(lane(m, 'L-X-CHG').lengthMm).toBe(17796);
    expect(validateMap(m)).toEqual([]);
  });

  it('reports both reversals at the stall junction when the stall exit names no twin', () => {
    // Without its twin, L-CHG-X is no stall exit: joining the loop and turning back into the
    // stall are plain 180° kinks. (The single-track zone then fails too.)
    const m = stallMap();
    delete lane(m, 'L-CHG-X').singleTrackWith;
    expect(codeAndPath(validateMap(m))).toEqual([
      [C.SingleTrack, '$.lanes[11].singleTrackWith'],
      [C.Curve, '$.lanes[1].from'],
      [C.Curve, '$.lanes[11].from'],
      [C.Zone, '$.conflictZones[4].lanes[0]'],
      [C.Zone, '$.conflictZones[4].lanes[1]'],
    ]);
  });
});

describe('given one small edit that breaks the valid map', () => {
  it.each(BROKEN)('reports exactly the expected fault when $name', ({ from, edit, expect: expected, mentions }) => {
    const m = from === 'stall' ? stallMap() : baseMap();
    edit(m);
    const issues = validateMap(m);
    expect(codeAndPath(issues)).toEqual(expected);
    for (const text of mentions) expect(issues[0]!.message).toContain(text);
  });
});

describe('given a map with several faults', () => {
  function threeFaults(): IgvMap {
    const m = baseMap();
    lane(m, 'L-GATE-SE').lengthMm = 103000;
    lane(m, 'L-BPA-BPB').to = 'N-BPA';
    m.nodes.push({ id: 'N-SW', x: 1, y: 1 });
    return m;
  }

  it('reports every fault, ordered by rule, when validated', () => {
    expect(codeAndPath(validateMap(threeFaults()))).toEqual([
      [C.DuplicateId, '$.nodes[11].id'],
      [C.SelfLoop, '$.lanes[9]'],
      [C.Length, '$.lanes[2].lengthMm'],
    ]);
  });

  it('leaves out the skipped codes when called with skip', () => {
    const issues = validateMap(threeFaults(), { skip: [C.Length, C.DuplicateId] });
    expect(codeAndPath(issues)).toEqual([[C.SelfLoop, '$.lanes[9]']]);
  });

  it('reports nothing for a sharp curve when IGV_MAP_CURVE is skipped', () => {
    const zigzag = BROKEN.find((c) => c.name.includes('1 m radius'))!;
    const m = baseMap();
    zigzag.edit(m);
    expect(validateMap(m, { skip: ['IGV_MAP_CURVE'] })).toEqual([]);
  });
});

describe('given 300 random lanes that share no node', () => {
  // A small linear congruential generator: the same "random" map on every run.
  function randomMap(seed: number): IgvMap {
    let state = seed;
    const rnd = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const m = baseMap();
    m.nodes = [];
    m.lanes = [];
    m.stations = [];
    m.conflictZones = [];
    for (let i = 0; i < 300; i++) {
      const [x, y] = [rnd(600_000), rnd(600_000)];
      const pts: [number, number][] = [[x, y]];
      for (let k = 0, n = 1 + rnd(4); k < n; k++) pts.push([pts[k]![0] + rnd(40_000) - 20_000, pts[k]![1] + rnd(40_000) - 20_000]);
      m.nodes.push({ id: `A${i}`, x, y }, { id: `B${i}`, x: pts.at(-1)![0], y: pts.at(-1)![1] });
      m.lanes.push({ ...straightLane(`L${i}`, `A${i}`, `B${i}`, 1), widthMm: 2000 + rnd(4000), polyline: pts.slice(1, -1) });
    }
    return m;
  }

  it('finds the same close and crossing pairs as comparing every pair', () => {
    const m = randomMap(7);
    const idx = nodeIndex(m);
    const brute: [string, string, boolean][] = [];
    for (let j = 0; j < m.lanes.length; j++) {
      for (let i = 0; i < j; i++) {
        const [a, b] = [m.lanes[i]!, m.lanes[j]!];
        const d = polylineDistance(lanePoints(a, idx), lanePoints(b, idx));
        if (d < (a.widthMm + b.widthMm) / 2 + 500) brute.push([`$.lanes[${j}]`, a.id, d === 0]);
      }
    }
    const others = Object.values(C).filter((c) => c !== C.Spacing);
    const grid = validateMap(m, { skip: others }).map((i) => [i.path, /lanes (\S+) and/.exec(i.message)![1], i.message.includes('cross')]);
    expect(brute.length).toBeGreaterThan(20);
    expect(brute.filter((b) => b[2]).length).toBeGreaterThan(5);
    expect(grid).toEqual(brute);
  });
});

describe('given map text', () => {
  it('reports the line and column when the text is not JSON', () => {
    const r = parseMapText('{\n  "format": "igv-map/1",\n  nodes: []\n}');
    expect(r).toEqual({ ok: false, issues: [expect.objectContaining({ code: C.File, path: '$' })] });
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^not valid JSON at line 3, column 3: /);
  });

  it('reports the end of the text when the JSON is cut short', () => {
    const r = parseMapText('{"format": "igv-map/1",\n"nodes": [');
    expect(!r.ok && r.issues[0]!.message).toMatch(/^not valid JSON at line 2, column 11: Unexpected end of JSON input/);
  });

  it('keeps the message on one line when the JSON engine quotes text with line breaks', () => {
    const r = parseMapText('{\n"nodes": [1,\n2,\n]\n}');
    expect(!r.ok && codeAndPath(r.issues)).toEqual([[C.File, '$']]);
    expect(!r.ok && r.issues[0]!.message).toMatch(/^not valid JSON[^\n]*$/);
  });

  it.each(['', '  \n\t'])('reports an empty file when the text is %j', (text) => {
    const r = parseMapText(text);
    expect(!r.ok && codeAndPath(r.issues)).toEqual([[C.File, '$']]);
    expect(!r.ok && r.issues[0]!.message).toContain('empty');
  });

  it.each([
    ['a width is a string', (m: Record<string, any>) => void (m.lanes[3].widthMm = '4000'), '$.lanes[3].widthMm'],
    ['a station has no kind', (m: Record<string, any>) => void delete m.stations[0].kind, '$.stations[0].kind'],
    ['a coordinate is not whole millimetres', (m: Record<string, any>) => void (m.nodes[2].x = 100000.5), '$.nodes[2].x'],
    ['a polyline point has three numbers', (m: Record<string, any>) => void m.lanes[3].polyline[4].push(0), '$.lanes[3].polyline[4]'],
    ['the root has an unknown key', (m: Record<string, any>) => void (m.extra = 1), '$'],
  ])('reports IGV_MAP_SCHEMA at the field when %s', (_name, edit, path) => {
    const json = JSON.parse(BASE_TEXT) as Record<string, any>;
    edit(json);
    const r = parseMapText(JSON.stringify(json));
    expect(!r.ok && codeAndPath(r.issues)).toEqual([[C.Schema, path]]);
  });

  it('ignores a leading byte-order mark', () => {
    expect(parseMapText(`\uFEFF${BASE_TEXT}`).ok).toBe(true);
  });
});

describe('given files that are not readable maps', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'igv-map-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fileIssue(path: string): Promise<string> {
    const r = await loadMapFile(path);
    expect(!r.ok && codeAndPath(r.issues)).toEqual([[C.File, '$']]);
    return r.ok ? '' : r.issues[0]!.message;
  }

  it('says the file does not exist when it is missing', async () => {
    expect(await fileIssue(join(dir, 'missing.json'))).toContain('does not exist');
  });

  it('says it is a directory when given a directory', async () => {
    await mkdir(join(dir, 'a-dir'));
    expect(await fileIssue(join(dir, 'a-dir'))).toContain('is a directory');
  });

  it('says it is empty when the committed empty fixture is read', async () => {
    expect(await fileIssue(join(FIXTURES, 'empty.json'))).toContain('is empty');
  });

  it('reports the parse position when the committed not-JSON fixture is read', async () => {
    expect(await fileIssue(join(FIXTURES, 'not-json.json'))).toMatch(/not valid JSON at line 4, column 3/);
  });

  it('refuses a file larger than 20 MiB by its size', async () => {
    const huge = join(dir, 'huge.json');
    await writeFile(huge, '');
    await truncate(huge, MAX_MAP_FILE_BYTES + 1);
    expect(await fileIssue(huge)).toContain(`${MAX_MAP_FILE_BYTES + 1} bytes`);
  });

  it('reads a file of exactly 20 MiB (then fails on its content, not its size)', async () => {
    const edge = join(dir, 'edge.json');
    await writeFile(edge, '');
    await truncate(edge, MAX_MAP_FILE_BYTES);
    expect(await fileIssue(edge)).toMatch(/^not valid JSON/);
  });
});
