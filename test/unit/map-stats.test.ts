import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMapFile } from '../../maps/tools/load-map.ts';
import { mapStats } from '../../maps/tools/map-stats.ts';
import { runMapStats } from '../../maps/tools/stats-command.ts';
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import { mapFromAscii } from '../fixtures/ascii-map.ts';

// A one-way loop over a border: north over D→J, south over I→C. VN crane at A, CN cranes at K and L.
const LOOP_OVER_BORDER = `
    K<--L
    |   ^
    v   |
    I   J
    |   ^
    v   |
  ~~|~~~|~~
    |   ^
    v   |
    C   D
    |   ^
    v   |
    A-->B
`;
const cranes = {
  A: { kind: 'transfer-crane', id: 'crane-vn' },
  K: { kind: 'transfer-crane', id: 'crane-cn-1' },
  L: { kind: 'transfer-crane', id: 'crane-cn-2' },
  J: { kind: 'charger' },
} as const;

describe('given a loop over a border row with cranes on both sides', () => {
  const stats = mapStats(mapFromAscii(LOOP_OVER_BORDER, { id: 'loop', stations: cranes }));

  it('counts lanes, length, kinds and stations', () => {
    expect(stats).toMatchObject({ mapId: 'loop', nodes: 8, lanes: 8, totalLaneLengthM: 320 });
    expect(stats.lanesByKind).toEqual({ yard: 6, approach: 0, gate: 0, bridge: 2, dock: 0 });
    expect(stats.stationsByKind).toMatchObject({ 'transfer-crane': 3, charger: 1, 'truck-bay': 0 });
  });

  it('counts one bridge lane each way by how it crosses the border line', () => {
    expect(stats.bridgeLanes).toEqual({ vnToCn: 1, cnToVn: 1, method: 'border-line' });
  });

  it('measures VN→CN to the nearest CN crane, CN→VN from the nearest, and the round trip', () => {
    expect(stats.vnToCnRouteM).toBe(160); // A→B→D→J→L
    expect(stats.cnToVnRouteM).toBe(120); // K→I→C→A
    expect(stats.loopM).toBe(320);
  });
});

describe('given bridge lanes but no border line', () => {
  const drawing = LOOP_OVER_BORDER.replace('~~|~~~|~~', '  |   |  ');
  const map = mapFromAscii(drawing, {
    lanes: { 'D-J': { kind: 'bridge' }, 'I-C': { kind: 'bridge' }, 'J-L': { kind: 'bridge' } },
    stations: { A: cranes.A, K: { ...cranes.K, jurisdiction: 'CN' } },
  });

  it('counts bridge lanes by direction of travel (north is VN→CN)', () => {
    expect(map.borderLine).toBeUndefined();
    expect(mapStats(map).bridgeLanes).toEqual({ vnToCn: 2, cnToVn: 1, method: 'direction-of-travel' });
  });
});

describe('given a map without cranes on one side', () => {
  it('reports no route lengths rather than zero', () => {
    const stats = mapStats(mapFromAscii(LOOP_OVER_BORDER, { stations: { A: cranes.A } }));
    expect([stats.vnToCnRouteM, stats.cnToVnRouteM, stats.loopM]).toEqual([null, null, null]);
  });
});

describe('given the igv map stats command', () => {
  let dir = '';
  const good = () => join(dir, 'loop.json');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'igv-map-stats-'));
    await writeFile(good(), JSON.stringify(mapFromAscii(LOOP_OVER_BORDER, { id: 'loop', stations: cranes })));
    const broken: IgvMap = mapFromAscii('A-->B');
    broken.lanes.push({ ...broken.lanes[0]!, id: 'A-B-2' });
    await writeFile(join(dir, 'duplicate.json'), JSON.stringify(broken));
    await writeFile(join(dir, 'schema.json'), JSON.stringify({ format: 'igv-map/1' }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(file: string, json = false) {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runMapStats(file, { json });
      return { code, stdout: out.mock.calls.map((c) => String(c[0])).join(''), stderr: err.mock.calls.map((c) => String(c[0])).join('') };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('prints a table and exits 0 when the map loads', async () => {
    const { code, stdout, stderr } = await run(good());
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^map +loop \(ASCII test map\), version 1$/m);
    expect(stdout).toMatch(/^bridge lanes +VN→CN 1, CN→VN 1 \(crossing the border line\)$/m);
    expect(stdout).toMatch(/^route VN→CN +160\.0 m/m);
    expect(stdout).toMatch(/^total lane length +320\.0 m$/m);
  });

  it('prints the same statistics as JSON when asked', async () => {
    const { code, stdout } = await run(good(), true);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ mapId: 'loop', vnToCnRouteM: 160, bridgeLanes: { vnToCn: 1 } });
  });

  it.each([
    ['missing.json', /^igv map stats: cannot load .*missing\.json: \$ IGV_MAP_FILE: .*does not exist\n$/],
    ['schema.json', /^igv map stats: cannot load .*schema\.json: \$\.\S+ IGV_MAP_SCHEMA: .*\(and \d+ more; run igv map check .*\)\n$/],
    ['duplicate.json', /^igv map stats: .*duplicate\.json: \[lane-graph\] two lanes join the same nodes.*\n$/],
  ])('exits 1 with one line on stderr when the file is %s', async (name, message) => {
    const { code, stdout, stderr } = await run(join(dir, name));
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(message);
  });
});

const realMapPath = (phase: string) => fileURLToPath(new URL(`../../maps/data/bac-luan-2.${phase}.json`, import.meta.url));

describe.each([
  ['phase1', 1],
  ['phase2', 2],
] as const)('given the real Bắc Luân II %s map', (phase, tracks) => {
  it(`counts ${tracks === 1 ? 'one bridge lane' : 'at least two bridge lanes'} each way across the border line`, async () => {
    const loaded = await loadMapFile(realMapPath(phase));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues.slice(0, 3)));
    const stats = mapStats(loaded.map);
    expect(stats.bridgeLanes.method).toBe('border-line');
    if (tracks === 1) expect([stats.bridgeLanes.vnToCn, stats.bridgeLanes.cnToVn]).toEqual([1, 1]);
    else expect(Math.min(stats.bridgeLanes.vnToCn, stats.bridgeLanes.cnToVn)).toBeGreaterThanOrEqual(2);
    // Crane to crane crosses the 618 m bridge at least; the round trip is at least both one-way legs.
    expect(stats.vnToCnRouteM).toBeGreaterThan(618);
    expect(stats.cnToVnRouteM).toBeGreaterThan(618);
    expect(stats.loopM).toBeGreaterThanOrEqual(stats.vnToCnRouteM! + stats.cnToVnRouteM!);
    expect(stats.stationsByKind['transfer-crane']).toBeGreaterThanOrEqual(2);
    expect(stats.lanes).toBe(loaded.map.lanes.length);
  });

  it('prints the table through the command and exits 0', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runMapStats(realMapPath(phase))).toBe(0);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toMatch(/^bridge lanes +VN→CN \d+, CN→VN \d+/m);
    } finally {
      out.mockRestore();
    }
  });
});
