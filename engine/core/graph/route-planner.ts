/**
 * Static routes over the lane graph: fastest path by travel time, with lane closures applied per
 * query through ngraph.path's `blocked` callback, so closing a lane never rebuilds the graph.
 *
 * The configuration (graph, vehicle speed) is fixed for the planner's life: build a new planner
 * when the map or the speed changes. Per-call options carry what changes between calls (closures).
 * A planner owns one ngraph finder whose search state is reused, so it is not reentrant; the
 * engine core is single-threaded and calls it only from within a tick.
 */
import { aStar, type PathFinder } from 'ngraph.path';
import type { Node } from 'ngraph.graph';
import type { Lane, MapNode } from '../../../maps/schema/map-schema.ts';
import { IGV_ERR, IgvError } from '../errors.ts';
import { compareIds, type LaneGraph } from './lane-graph.ts';
import { NoRouteReason, type Route, type RouteResult } from './route-result.ts';

export interface RoutePlannerConfig {
  /** Top speed of the vehicle the routes are for, integer mm/s (> 0). */
  readonly maxSpeedMmps: number;
}

export interface RouteOptions {
  /** Lane ids that must not be used. Ids the map does not have are ignored. */
  readonly closedLanes?: ReadonlySet<string>;
}

export interface RoutePlanner {
  readonly laneGraph: LaneGraph;
  readonly config: RoutePlannerConfig;
  /**
   * The fastest route from `fromNode` to `toNode` avoiding closed lanes, in source-to-target
   * order. Never throws for unknown ids or missing routes: those are `ok: false` results.
   */
  route(fromNode: string, toNode: string, options?: RouteOptions): RouteResult;
}

const NO_CLOSURES: ReadonlySet<string> = new Set();

/** Creates a planner for one lane graph and one vehicle speed. Throws IGV_ERR_INVALID_CONFIG on a bad speed. */
export function createRoutePlanner(laneGraph: LaneGraph, config: RoutePlannerConfig): RoutePlanner {
  const { maxSpeedMmps } = config;
  if (!Number.isInteger(maxSpeedMmps) || maxSpeedMmps <= 0) {
    throw new IgvError(IGV_ERR.INVALID_CONFIG, 'route-planner', 'maxSpeedMmps must be a positive integer', { maxSpeedMmps });
  }
  const costMs = new Map<string, number>();
  for (const id of laneGraph.laneIds) {
    const lane = laneGraph.lane(id)!;
    costMs.set(id, laneGraph.laneTravelTimeMs(lane, maxSpeedMmps));
  }
  const msPerMm = heuristicMsPerMm(laneGraph, maxSpeedMmps);

  let closed: ReadonlySet<string> = NO_CLOSURES;
  const finder: PathFinder<MapNode> = aStar<MapNode, Lane>(laneGraph.graph, {
    oriented: true,
    // Cost and blocking read only the link: the argument order of a and b differs between
    // ngraph.path finders.
    distance: (_a, _b, link) => costMs.get(link.data.id)!,
    blocked: (_a, _b, link) => closed.has(link.data.id),
    heuristic: (a, b) => Math.hypot(a.data.x - b.data.x, a.data.y - b.data.y) * msPerMm,
  });

  function search(fromNode: string, toNode: string, closures: ReadonlySet<string>): Route | undefined {
    closed = closures;
    try {
      return toRoute(finder.find(fromNode, toNode), fromNode);
    } finally {
      closed = NO_CLOSURES;
    }
  }

  function toRoute(targetFirst: readonly Node<MapNode>[], fromNode: string): Route | undefined {
    // ngraph.path's A* can return just [target] when the target was only ever seen across a
    // blocked link, so a path counts only when it really starts at the source.
    const last = targetFirst[targetFirst.length - 1];
    if (targetFirst.length < 2 || last?.id !== fromNode) return undefined;
    const nodes: string[] = [];
    for (let i = targetFirst.length - 1; i >= 0; i--) nodes.push(String(targetFirst[i]!.id));
    const lanes: string[] = [];
    let lengthMm = 0;
    let travelTimeMs = 0;
    for (let i = 1; i < nodes.length; i++) {
      const lane = laneGraph.laneBetween(nodes[i - 1]!, nodes[i]!)!;
      lanes.push(lane.id);
      lengthMm += lane.lengthMm;
      travelTimeMs += costMs.get(lane.id)!;
    }
    return { nodes, lanes, lengthMm, travelTimeMs };
  }

  function route(fromNode: string, toNode: string, options: RouteOptions = {}): RouteResult {
    const unknown = [fromNode, toNode].filter((id) => laneGraph.nodeIndex(id) < 0);
    if (unknown.length > 0) {
      return { ok: false, reason: NoRouteReason.UNKNOWN_NODE, detail: `no such node on map ${laneGraph.map.id}: ${[...new Set(unknown)].join(', ')}` };
    }
    if (fromNode === toNode) return { ok: true, route: { nodes: [fromNode], lanes: [], lengthMm: 0, travelTimeMs: 0 } };

    const closures = options.closedLanes ?? NO_CLOSURES;
    const found = search(fromNode, toNode, closures);
    if (found) return { ok: true, route: found };

    const open = closures.size > 0 ? search(fromNode, toNode, NO_CLOSURES) : undefined;
    if (!open) {
      return { ok: false, reason: NoRouteReason.UNREACHABLE, detail: `no lanes lead from ${fromNode} to ${toNode}` };
    }
    const used = open.lanes.filter((id) => closures.has(id)).sort(compareIds);
    return {
      ok: false,
      reason: NoRouteReason.BLOCKED_BY_CLOSURE,
      detail: `every route from ${fromNode} to ${toNode} uses a closed lane; the open-map route uses ${used.join(', ')}`,
      closedLanesOnRoute: used,
    };
  }

  return { laneGraph, config: Object.freeze({ ...config }), route };
}

/**
 * ms per mm of straight-line distance for the A* heuristic. It must never overestimate, so it
 * uses the fastest speed any lane allows this vehicle, and it shrinks by the smallest ratio of a
 * lane's declared length to its chord (the validator lets `lengthMm` sit up to 1 % below the
 * drawn centre line). With that, the heuristic is consistent and A* with a closed set stays exact.
 */
function heuristicMsPerMm(laneGraph: LaneGraph, maxSpeedMmps: number): number {
  let fastest = 0;
  let ratio = 1;
  for (const id of laneGraph.laneIds) {
    const lane = laneGraph.lane(id)!;
    fastest = Math.max(fastest, Math.min(lane.speedLimitMmps, maxSpeedMmps));
    const from = laneGraph.node(lane.from)!;
    const to = laneGraph.node(lane.to)!;
    const chord = Math.hypot(to.x - from.x, to.y - from.y);
    if (chord > 0) ratio = Math.min(ratio, lane.lengthMm / chord);
  }
  // A tiny safety factor absorbs floating-point rounding in the hypot sums.
  return fastest > 0 ? ((1000 / fastest) * ratio) * (1 - 1e-9) : 0;
}
