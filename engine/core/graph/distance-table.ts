/**
 * Distance tables: the cost from every node to one goal, by a reverse Dijkstra over incoming
 * lanes. One table per (goal, vehicle speed, closures) answers "how far from the goal am I" in
 * O(1) for every vehicle and every tick, where an A* query per vehicle per tick would cost ≈1 ms
 * each on a 5,000-node graph. Rebuild a table when the closures or the map change.
 */
import type { Lane } from '../../../maps/schema/map-schema.ts';
import { IGV_ERR, IgvError } from '../errors.ts';
import { createBinaryHeap } from './binary-heap.ts';
import type { LaneGraph } from './lane-graph.ts';

export interface DistanceTable {
  readonly goalNode: string;
  /**
   * Cost from each node to the goal, indexed by `laneGraph.nodeIndex(nodeId)`; Infinity where the
   * goal cannot be reached. Units are those of the table (ms for travel times, mm for lengths).
   */
  readonly costs: Float64Array;
  /** Cost from a node to the goal; Infinity when unreachable or not a node of the map. */
  costFrom(nodeId: string): number;
  /**
   * The first lane of a cheapest route from the node to the goal; undefined at the goal itself
   * and where the goal cannot be reached. Ties go to the neighbour settled first (lower cost, then
   * lower node index), so the answer is the same on every run.
   */
  nextLane(nodeId: string): string | undefined;
}

export interface TravelTimeOptions {
  /** Vehicle top speed, integer mm/s; each lane costs `laneGraph.laneTravelTimeMs(lane, maxSpeedMmps)`. */
  readonly maxSpeedMmps: number;
  /** Lane ids treated as absent. */
  readonly closedLanes?: ReadonlySet<string>;
}

/** Travel time (integer ms) from every node to `goalNode`. Throws IGV_ERR_UNKNOWN_NODE for an unknown goal. */
export function travelTimesTo(laneGraph: LaneGraph, goalNode: string, options: TravelTimeOptions): DistanceTable {
  const { maxSpeedMmps } = options;
  if (!Number.isInteger(maxSpeedMmps) || maxSpeedMmps <= 0) {
    throw new IgvError(IGV_ERR.INVALID_CONFIG, 'distance-table', 'maxSpeedMmps must be a positive integer', { maxSpeedMmps });
  }
  return costsTo(laneGraph, goalNode, (lane) => laneGraph.laneTravelTimeMs(lane, maxSpeedMmps), options.closedLanes);
}

/** Driving distance (mm, sum of lane `lengthMm`) from every node to `goalNode`. */
export function lengthsTo(laneGraph: LaneGraph, goalNode: string, options: { closedLanes?: ReadonlySet<string> } = {}): DistanceTable {
  return costsTo(laneGraph, goalNode, (lane) => lane.lengthMm, options.closedLanes);
}

/**
 * Reverse Dijkstra from the goal with a caller-supplied non-negative lane cost. Exposed for
 * other cost keys (energy, risk); prefer `travelTimesTo` or `lengthsTo`.
 */
export function costsTo(
  laneGraph: LaneGraph,
  goalNode: string,
  laneCost: (lane: Lane) => number,
  closedLanes: ReadonlySet<string> = new Set(),
): DistanceTable {
  const goal = laneGraph.nodeIndex(goalNode);
  if (goal < 0) {
    throw new IgvError(IGV_ERR.UNKNOWN_NODE, 'distance-table', 'goal is not a node of the map', { goal: goalNode });
  }
  const n = laneGraph.nodeIds.length;
  const costs = new Float64Array(n).fill(Infinity);
  const next: (string | undefined)[] = new Array<string | undefined>(n).fill(undefined);
  const settled = new Uint8Array(n);
  // Entries are [cost, nodeIndex]; the index breaks ties so the settle order is fixed.
  const heap = createBinaryHeap<readonly [number, number]>((a, b) => a[0] - b[0] || a[1] - b[1]);
  costs[goal] = 0;
  heap.push([0, goal]);

  for (let entry = heap.pop(); entry; entry = heap.pop()) {
    const [cost, v] = entry;
    if (settled[v] || cost > costs[v]!) continue;
    settled[v] = 1;
    for (const lane of laneGraph.inLanes(laneGraph.nodeIds[v]!)) {
      if (closedLanes.has(lane.id)) continue;
      const u = laneGraph.nodeIndex(lane.from);
      if (settled[u]) continue;
      const candidate = cost + laneCost(lane);
      if (candidate < costs[u]!) {
        costs[u] = candidate;
        next[u] = lane.id;
        heap.push([candidate, u]);
      }
    }
  }

  const at = (nodeId: string) => laneGraph.nodeIndex(nodeId);
  return {
    goalNode,
    costs,
    costFrom: (nodeId) => {
      const i = at(nodeId);
      return i < 0 ? Infinity : costs[i]!;
    },
    nextLane: (nodeId) => {
      const i = at(nodeId);
      return i < 0 ? undefined : next[i];
    },
  };
}

/** Costs from one node to every other, by a forward Dijkstra over outgoing lanes. */
export interface SourceTable {
  readonly sourceNode: string;
  /** Cost from the source to a node; Infinity when unreachable or not a node of the map. */
  costTo(nodeId: string): number;
}

/**
 * Travel time (integer ms) from `sourceNode` to every node: one search answers "which of these
 * many places is nearest to me" (a free parking slot, a holding point), where one reverse table
 * per candidate would cost a search each.
 */
export function travelTimesFrom(laneGraph: LaneGraph, sourceNode: string, options: TravelTimeOptions): SourceTable {
  const source = laneGraph.nodeIndex(sourceNode);
  if (source < 0) throw new IgvError(IGV_ERR.UNKNOWN_NODE, 'distance-table', 'source is not a node of the map', { source: sourceNode });
  const closed = options.closedLanes ?? new Set<string>();
  const n = laneGraph.nodeIds.length;
  const costs = new Float64Array(n).fill(Infinity);
  const settled = new Uint8Array(n);
  const heap = createBinaryHeap<readonly [number, number]>((a, b) => a[0] - b[0] || a[1] - b[1]);
  costs[source] = 0;
  heap.push([0, source]);
  for (let entry = heap.pop(); entry; entry = heap.pop()) {
    const [cost, v] = entry;
    if (settled[v] || cost > costs[v]!) continue;
    settled[v] = 1;
    for (const lane of laneGraph.outLanes(laneGraph.nodeIds[v]!)) {
      if (closed.has(lane.id)) continue;
      const u = laneGraph.nodeIndex(lane.to);
      if (settled[u]) continue;
      const candidate = cost + laneGraph.laneTravelTimeMs(lane, options.maxSpeedMmps);
      if (candidate < costs[u]!) {
        costs[u] = candidate;
        heap.push([candidate, u]);
      }
    }
  }
  return {
    sourceNode,
    costTo: (nodeId) => {
      const i = laneGraph.nodeIndex(nodeId);
      return i < 0 ? Infinity : costs[i]!;
    },
  };
}
