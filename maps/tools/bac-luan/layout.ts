/**
 * Assembles a whole Bắc Luân II lane map: the VN end, the bridge, the CN end, the conflict zones
 * and the metadata. Map frame: origin on the border line (vạch phân quản) on the bridge centre
 * line, x east, y north; VN (Móng Cái) is south, CN (Đông Hưng) north.
 */
import { MAP_FORMAT, type ConflictZone, type IgvMap, type Lane } from '../../schema/map-schema.ts';
import type { CombSpec } from './comb.ts';
import { MapDraft } from './draft.ts';
import { buildEndArea, END_GEOMETRY } from './end-area.ts';

/** Bridge ends on the centre line (mm): VN section 154.5 m, CN section 463.5 m (facts P1, P2). */
export const BRIDGE_VN_END_Y_MM = -154_500;
export const BRIDGE_CN_END_Y_MM = 463_500;
/** Bridge deck width 27.7 m (facts P3): the border line spans it. */
export const BRIDGE_HALF_WIDTH_MM = 13_850;

/** What differs between the phases. */
export interface PhaseSpec {
  id: string;
  name: string;
  version: string;
  description: string;
  /** IGV tracks each way on the bridge and approaches: 1 or 2 */
  tracks: 1 | 2;
  vn: { approachMm: number; combs: readonly CombSpec[] };
  cn: { approachMm: number; combs: readonly CombSpec[] };
  gateServiceMs: number;
  scanServiceMs: number;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the map of one phase without notes; pure and deterministic (arrays sorted by id). */
export function buildBacLuanMap(phase: PhaseSpec): IgvMap {
  const draft = new MapDraft();
  const offsets = END_GEOMETRY.trackOffsetMm.slice(0, phase.tracks);
  const north = offsets.map((_, i) => `N${i + 1}`);
  const south = offsets.map((_, i) => `S${i + 1}`);
  const common = { gateServiceMs: phase.gateServiceMs, scanServiceMs: phase.scanServiceMs };
  buildEndArea(draft, {
    ...common,
    side: 'VN',
    xform: (x, y) => [x, y + BRIDGE_VN_END_Y_MM],
    exitDir: 'N',
    entryDir: 'S',
    exitBridgeNodes: north.map((t) => `BR-${t}-VN`),
    entryBridgeNodes: south.map((t) => `BR-${t}-VN`),
    approachMm: phase.vn.approachMm,
    combs: phase.vn.combs,
  });
  buildEndArea(draft, {
    ...common,
    side: 'CN',
    xform: (x, y) => [-x, BRIDGE_CN_END_Y_MM - y],
    exitDir: 'S',
    entryDir: 'N',
    exitBridgeNodes: south.map((t) => `BR-${t}-CN`),
    entryBridgeNodes: north.map((t) => `BR-${t}-CN`),
    approachMm: phase.cn.approachMm,
    combs: phase.cn.combs,
  });
  offsets.forEach((x, i) => {
    buildBridgeTrack(draft, north[i]!, x, [BRIDGE_VN_END_Y_MM, 0, BRIDGE_CN_END_Y_MM]);
    buildBridgeTrack(draft, south[i]!, -x, [BRIDGE_CN_END_Y_MM, 0, BRIDGE_VN_END_Y_MM]);
  });
  return {
    format: MAP_FORMAT,
    id: phase.id,
    name: phase.name,
    version: phase.version,
    description: phase.description,
    frame: { origin: { latDeg: 21.53, lonDeg: 108.0 }, unit: 'mm', axes: 'x-east-y-north' },
    nodes: [...draft.nodes.values()].sort(byId),
    lanes: [...draft.lanes].sort(byId),
    stations: [...draft.stations].sort(byId),
    conflictZones: junctionZones(draft.lanes).sort(byId),
    borderLine: {
      a: [-BRIDGE_HALF_WIDTH_MM, 0],
      b: [BRIDGE_HALF_WIDTH_MM, 0],
      name: 'vạch phân quản: VN/CN boundary across the Bắc Luân II bridge',
    },
    notes: [],
  };
}

/** One bridge track from its near end over the border line to its far end; one lane per jurisdiction. */
function buildBridgeTrack(draft: MapDraft, tag: string, x: number, ys: readonly [number, number, number]): void {
  const northbound = ys[2] > ys[0];
  const [nearSide, farSide] = northbound ? (['VN', 'CN'] as const) : (['CN', 'VN'] as const);
  const ids = [`BR-${tag}-${nearSide}`, `BR-${tag}-BL`, `BR-${tag}-${farSide}`];
  const sides = [nearSide, farSide];
  for (let k = 0; k < 2; k++) {
    const pen = draft.pen((px, py) => [px, py], ids[k]!, x, ys[k]!, northbound ? 90 : -90, { kind: 'bridge', jurisdiction: sides[k]! });
    pen.lane(`L-BR-${tag}-${sides[k]}`).straight(Math.abs(ys[k + 1]! - ys[k]!)).to(ids[k + 1]!);
  }
}

/** A merge zone for every node with ≥ 2 arriving lanes, a diverge zone for ≥ 2 leaving (lanes sorted). */
export function junctionZones(lanes: readonly Lane[]): ConflictZone[] {
  const arriving = new Map<string, string[]>();
  const leaving = new Map<string, string[]>();
  for (const lane of lanes) {
    arriving.set(lane.to, [...(arriving.get(lane.to) ?? []), lane.id]);
    leaving.set(lane.from, [...(leaving.get(lane.from) ?? []), lane.id]);
  }
  const zones: ConflictZone[] = [];
  for (const [node, ids] of arriving) if (ids.length >= 2) zones.push({ id: `CZ-MRG-${node}`, kind: 'merge', lanes: ids.sort() });
  for (const [node, ids] of leaving) if (ids.length >= 2) zones.push({ id: `CZ-DIV-${node}`, kind: 'diverge', lanes: ids.sort() });
  return zones;
}
