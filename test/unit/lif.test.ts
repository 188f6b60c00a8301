import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLif, type Lif } from '../../maps/schema/lif-schema.ts';
import { MapSchema, type IgvMap } from '../../maps/schema/map-schema.ts';
import { LIF_VEHICLE_TYPE_ID, lifToMap, mapToLif } from '../../maps/tools/lif-convert.ts';

const STAMP = { exportTimestamp: '2026-03-01T08:00:00.000Z' };

/** A small two-country map that uses every optional field the format has. */
function smallMap(): IgvMap {
  return {
    format: 'igv-map/1',
    id: 'mini-gate',
    name: 'Mini gate',
    version: '3',
    description: 'test map; mentions igv:{not a tag} in prose',
    frame: { origin: { latDeg: 21.53, lonDeg: 108.0 }, unit: 'mm', axes: 'x-east-y-north' },
    nodes: [
      { id: 'vn-yard', x: -12_345, y: 0, name: 'VN yard' },
      { id: 'vn-bridge', x: 0, y: 100_000 },
      { id: 'cn-bridge', x: 1, y: 300_007 },
      { id: 'cn-yard', x: 60_000, y: 360_000, name: 'CN yard' },
    ],
    lanes: [
      { id: 'L1', from: 'vn-yard', to: 'vn-bridge', lengthMm: 100_761, speedLimitMmps: 2778, widthMm: 3500, kind: 'approach', jurisdiction: 'VN' },
      { id: 'L2', from: 'vn-bridge', to: 'cn-bridge', lengthMm: 200_007, speedLimitMmps: 6944, widthMm: 3750, kind: 'bridge', jurisdiction: 'VN', name: 'bridge northbound' },
      { id: 'L3', from: 'cn-bridge', to: 'vn-bridge', lengthMm: 200_007, speedLimitMmps: 6944, widthMm: 3750, kind: 'bridge', jurisdiction: 'CN', polyline: [] },
      {
        id: 'L4', from: 'cn-bridge', to: 'cn-yard', lengthMm: 85_000, speedLimitMmps: 2778, widthMm: 4000, kind: 'yard', jurisdiction: 'CN',
        polyline: [[10_000, 340_000], [30_000, 355_000]], singleTrackWith: 'L5',
      },
      {
        id: 'L5', from: 'cn-yard', to: 'cn-bridge', lengthMm: 85_000, speedLimitMmps: 2778, widthMm: 4000, kind: 'yard', jurisdiction: 'CN',
        polyline: [[30_000, 355_000], [10_000, 340_000]], singleTrackWith: 'L4',
      },
    ],
    stations: [
      { id: 'vn-crane-1', name: 'VN transfer crane 1', kind: 'transfer-crane', jurisdiction: 'VN', capacity: 1, nodes: ['vn-yard'], serviceTimeMs: 240_000 },
      { id: 'cn-charger', name: 'CN charger', kind: 'charger', jurisdiction: 'CN', capacity: 2, nodes: ['cn-yard', 'cn-bridge'] },
    ],
    conflictZones: [{ id: 'CZ1', kind: 'single-track', lanes: ['L4', 'L5'], polygon: [[0, 0], [1, 0], [1, 1]] }],
    borderLine: { a: [-50_000, 150_000], b: [50_000, 150_000], name: 'boundary line' },
    notes: ['ESTIMATE: yard geometry invented for the test'],
  };
}

/** What a file written to disk and read back looks like. */
function viaJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** A LIF file as another vendor's tool would write it: no igv tags anywhere. */
function foreignLif(): Record<string, unknown> {
  const props = (extra: object = {}) => [{ vehicleTypeId: 'acme.Mover', rotationAllowed: true, ...extra }];
  return {
    metaInformation: { projectIdentification: 'Acme depot', creator: 'Acme', exportTimestamp: '2025-01-01T00:00:00Z', lifVersion: '1.0.0' },
    layouts: [
      {
        layoutId: 'depot',
        layoutVersion: '7',
        layoutDescription: 'ground floor',
        nodes: [
          { nodeId: 'n1', mapId: 'm', nodePosition: { x: 0, y: 0 }, vehicleTypeNodeProperties: [{ vehicleTypeId: 'acme.Mover' }] },
          {
            nodeId: 'n2', mapId: 'm', nodePosition: { x: 30.0004, y: 40 },
            vehicleTypeNodeProperties: [{ vehicleTypeId: 'acme.Mover', actions: [{ actionType: 'startCharging', requirementType: 'OPTIONAL', blockingType: 'HARD' }] }],
          },
          { nodeId: 'n3', mapId: 'm', nodePosition: { x: 0, y: 80 }, vehicleTypeNodeProperties: [{ vehicleTypeId: 'acme.Mover' }], vendorField: 1 },
        ],
        edges: [
          { edgeId: 'e1', startNodeId: 'n1', endNodeId: 'n2', vehicleTypeEdgeProperties: props({ maxSpeed: 1.5 }) },
          { edgeId: 'e2', startNodeId: 'n2', endNodeId: 'n1', vehicleTypeEdgeProperties: props() },
          {
            edgeId: 'e3', startNodeId: 'n2', endNodeId: 'n3',
            vehicleTypeEdgeProperties: props({
              trajectory: { degree: 1, knotVector: [0, 0, 0.5, 1, 1], controlPoints: [{ x: 30, y: 40 }, { x: 30, y: 80 }, { x: 0, y: 80 }] },
            }),
          },
        ],
        stations: [
          { stationId: 's-1', interactionNodeIds: ['n2'] },
          { stationId: 's-crane', stationName: 'Crane bay 2', interactionNodeIds: ['n1'] },
          { stationId: 's-3', interactionNodeIds: ['n3'] },
          { stationId: 's-4', stationName: 'truck bay under crane 2', interactionNodeIds: ['n3'] },
        ],
      },
    ],
  };
}

function firstIssue(res: ReturnType<typeof lifToMap>) {
  expect(res.ok).toBe(false);
  return res.ok ? undefined : res.issues[0];
}

describe('given a small map using every optional field', () => {
  it('comes back exactly when exported to LIF, written as JSON and imported again', () => {
    const m = smallMap();
    expect(MapSchema.safeParse(m).success).toBe(true);
    expect(lifToMap(viaJson(mapToLif(m, STAMP)))).toStrictEqual({ ok: true, map: m });
  });

  it('exports a schema-valid LIF 1.0 document in metres with directional edges and stations', () => {
    const lif = mapToLif(smallMap(), { ...STAMP, creator: 'test' });
    expect(parseLif(viaJson(lif)).ok).toBe(true);
    expect(lif.metaInformation).toEqual({ projectIdentification: 'Mini gate', creator: 'test', exportTimestamp: STAMP.exportTimestamp, lifVersion: '1.0.0' });
    const [layout] = lif.layouts;
    expect(layout).toMatchObject({ layoutId: 'mini-gate', layoutVersion: '3', layoutName: 'Mini gate' });
    expect(layout!.nodes.map((n) => n.nodePosition)).toEqual([{ x: -12.345, y: 0 }, { x: 0, y: 100 }, { x: 0.001, y: 300.007 }, { x: 60, y: 360 }]);
    expect(JSON.stringify(layout!.nodes[2]!.nodePosition)).toBe('{"x":0.001,"y":300.007}');
    // the two bridge lanes are two edges, one each way
    expect(layout!.edges.map((e) => [e.edgeId, e.startNodeId, e.endNodeId])).toEqual([
      ['L1', 'vn-yard', 'vn-bridge'],
      ['L2', 'vn-bridge', 'cn-bridge'],
      ['L3', 'cn-bridge', 'vn-bridge'],
      ['L4', 'cn-bridge', 'cn-yard'],
      ['L5', 'cn-yard', 'cn-bridge'],
    ]);
    const l2 = layout!.edges[1]!.vehicleTypeEdgeProperties[0]!;
    expect(l2).toMatchObject({ vehicleTypeId: LIF_VEHICLE_TYPE_ID, maxSpeed: 6.944, rotationAllowed: false });
    expect(l2.trajectory).toBeUndefined();
    expect(layout!.edges[1]!.edgeDescription).toMatch(/^bridge lane, VN, 3\.75 m wide.* igv:\{"lengthMm":200007,"widthMm":3750,"kind":"bridge","jurisdiction":"VN"\}$/);
    expect(layout!.stations!.map((s) => [s.stationId, s.interactionNodeIds, s.stationName])).toEqual([
      ['vn-crane-1', ['vn-yard'], 'VN transfer crane 1'],
      ['cn-charger', ['cn-yard', 'cn-bridge'], 'CN charger'],
    ]);
    expect(layout!.nodes[3]!.vehicleTypeNodeProperties[0]!.actions).toEqual([{ actionType: 'startCharging', requirementType: 'OPTIONAL', blockingType: 'HARD' }]);
  });

  it('writes a clamped degree-1 NURBS through the centre line when a lane has a polyline', () => {
    const edge = mapToLif(smallMap(), STAMP).layouts[0]!.edges[3]!;
    const t = edge.vehicleTypeEdgeProperties[0]!.trajectory!;
    expect(t.degree).toBe(1);
    expect(t.controlPoints.map((c) => [c.x, c.y])).toEqual([[0.001, 300.007], [10, 340], [30, 355], [60, 360]]);
    expect(t.knotVector).toHaveLength(t.controlPoints.length + 1 + 1);
    expect(t.knotVector.slice(0, 2)).toEqual([0, 0]);
    expect(t.knotVector.slice(-2)).toEqual([1, 1]);
    expect(t.knotVector.every((k, i) => i === 0 || k >= t.knotVector[i - 1]!)).toBe(true);
  });
});

describe.each(['phase1', 'phase2'])('given the real map bac-luan-2.%s.json', (phase) => {
  const file = new URL(`../../maps/data/bac-luan-2.${phase}.json`, import.meta.url);
  it.skipIf(!existsSync(file))('round-trips through LIF exactly and the LIF is schema-valid', () => {
    const m = MapSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const lif = viaJson(mapToLif(m, STAMP));
    expect(parseLif(lif).ok).toBe(true);
    expect(lifToMap(lif)).toStrictEqual({ ok: true, map: m });
  });
});

describe('given a LIF file from another vendor (no igv tags)', () => {
  it('imports a schema-valid map with defaults when converted', () => {
    const res = lifToMap(foreignLif(), { defaults: { jurisdiction: 'CN', origin: { latDeg: 21.5, lonDeg: 108 } } });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const m = res.map;
    expect(MapSchema.safeParse(m).success).toBe(true);
    expect(m).toMatchObject({ id: 'depot', name: 'depot', version: '7', description: 'ground floor', conflictZones: [] });
    expect(m.frame.origin).toEqual({ latDeg: 21.5, lonDeg: 108 });
    expect(m.nodes[1]).toEqual({ id: 'n2', x: 30_000, y: 40_000 });
    expect(m.lanes[0]).toEqual({ id: 'e1', from: 'n1', to: 'n2', lengthMm: 50_000, speedLimitMmps: 1500, widthMm: 3500, kind: 'yard', jurisdiction: 'CN' });
    expect(m.lanes[1]!.speedLimitMmps).toBe(2778);
    expect(m.lanes[2]).toMatchObject({ polyline: [[30_000, 80_000]], lengthMm: 70_000 });
    expect(m.stations.map((s) => [s.id, s.name, s.kind, s.capacity, s.jurisdiction])).toEqual([
      ['s-1', 's-1', 'charger', 1, 'CN'],
      ['s-crane', 'Crane bay 2', 'transfer-crane', 1, 'CN'],
      ['s-3', 's-3', 'igv-parking', 1, 'CN'],
      ['s-4', 'truck bay under crane 2', 'truck-bay', 1, 'CN'],
    ]);
    expect(m.notes).toHaveLength(1);
    expect(m.notes[0]).toMatch(/^ESTIMATE: imported from VDMA LIF 1\.0\.0 .*Acme depot/);
  });

  it('samples a higher-degree NURBS trajectory onto the curve when importing it', () => {
    const lif = foreignLif() as { layouts: { edges: { vehicleTypeEdgeProperties: Record<string, unknown>[] }[] }[] };
    // quadratic Bézier (0,0) (10,10) (20,0) m: the curve is y = x − x²/20
    lif.layouts[0]!.edges[0]!.vehicleTypeEdgeProperties[0]!.trajectory = {
      degree: 2,
      knotVector: [0, 0, 0, 1, 1, 1],
      controlPoints: [{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 0 }],
    };
    const res = lifToMap(lif);
    expect(res.ok).toBe(true);
    const poly = res.ok ? res.map.lanes[0]!.polyline! : [];
    expect(poly.length).toBeGreaterThan(5);
    for (const [x, y] of poly) expect(Math.abs(y - (x - (x * x) / 20_000))).toBeLessThanOrEqual(1);
  });
});

describe('given a broken LIF file', () => {
  it('names the JSON path of a missing endNodeId', () => {
    const lif = foreignLif() as { layouts: { edges: Record<string, unknown>[] }[] };
    delete lif.layouts[0]!.edges[1]!.endNodeId;
    expect(firstIssue(lifToMap(lif))).toMatchObject({ path: '$.layouts[0].edges[1].endNodeId', code: 'IGV_LIF_SCHEMA' });
  });

  it('names the JSON path of an edge to an unknown node', () => {
    const lif = foreignLif() as { layouts: { edges: Record<string, unknown>[] }[] };
    lif.layouts[0]!.edges[2]!.startNodeId = 'nowhere';
    const issue = firstIssue(lifToMap(lif));
    expect(issue).toMatchObject({ path: '$.layouts[0].edges[2].startNodeId', code: 'IGV_LIF_UNKNOWN_REF' });
    expect(issue!.message).toContain('nowhere');
  });

  it('names the station interaction node that does not exist', () => {
    const lif = foreignLif() as { layouts: { stations: { interactionNodeIds: string[] }[] }[] };
    lif.layouts[0]!.stations[1]!.interactionNodeIds = ['n1', 'ghost'];
    expect(firstIssue(lifToMap(lif))).toMatchObject({ path: '$.layouts[0].stations[1].interactionNodeIds[1]', code: 'IGV_LIF_UNKNOWN_REF' });
  });

  it('refuses to guess when the file has two layouts and none is named', () => {
    const lif = foreignLif() as { layouts: Record<string, unknown>[] };
    lif.layouts.push({ ...lif.layouts[0]!, layoutId: 'upstairs', nodes: [], edges: [], stations: [] });
    expect(firstIssue(lifToMap(lif))).toMatchObject({ path: '$.layouts', code: 'IGV_LIF_LAYOUT' });
    expect(lifToMap(lif, { layoutId: 'depot' }).ok).toBe(true);
    expect(firstIssue(lifToMap(lif, { layoutId: 'cellar' }))!.message).toContain('cellar');
  });

  it('reports a knot vector of the wrong size', () => {
    const lif = foreignLif() as { layouts: { edges: { vehicleTypeEdgeProperties: { trajectory?: { knotVector: number[] } }[] }[] }[] };
    lif.layouts[0]!.edges[2]!.vehicleTypeEdgeProperties[0]!.trajectory!.knotVector = [0, 0.5, 1];
    expect(firstIssue(lifToMap(lif))).toMatchObject({
      path: '$.layouts[0].edges[2].vehicleTypeEdgeProperties[0].trajectory.knotVector',
      code: 'IGV_LIF_TRAJECTORY',
    });
  });

  it('reports a damaged igv tag instead of silently using defaults', () => {
    const lif = viaJson(mapToLif(smallMap(), STAMP)) as Lif;
    const edge = lif.layouts[0]!.edges[0]!;
    edge.edgeDescription = edge.edgeDescription!.replace('"kind":"approach"', '"kind":"motorway"');
    const issue = firstIssue(lifToMap(lif));
    expect(issue).toMatchObject({ path: '$.layouts[0].edges[0].edgeDescription', code: 'IGV_LIF_TAG' });
    expect(issue!.message).toContain('kind');
  });
});

describe('given the import-lif and export-lif commands', () => {
  const out: string[] = [];
  const err: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
    err.length = 0;
  });
  const capture = () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  };

  it('reports a file that is not JSON in one line and exits 1', async () => {
    const { runImportLif } = await import('../../maps/tools/lif-command.ts');
    const dir = await mkdtemp(join(tmpdir(), 'igv-lif-'));
    await writeFile(join(dir, 'bad.lif.json'), '{"metaInformation": {');
    capture();
    expect(await runImportLif(join(dir, 'bad.lif.json'), { out: join(dir, 'x.json') })).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^igv map import-lif: .*bad\.lif\.json \$: not JSON: .*\(IGV_LIF_FILE\)\n$/);
    expect(out).toEqual([]);
  });

  it('exports, then imports, a map file and prints one line each', async () => {
    const { runExportLif, runImportLif } = await import('../../maps/tools/lif-command.ts');
    const dir = await mkdtemp(join(tmpdir(), 'igv-lif-'));
    await writeFile(join(dir, 'mini.json'), JSON.stringify(smallMap()));
    capture();
    expect(await runExportLif(join(dir, 'mini.json'), { out: join(dir, 'mini.lif.json') })).toBe(0);
    expect(await runImportLif(join(dir, 'mini.lif.json'), { out: join(dir, 'back.json') })).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `wrote ${join(dir, 'mini.lif.json')}: 4 nodes, 5 edges, 2 stations\n`,
      `wrote ${join(dir, 'back.json')}: 4 nodes, 5 edges, 2 stations\n`,
    ]);
    expect(JSON.parse(await readFile(join(dir, 'back.json'), 'utf8'))).toStrictEqual(smallMap());
  });
});
