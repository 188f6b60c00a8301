/**
 * Lane points ↔ VDA 5050 nodes. The engine places a vehicle's nose at a lane point
 * `(lane, offsetMm)`; on the wire a lane point is a node: the map node at either end of the lane,
 * else the virtual node `${laneId}:${offsetMm}` inside it. Edges are (parts of) lanes, edge id =
 * lane id. Pure: geometry comes from the cell graph's lane graph.
 */
import type { CellGraph } from '../../core/graph/cell-graph.ts';
import type { NodePosition } from '../../protocol/vda5050/order.ts';
import { makeTrack, pointAt } from '../../core/motion/track.ts';

export interface LanePoint {
  readonly lane: string;
  /** mm from the lane's start, integer, 0 … lengthMm. */
  readonly offsetMm: number;
}

/** Allowed deviation of a node position, m and rad (issue-5 contract). */
export const ALLOWED_DEVIATION_XY = 0.5;
export const ALLOWED_DEVIATION_THETA = 0.35;

const VIRTUAL_RE = /^(.+):(\d+)$/;

/**
 * Node id of a lane point: `lane.from` at offset 0, `lane.to` at the lane's length, else the
 * virtual node `${lane}:${offsetMm}`. Throws on an unknown lane or an offset outside the lane.
 */
export function nodeIdOf(cells: CellGraph, lane: string, offsetMm: number): string {
  const l = cells.laneGraph.lane(lane);
  if (!l) throw new RangeError(`nodeIdOf: no lane ${lane}`);
  if (!Number.isInteger(offsetMm) || offsetMm < 0 || offsetMm > l.lengthMm) {
    throw new RangeError(`nodeIdOf: offset ${offsetMm} mm is outside lane ${lane} (0–${l.lengthMm} mm)`);
  }
  if (offsetMm === 0) return l.from;
  if (offsetMm === l.lengthMm) return l.to;
  return `${lane}:${offsetMm}`;
}

/** True when the node id names a map node (not a virtual node inside a lane). */
export function isMapNode(cells: CellGraph, nodeId: string): boolean {
  return cells.laneGraph.node(nodeId) !== undefined;
}

/**
 * The lane point of a node id, or null when the id names neither a map node with lanes nor a
 * virtual node inside a known lane. A map node lies on several lanes: it maps to the end of
 * `hintLane` if that lane ends there, else to the start of `hintLane` if it starts there, else to
 * the start of the first lane leaving it, else to the end of the first lane arriving there.
 */
export function parseNodeId(cells: CellGraph, nodeId: string, hintLane?: string): LanePoint | null {
  const lg = cells.laneGraph;
  if (lg.node(nodeId)) {
    const hint = hintLane === undefined ? undefined : lg.lane(hintLane);
    if (hint?.to === nodeId) return { lane: hint.id, offsetMm: hint.lengthMm };
    if (hint?.from === nodeId) return { lane: hint.id, offsetMm: 0 };
    const out = lg.outLanes(nodeId)[0];
    if (out) return { lane: out.id, offsetMm: 0 };
    const inn = lg.inLanes(nodeId)[0];
    if (inn) return { lane: inn.id, offsetMm: inn.lengthMm };
    return null;
  }
  const m = VIRTUAL_RE.exec(nodeId);
  if (!m) return null;
  const lane = lg.lane(m[1]!);
  const offsetMm = Number(m[2]);
  if (!lane || !Number.isSafeInteger(offsetMm) || offsetMm > lane.lengthMm) return null;
  return { lane: lane.id, offsetMm };
}

/** Map-frame pose of a lane point: x, y in mm, heading in rad (the lane's direction there). */
export function lanePose(cells: CellGraph, lane: string, offsetMm: number): { x: number; y: number; heading: number } {
  if (!cells.laneGraph.lane(lane)) throw new RangeError(`lanePose: no lane ${lane}`);
  return pointAt(cells, makeTrack(cells, [], lane, offsetMm, []), offsetMm);
}

/**
 * VDA nodePosition of a lane point: x, y in metres, theta = lane heading there (rad, [-π, π]),
 * the map id, and the contract's allowed deviations.
 */
export function nodePosition(cells: CellGraph, lane: string, offsetMm: number, mapId: string): NodePosition {
  const p = lanePose(cells, lane, offsetMm);
  return {
    x: p.x / 1000,
    y: p.y / 1000,
    theta: p.heading,
    mapId,
    allowedDeviationXY: ALLOWED_DEVIATION_XY,
    allowedDeviationTheta: ALLOWED_DEVIATION_THETA,
  };
}

/** Two lane points name the same place: equal, or a lane's end and the start of a lane leaving that node. */
export function samePlace(cells: CellGraph, a: LanePoint, b: LanePoint): boolean {
  if (a.lane === b.lane) return a.offsetMm === b.offsetMm;
  return nodeIdOf(cells, a.lane, a.offsetMm) === nodeIdOf(cells, b.lane, b.offsetMm);
}
