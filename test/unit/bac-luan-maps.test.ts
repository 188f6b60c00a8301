import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MapSchema, type IgvMap, type Jurisdiction, type StationKind } from '../../maps/schema/map-schema.ts';
import { lanePoints, minCurveRadius, nodeIndex } from '../../maps/schema/lane-geometry.ts';
import { BAC_LUAN_MAP_FILES, buildPhase1, buildPhase2, mapFileText } from '../../maps/tools/build-bac-luan-maps.ts';
import { validateMap } from '../../maps/tools/validate-map.ts';

const BRIDGE_MM = 618_000;
const VN_SECTION_MM = 154_500;
const CN_SECTION_MM = 463_500;

/** Shortest driving distance (mm) from `start` to every reachable node, by lane lengthMm. */
function dijkstra(map: IgvMap, start: string): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  const done = new Set<string>();
  for (;;) {
    let at: string | undefined;
    for (const [id, d] of dist) if (!done.has(id) && (at === undefined || d < dist.get(at)!)) at = id;
    if (at === undefined) return dist;
    done.add(at);
    for (const lane of map.lanes) {
      if (lane.from !== at) continue;
      const d = dist.get(at)! + lane.lengthMm;
      if (d < (dist.get(lane.to) ?? Infinity)) dist.set(lane.to, d);
    }
  }
}

const stationsOf = (map: IgvMap, kind: StationKind, side?: Jurisdiction) =>
  map.stations.filter((s) => s.kind === kind && (side === undefined || s.jurisdiction === side));

/** Bridge lanes grouped by track: x of the centre line and direction of travel. */
function bridgeTracks(map: IgvMap) {
  const nodes = nodeIndex(map);
  const tracks = new Map<string, { x: number; north: boolean; lanes: { len: number; side: Jurisdiction; y0: number; y1: number }[] }>();
  for (const lane of map.lanes.filter((l) => l.kind === 'bridge')) {
    const a = nodes.get(lane.from)!;
    const b = nodes.get(lane.to)!;
    expect(b.x).toBe(a.x);
    const north = b.y > a.y;
    const key = `${a.x}:${north}`;
    const track = tracks.get(key) ?? { x: a.x, north, lanes: [] };
    track.lanes.push({ len: lane.lengthMm, side: lane.jurisdiction, y0: a.y, y1: b.y });
    tracks.set(key, track);
  }
  return [...tracks.values()];
}

const PHASES = [
  { label: 'phase 1', file: BAC_LUAN_MAP_FILES.phase1, build: buildPhase1, tracks: 1, cranes: 2, chargers: 4, swaps: 0, parking: [8, 12], bays: [4, 4] },
  { label: 'phase 2', file: BAC_LUAN_MAP_FILES.phase2, build: buildPhase2, tracks: 2, cranes: 5, chargers: 8, swaps: 1, parking: [24, 40], bays: [6, 8] },
] as const;

describe.each(PHASES)('given the committed Bắc Luân II $label map', (phase) => {
  const text = readFileSync(phase.file, 'utf8');
  const map = MapSchema.parse(JSON.parse(text));

  it('is exactly what the generator builds now when rebuilt (the file is up to date)', () => {
    const built = phase.build();
    expect(map).toEqual(built);
    expect(text).toBe(mapFileText(built));
  });

  it('passes every map validity rule when validated', () => {
    expect(validateMap(map)).toEqual([]);
  });

  it('runs every bridge track 618 m, split 154.5 m VN / 463.5 m CN at y = 0, when its lanes are summed per track', () => {
    const tracks = bridgeTracks(map);
    expect(tracks.filter((t) => t.north)).toHaveLength(phase.tracks);
    expect(tracks.filter((t) => !t.north)).toHaveLength(phase.tracks);
    for (const t of tracks) {
      const total = t.lanes.reduce((s, l) => s + l.len, 0);
      expect(Math.abs(total - BRIDGE_MM)).toBeLessThanOrEqual(BRIDGE_MM * 0.01);
      const vn = t.lanes.filter((l) => l.side === 'VN');
      const cn = t.lanes.filter((l) => l.side === 'CN');
      expect(vn.map((l) => l.len)).toEqual([VN_SECTION_MM]);
      expect(cn.map((l) => l.len)).toEqual([CN_SECTION_MM]);
      for (const l of vn) expect(Math.max(l.y0, l.y1)).toBe(0);
      for (const l of cn) expect(Math.min(l.y0, l.y1)).toBe(0);
    }
    expect(map.borderLine).toEqual({ a: [-13_850, 0], b: [13_850, 0], name: expect.any(String) });
  });

  it('keeps bridge tracks ≥ 4.5 m apart, northbound east of southbound, when measured across the deck', () => {
    const xs = bridgeTracks(map).sort((a, b) => a.x - b.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!.x - xs[i - 1]!.x).toBeGreaterThanOrEqual(4_500);
    expect(Math.min(...xs.filter((t) => t.north).map((t) => t.x))).toBeGreaterThan(Math.max(...xs.filter((t) => !t.north).map((t) => t.x)));
  });

  it('routes every transfer crane to every crane on the other side in 1.5–3.6 km (P16) when driven on the shortest path', () => {
    const cranes = (side: Jurisdiction) => stationsOf(map, 'transfer-crane', side).flatMap((s) => s.nodes);
    for (const [from, to] of [['VN', 'CN'], ['CN', 'VN']] as const) {
      for (const a of cranes(from)) {
        const dist = dijkstra(map, a);
        for (const b of cranes(to)) {
          expect(dist.get(b), `${a} → ${b}`).toBeGreaterThanOrEqual(1_500_000);
          expect(dist.get(b), `${a} → ${b}`).toBeLessThanOrEqual(3_600_000);
        }
      }
    }
  });

  it('bends no tighter than 15 m (up to 1 mm rounding of chord points) when every centre line is measured', () => {
    const nodes = nodeIndex(map);
    for (const lane of map.lanes) expect(minCurveRadius(lanePoints(lane, nodes)), lane.id).toBeGreaterThan(14_500);
  });

  it('has the stations of the brief on the right side and direction when counted by kind and side', () => {
    for (const side of ['VN', 'CN'] as const) {
      const cranes = stationsOf(map, 'transfer-crane', side);
      expect(cranes).toHaveLength(phase.cranes);
      expect(stationsOf(map, 'truck-bay', side).map((s) => s.nodes)).toEqual(cranes.map((s) => s.nodes));
      const gates = [...stationsOf(map, 'automated-gate', side), ...stationsOf(map, 'nii-scanner', side)];
      expect(gates).toHaveLength(2 * phase.tracks);
      for (const gate of gates) {
        const nodes = nodeIndex(map);
        const inLane = map.lanes.find((l) => l.to === gate.nodes[0])!;
        const northbound = nodes.get(inLane.to)!.y > nodes.get(inLane.from)!.y;
        expect(northbound, gate.id).toBe(side === 'VN');
      }
    }
    const slots = stationsOf(map, 'igv-parking').reduce((n, s) => n + s.capacity, 0);
    expect(slots).toBeGreaterThanOrEqual(phase.parking[0]);
    expect(slots).toBeLessThanOrEqual(phase.parking[1]);
    expect(stationsOf(map, 'charger').map((s) => s.capacity)).toEqual(Array(phase.chargers).fill(1));
    expect(stationsOf(map, 'battery-swap')).toHaveLength(phase.swaps);
    const bays = stationsOf(map, 'inspection-bay', 'CN').length;
    expect(bays).toBeGreaterThanOrEqual(phase.bays[0]);
    expect(bays).toBeLessThanOrEqual(phase.bays[1]);
    expect(stationsOf(map, 'inspection-bay', 'VN')).toEqual([]);
  });

  it('states every estimate and cites the facts it uses when its notes are read', () => {
    const notes = map.notes.join('\n');
    expect(map.notes.filter((n) => n.startsWith('ESTIMATE:')).length).toBeGreaterThanOrEqual(10);
    for (const key of ['P1', 'P2', 'P3', 'P11', 'P16', 'P41', 'P43', 'P44', 'P47', 'P48', 'P57', 'P61']) expect(notes).toMatch(new RegExp(`\\b${key}\\b`));
    const estimates = map.notes.filter((n) => n.startsWith('ESTIMATE:')).join('\n');
    for (const ms of new Set(map.stations.flatMap((s) => (s.serviceTimeMs === undefined ? [] : [s.serviceTimeMs])))) {
      expect(estimates).toContain(ms.toLocaleString('en-US'));
    }
    for (const width of new Set(map.lanes.map((l) => l.widthMm))) expect(estimates).toContain(width.toLocaleString('en-US'));
  });
});

describe('given both phases', () => {
  it('has more bridge lanes and stations in phase 2 when compared with phase 1', () => {
    const [p1, p2] = [buildPhase1(), buildPhase2()];
    const count = (m: IgvMap, pred: (l: IgvMap['lanes'][number]) => boolean) => m.lanes.filter(pred).length;
    expect(count(p2, (l) => l.kind === 'bridge')).toBeGreaterThan(count(p1, (l) => l.kind === 'bridge'));
    expect(p2.stations.length).toBeGreaterThan(p1.stations.length);
    expect(p1.id).toBe('bac-luan-2.phase1');
    expect(p2.id).toBe('bac-luan-2.phase2');
  });
});
