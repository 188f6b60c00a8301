/**
 * Indexes shared by the map checks, built once per `validateMap` call. Later checks only look at
 * lanes that are "in the graph": both nodes exist and from !== to; the earlier checks report the
 * others, so a broken reference produces one fault instead of a cascade.
 */
import type { IgvMap, Lane, MapNode, Point } from '../../schema/map-schema.ts';
import { lanePoints } from '../../schema/lane-geometry.ts';

/** IGV body length (mm): a stopped vehicle's body plus margin must stay clear of junctions. */
export const IGV_LENGTH_MM = 15_600;

export interface MapContext {
  readonly map: IgvMap;
  /** First node with each id. */
  readonly nodesById: ReadonlyMap<string, MapNode>;
  /** Index in `map.lanes` of the first lane with each id. */
  readonly laneIndexById: ReadonlyMap<string, number>;
  /** Full centre line per lane index; undefined for lanes not in the graph. */
  readonly points: readonly (Point[] | undefined)[];
  /** Lane indices (in the graph) arriving at / leaving each node id, ascending. */
  readonly incoming: ReadonlyMap<string, readonly number[]>;
  readonly outgoing: ReadonlyMap<string, readonly number[]>;
}

/** Builds the shared indexes; never throws on a schema-valid map. */
export function buildContext(map: IgvMap): MapContext {
  // NOTE: first node per id (nodeIndex keeps the last); a repeated id is rule 3's fault, and the
  // first definition is the one the rest of the map was drawn against.
  const nodesById = new Map<string, MapNode>();
  for (const node of map.nodes) if (!nodesById.has(node.id)) nodesById.set(node.id, node);
  const laneIndexById = new Map<string, number>();
  map.lanes.forEach((lane, i) => {
    if (!laneIndexById.has(lane.id)) laneIndexById.set(lane.id, i);
  });
  const incoming = new Map<string, number[]>();
  const outgoing = new Map<string, number[]>();
  const points = map.lanes.map((lane, i) => {
    if (lane.from === lane.to || !nodesById.has(lane.from) || !nodesById.has(lane.to)) return undefined;
    push(outgoing, lane.from, i);
    push(incoming, lane.to, i);
    return lanePoints(lane, nodesById);
  });
  return { map, nodesById, laneIndexById, points, incoming, outgoing };
}

function push(m: Map<string, number[]>, key: string, value: number): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}

/** The lane a lane's `singleTrackWith` names, if that lane exists. */
export function namedTwin(ctx: MapContext, lane: Lane): Lane | undefined {
  if (lane.singleTrackWith === undefined) return undefined;
  const i = ctx.laneIndexById.get(lane.singleTrackWith);
  return i === undefined ? undefined : ctx.map.lanes[i];
}

/**
 * True when lane `i` is the way out of a dead-end stall: the twin it names runs the opposite way
 * between the same two nodes, and the lane's start (the stall end) has no lanes but that pair.
 * Whether the twin names it back is rule 7's business, not this test's.
 */
export function isStallExit(ctx: MapContext, i: number): boolean {
  const lane = ctx.map.lanes[i];
  if (!lane || ctx.points[i] === undefined) return false;
  const twin = namedTwin(ctx, lane);
  if (!twin || twin.from !== lane.to || twin.to !== lane.from) return false;
  const into = ctx.incoming.get(lane.from) ?? [];
  const out = ctx.outgoing.get(lane.from) ?? [];
  return into.length === 1 && out.length === 1 && into[0] === ctx.laneIndexById.get(twin.id) && out[0] === i;
}

/** True when either lane names the other as its single-track twin. */
export function areTwins(a: Lane, b: Lane): boolean {
  return a.singleTrackWith === b.id || b.singleTrackWith === a.id;
}

/**
 * A node is a junction when two or more lanes arrive at it or two or more leave it. A stall end,
 * whose only lanes are one single-track twin pair, has one lane in and one out: not a junction.
 * The node where the stall's spur meets the network is one (the spur adds a way in and a way out).
 */
export function isJunction(ctx: MapContext, nodeId: string): boolean {
  return (ctx.incoming.get(nodeId)?.length ?? 0) >= 2 || (ctx.outgoing.get(nodeId)?.length ?? 0) >= 2;
}

/** Direction (radians) of the first or last segment of non-zero length; undefined if there is none. */
export function endHeading(points: readonly Point[], end: 'first' | 'last'): number | undefined {
  if (end === 'first') {
    for (let i = 1; i < points.length; i++) {
      const h = heading(points[i - 1]!, points[i]!);
      if (h !== undefined) return h;
    }
  } else {
    for (let i = points.length - 1; i > 0; i--) {
      const h = heading(points[i - 1]!, points[i]!);
      if (h !== undefined) return h;
    }
  }
  return undefined;
}

function heading(p: Point, q: Point): number | undefined {
  if (p[0] === q[0] && p[1] === q[1]) return undefined;
  return Math.atan2(q[1] - p[1], q[0] - p[0]);
}

/** Absolute difference of two headings, in degrees within [0, 180]. */
export function turnDegrees(a: number, b: number): number {
  const d = (((b - a) * 180) / Math.PI) % 360;
  const wrapped = d < -180 ? d + 360 : d > 180 ? d - 360 : d;
  return Math.abs(wrapped);
}

/** Formats mm for messages: integers as they are, others to 0.1 mm. */
export function fmtMm(mm: number): string {
  return Number.isInteger(mm) ? String(mm) : mm.toFixed(1);
}
