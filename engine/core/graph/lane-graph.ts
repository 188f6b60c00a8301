/**
 * The directed lane graph of a map: one ngraph node per map node (data = the MapNode), one
 * oriented link per lane (data = the Lane). Built once per map version; the route planner and
 * distance tables read it and never change it.
 *
 * ngraph.graph builds silently (a second link with the same (from, to) overwrites the first,
 * `addLink` invents missing nodes), so this builder checks both and throws instead.
 * Nodes are added sorted by id, then lanes sorted by id: neighbour iteration in ngraph follows
 * insertion order, so every search over this graph is deterministic.
 */
import createGraph, { type Graph } from 'ngraph.graph';
import type { IgvMap, Lane, MapNode } from '../../../maps/schema/map-schema.ts';
import { lanePoints, measurePolyline, type MeasuredPolyline } from '../../../maps/schema/lane-geometry.ts';
import { IGV_ERR, IgvError } from '../errors.ts';

export interface LaneGraph {
  readonly map: IgvMap;
  /** ngraph graph; treat as read-only. Link ids are ngraph's own, `link.data.id` is the lane id. */
  readonly graph: Graph<MapNode, Lane>;
  /** All node ids, sorted; a node's position here is its index (see `nodeIndex`). */
  readonly nodeIds: readonly string[];
  /** All lane ids, sorted. */
  readonly laneIds: readonly string[];
  /** Index of a node in `nodeIds`, or -1 when the map has no such node. */
  nodeIndex(nodeId: string): number;
  node(nodeId: string): MapNode | undefined;
  lane(laneId: string): Lane | undefined;
  /** The lane from `fromNode` to `toNode`, if there is one. */
  laneBetween(fromNode: string, toNode: string): Lane | undefined;
  /** Lanes leaving the node, sorted by lane id; empty for an unknown node. */
  outLanes(nodeId: string): readonly Lane[];
  /** Lanes arriving at the node, sorted by lane id; empty for an unknown node. */
  inLanes(nodeId: string): readonly Lane[];
  /** Centre line (from-node, interior points, to-node) with cumulative lengths, mm. */
  centreLine(laneId: string): MeasuredPolyline | undefined;
  /** Routing cost: {@link laneTravelTimeMs} plus {@link SERVICE_LANE_PENALTY_MS} on service rows. */
  laneTravelTimeMs(lane: Lane, maxSpeedMmps: number): number;
}

/**
 * Time to drive a lane end to end at the lower of the lane's speed limit and the vehicle's
 * maximum speed, in integer ms (rounded up, so at least 1 ms). Acceleration is ignored: this is
 * the cost used for routing, not a motion profile.
 */
export function laneTravelTimeMs(lane: Lane, maxSpeedMmps: number): number {
  const speed = Math.min(lane.speedLimitMmps, maxSpeedMmps);
  return Math.ceil((lane.lengthMm * 1000) / speed);
}

/**
 * Extra routing cost of a lane that leads into or out of a service stop (parking slot, charger,
 * crane bay, inspection bay), ms. Such rows are drive-through on our maps, with a bypass beside
 * them; without this, through traffic takes the row whenever it is a few metres shorter and keeps
 * meeting vehicles parked or served there. Gates and scanners are on every route, so they cost
 * nothing extra. The heuristic stays admissible: costs only grow.
 */
export const SERVICE_LANE_PENALTY_MS = 30_000;
const PENALISED_KINDS: ReadonlySet<string> = new Set(['igv-parking', 'charger', 'battery-swap', 'transfer-crane', 'inspection-bay']);

/**
 * Builds the lane graph of a map. Throws `IGV_ERR_UNKNOWN_NODE` when a lane names a node the map
 * does not have and `IGV_ERR_DUPLICATE_LANE` when two lanes share a (from, to) pair; the map
 * validator reports both earlier for files, so here they mean a map that skipped validation.
 */
export function createLaneGraph(map: IgvMap): LaneGraph {
  const graph = createGraph<MapNode, Lane>();
  const nodes = [...map.nodes].sort((a, b) => compareIds(a.id, b.id));
  const lanes = [...map.lanes].sort((a, b) => compareIds(a.id, b.id));
  const nodeById = new Map<string, MapNode>();
  const indexById = new Map<string, number>();
  nodes.forEach((n, i) => {
    nodeById.set(n.id, n);
    indexById.set(n.id, i);
    graph.addNode(n.id, n);
  });

  const laneById = new Map<string, Lane>();
  const outgoing = new Map<string, Lane[]>();
  const incoming = new Map<string, Lane[]>();
  const lines = new Map<string, MeasuredPolyline>();
  for (const lane of lanes) {
    for (const end of [lane.from, lane.to]) {
      if (!nodeById.has(end)) {
        throw new IgvError(IGV_ERR.UNKNOWN_NODE, 'lane-graph', 'lane refers to a node the map does not have', {
          lane: lane.id,
          node: end,
        });
      }
    }
    const existing = graph.getLink(lane.from, lane.to);
    if (existing) {
      throw new IgvError(IGV_ERR.DUPLICATE_LANE, 'lane-graph', 'two lanes join the same nodes in the same direction', {
        lanes: `${existing.data.id}, ${lane.id}`,
        from: lane.from,
        to: lane.to,
      });
    }
    graph.addLink(lane.from, lane.to, lane);
    laneById.set(lane.id, lane);
    push(outgoing, lane.from, lane);
    push(incoming, lane.to, lane);
    lines.set(lane.id, measurePolyline(lanePoints(lane, nodeById)));
  }

  for (const list of [...outgoing.values(), ...incoming.values()]) Object.freeze(list);
  const stopNodes = new Set(map.stations.filter((st) => PENALISED_KINDS.has(st.kind)).flatMap((st) => st.nodes));
  const serviceLanes = new Set(lanes.filter((l) => stopNodes.has(l.from) || stopNodes.has(l.to)).map((l) => l.id));
  const none: readonly Lane[] = Object.freeze([]);
  return {
    map,
    graph,
    nodeIds: Object.freeze(nodes.map((n) => n.id)),
    laneIds: Object.freeze(lanes.map((l) => l.id)),
    nodeIndex: (id) => indexById.get(id) ?? -1,
    node: (id) => nodeById.get(id),
    lane: (id) => laneById.get(id),
    laneBetween: (from, to) => graph.getLink(from, to)?.data,
    // Lanes were visited in id order, so these lists are already sorted by lane id.
    outLanes: (id) => outgoing.get(id) ?? none,
    inLanes: (id) => incoming.get(id) ?? none,
    centreLine: (id) => lines.get(id),
    laneTravelTimeMs: (lane, maxSpeedMmps) => laneTravelTimeMs(lane, maxSpeedMmps) + (serviceLanes.has(lane.id) ? SERVICE_LANE_PENALTY_MS : 0),
  };
}

/** Code-unit order: the same on every machine and locale (unlike localeCompare). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push(index: Map<string, Lane[]>, key: string, lane: Lane): void {
  const list = index.get(key);
  if (list) list.push(lane);
  else index.set(key, [lane]);
}
