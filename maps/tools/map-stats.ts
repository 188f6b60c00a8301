/**
 * `igv map stats`: the numbers a planner asks about a lane map first. Pure: takes a map (already
 * loaded and, ideally, validated), returns plain data; printing lives in stats-command.ts.
 */
import {
  LANE_KINDS,
  STATION_KINDS,
  type IgvMap,
  type LaneKind,
  type Point,
  type StationKind,
} from '../schema/map-schema.ts';
import { lanePoints, nodeIndex, segmentsIntersect } from '../schema/lane-geometry.ts';
import { createLaneGraph, type LaneGraph } from '../../engine/core/graph/lane-graph.ts';
import { lengthsTo, type DistanceTable } from '../../engine/core/graph/distance-table.ts';

export interface MapStats {
  mapId: string;
  name: string;
  version: string;
  nodes: number;
  lanes: number;
  conflictZones: number;
  /** sum of lane `lengthMm`, metres (0.1 m) */
  totalLaneLengthM: number;
  lanesByKind: Record<LaneKind, number>;
  stationsByKind: Record<StationKind, number>;
  /**
   * Bridge-kind lanes crossing the border line, counted by the way they cross it. Without a
   * border line: every bridge-kind lane, by direction of travel (VN is south, CN north).
   */
  bridgeLanes: { vnToCn: number; cnToVn: number; method: 'border-line' | 'direction-of-travel' };
  /**
   * Shortest driving distance (m, 0.1 m) from a stop node of a VN transfer crane to the nearest
   * stop node of a CN transfer crane, minimised over all pairs; null when there is no such
   * station or no route.
   */
  vnToCnRouteM: number | null;
  /** The same from CN to VN. */
  cnToVnRouteM: number | null;
  /** Shortest round trip VN crane → CN crane → the same VN crane, metres; null as above. */
  loopM: number | null;
}

/** Statistics of one map. Throws (IgvError) only for maps the validator would reject (duplicate lanes, unknown nodes). */
export function mapStats(map: IgvMap): MapStats {
  const laneGraph = createLaneGraph(map);
  const lanesByKind = countBy(LANE_KINDS, map.lanes.map((l) => l.kind));
  const stationsByKind = countBy(STATION_KINDS, map.stations.map((s) => s.kind));
  const totalMm = map.lanes.reduce((sum, l) => sum + l.lengthMm, 0);
  const cranes = (side: 'VN' | 'CN') =>
    [...new Set(map.stations.filter((s) => s.kind === 'transfer-crane' && s.jurisdiction === side).flatMap((s) => s.nodes))].sort();
  const vn = cranes('VN');
  const cn = cranes('CN');
  const toVn = tables(laneGraph, vn);
  const toCn = tables(laneGraph, cn);
  let loop = Infinity;
  for (const v of vn) for (const c of cn) loop = Math.min(loop, toCn.get(c)!.costFrom(v) + toVn.get(v)!.costFrom(c));

  return {
    mapId: map.id,
    name: map.name,
    version: map.version,
    nodes: map.nodes.length,
    lanes: map.lanes.length,
    conflictZones: map.conflictZones.length,
    totalLaneLengthM: metres(totalMm),
    lanesByKind,
    stationsByKind,
    bridgeLanes: countBridgeLanes(map),
    vnToCnRouteM: metresOrNull(nearest(vn, toCn)),
    cnToVnRouteM: metresOrNull(nearest(cn, toVn)),
    loopM: metresOrNull(loop),
  };
}

function tables(laneGraph: LaneGraph, goals: readonly string[]): Map<string, DistanceTable> {
  return new Map(goals.filter((g) => laneGraph.nodeIndex(g) >= 0).map((g) => [g, lengthsTo(laneGraph, g)]));
}

function nearest(sources: readonly string[], toGoal: ReadonlyMap<string, DistanceTable>): number {
  let best = Infinity;
  for (const table of toGoal.values()) for (const s of sources) best = Math.min(best, table.costFrom(s));
  return best;
}

function countBridgeLanes(map: IgvMap): MapStats['bridgeLanes'] {
  const bridges = map.lanes.filter((l) => l.kind === 'bridge');
  const nodes = nodeIndex(map);
  let vnToCn = 0;
  let cnToVn = 0;
  if (!map.borderLine) {
    for (const lane of bridges) {
      const dy = nodes.get(lane.to)!.y - nodes.get(lane.from)!.y;
      if (dy > 0) vnToCn++;
      else if (dy < 0) cnToVn++;
    }
    return { vnToCn, cnToVn, method: 'direction-of-travel' };
  }
  const { a, b } = map.borderLine;
  const vnSide = vnSideOf(map, a, b);
  for (const lane of bridges) {
    const way = crossing(lanePoints(lane, nodes), a, b, vnSide);
    if (way === 'vn-to-cn') vnToCn++;
    else if (way === 'cn-to-vn') cnToVn++;
  }
  return { vnToCn, cnToVn, method: 'border-line' };
}

/**
 * Which side of the border line is Vietnam (+1 left of a→b, -1 right): the side most VN station
 * stop nodes are on, else the side most CN ones are not on, else the south (the real geography).
 */
function vnSideOf(map: IgvMap, a: Point, b: Point): 1 | -1 {
  const nodes = nodeIndex(map);
  let vote = 0;
  for (const s of map.stations) {
    for (const id of s.nodes) {
      const n = nodes.get(id);
      if (n) vote += sideOf([n.x, n.y], a, b) * (s.jurisdiction === 'VN' ? 1 : -1);
    }
  }
  if (vote !== 0) return vote > 0 ? 1 : -1;
  const south: Point = [(a[0] + b[0]) / 2, Math.min(a[1], b[1]) - 1];
  return sideOf(south, a, b);
}

/** Points on the line count as the left side, so a lane that ends on the line and the lane that leaves it are counted once together. */
function sideOf(p: Point, a: Point, b: Point): 1 | -1 {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0 ? 1 : -1;
}

function crossing(points: readonly Point[], a: Point, b: Point, vnSide: 1 | -1): 'vn-to-cn' | 'cn-to-vn' | undefined {
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    const from = sideOf(p, a, b);
    if (from !== sideOf(q, a, b) && segmentsIntersect(p, q, a, b)) return from === vnSide ? 'vn-to-cn' : 'cn-to-vn';
  }
  return undefined;
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v]++;
  return out;
}

function metres(mm: number): number {
  return Math.round(mm / 100) / 10;
}

function metresOrNull(mm: number): number | null {
  return Number.isFinite(mm) ? metres(mm) : null;
}
