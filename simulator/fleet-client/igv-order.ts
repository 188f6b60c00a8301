/**
 * Order acceptance on a virtual IGV (VDA 5050 2.1, spec Fig. 8): the protocol's decision
 * (engine/protocol/vda5050/order-acceptance.ts) plus what only the vehicle can check — its
 * actions, the map, and whether a new order's first node is where it stands. A refusal keeps
 * the current order and shows as a WARNING in state.errors until an order is accepted.
 */
import type { Order } from '../../engine/protocol/vda5050/order.ts';
import type { VdaError } from '../../engine/protocol/vda5050/state.ts';
import { checkOrderActions, decideOrder, type OrderContext } from '../../engine/protocol/vda5050/order-acceptance.ts';
import { orderErrorOf } from '../../engine/protocol/vda5050/link-errors.ts';
import { flipOntoTwin } from '../../engine/core/motion/track.ts';
import { parseNodeId, ALLOWED_DEVIATION_XY } from '../../engine/runtime/vehicle-link/lane-points.ts';
import { NODE_ACTION_TYPES } from '../../engine/runtime/vehicle-link/factsheet-spec.ts';
import type { IgvCore, IgvEdge, IgvNode } from './igv-types.ts';
import { orderActionsPending, settleCancels, startNodeActions } from './igv-actions.ts';

const ORDER_ERRORS = new Set(['validationError', 'orderError', 'orderUpdateError', 'noOrderToCancel']);

/** Takes in an order (already valid against OrderSchema); refusals go to core.errors. */
export function receiveOrder(core: IgvCore, order: Order): void {
  core.stateDue = true;
  const decision = decideOrder(context(core), order);
  if (decision.kind === 'duplicate') return;
  if (decision.kind === 'reject') return refuse(core, decision.error);
  const refs = { orderId: order.orderId, orderUpdateId: order.orderUpdateId };
  const bad = checkOrderActions(order, NODE_ACTION_TYPES);
  if (bad) return refuse(core, bad);
  const wrongMap = order.nodes.find((n) => n.nodePosition && n.nodePosition.mapId !== core.o.mapId);
  if (wrongMap) return refuse(core, orderErrorOf('orderError', `node ${wrongMap.nodeId} is on map ${wrongMap.nodePosition!.mapId}, the vehicle has ${core.o.mapId}`, { ...refs, nodeId: wrongMap.nodeId }));
  const placed = place(core, order);
  if ('error' in placed) return refuse(core, orderErrorOf('orderError', placed.error, refs));
  if (decision.kind === 'start') {
    const first = order.nodes[0]!;
    const past = pastFirstNode(core, first.nodeId, order.edges[0]?.edgeId);
    const ahead = Math.max(ALLOWED_DEVIATION_XY * 1000, core.o.behindToleranceMm ?? 0);
    if (past === null || past < -ALLOWED_DEVIATION_XY * 1000 || past > ahead) {
      return refuse(core, orderErrorOf('orderError', `first node ${first.nodeId} is not where the vehicle stands (${core.v.lane} at ${core.v.offsetMm} mm)`, { ...refs, nodeId: first.nodeId }));
    }
    settleCancels(core, true);
    core.orderId = order.orderId;
    core.cancelled = false;
    core.actions = core.actions.filter((r) => r.scope === 'INSTANT');
    core.nodes = placed.nodes;
    core.edges = placed.edges;
    const node0 = core.nodes.shift()!;
    core.lastNodeId = node0.nodeId;
    core.lastNodeSequenceId = node0.sequenceId;
    core.lastNode = { lane: node0.lane, offsetMm: node0.offsetMm };
    core.odometerAtLastNode = core.v.odometerMm - Math.max(0, past);
    addActions(core, order);
    startNodeActions(core, node0, core.nowMs ?? 0);
  } else {
    // Update: the stitching node is the last base node (kept, or already traversed); the horizon is replaced.
    const keep = core.nodes.findIndex((n) => !n.released);
    if (keep >= 0) {
      core.nodes = core.nodes.slice(0, keep);
      core.edges = core.edges.slice(0, keep);
    }
    core.nodes.push(...placed.nodes.slice(1));
    core.edges.push(...placed.edges);
    addActions(core, order);
  }
  core.orderUpdateId = order.orderUpdateId;
  core.errors = core.errors.filter((e) => !ORDER_ERRORS.has(e.errorType));
  core.drive = null;
}

function context(core: IgvCore): OrderContext | null {
  if (core.orderId === '') return null;
  const base = [...core.nodes].reverse().find((n) => n.released);
  return {
    orderId: core.orderId,
    orderUpdateId: core.orderUpdateId,
    lastBaseNode: base ? { nodeId: base.nodeId, sequenceId: base.sequenceId } : { nodeId: core.lastNodeId, sequenceId: core.lastNodeSequenceId },
    idle: core.nodes.length === 0 && core.edges.length === 0 && !orderActionsPending(core),
    cancelled: core.cancelled,
  };
}

function refuse(core: IgvCore, error: VdaError): void {
  core.errors = [...core.errors.filter((e) => e.errorType !== error.errorType), error];
}

function addActions(core: IgvCore, order: Order): void {
  for (const n of order.nodes) {
    for (const a of n.actions) {
      if (!core.actions.some((r) => r.action.actionId === a.actionId)) core.actions.push({ action: a, scope: 'NODE', status: 'WAITING', untilMs: null });
    }
  }
}

/** Lane points of the order's nodes and edges, or why they do not fit the map. */
function place(core: IgvCore, order: Order): { nodes: IgvNode[]; edges: IgvEdge[] } | { error: string } {
  const { cells } = core.o;
  const nodes: IgvNode[] = [];
  const edges: IgvEdge[] = [];
  const first = order.nodes[0]!;
  const p0 = parseNodeId(cells, first.nodeId, order.edges[0]?.edgeId ?? core.v.lane);
  if (!p0) return { error: `node ${first.nodeId} is not on the map` };
  nodes.push({ ...first, lane: p0.lane, offsetMm: p0.offsetMm });
  for (let i = 0; i < order.edges.length; i++) {
    const e = order.edges[i]!;
    const to = order.nodes[i + 1]!;
    if (!cells.laneGraph.lane(e.edgeId)) return { error: `edge ${e.edgeId} is not a lane of the map` };
    const a = parseNodeId(cells, e.startNodeId, e.edgeId);
    const b = parseNodeId(cells, e.endNodeId, e.edgeId);
    if (!a || !b || a.lane !== e.edgeId || b.lane !== e.edgeId || b.offsetMm < a.offsetMm) {
      return { error: `edge ${e.edgeId} does not run from ${e.startNodeId} to ${e.endNodeId}` };
    }
    edges.push({ edgeId: e.edgeId, sequenceId: e.sequenceId, released: e.released, fromMm: a.offsetMm, toMm: b.offsetMm });
    nodes.push({ ...to, lane: e.edgeId, offsetMm: b.offsetMm });
  }
  return { nodes, edges };
}

/**
 * How far the vehicle's nose is past the node along its lane, mm (negative: before it), or null
 * when the node is not on the vehicle's lane. After a turn-round the node is the rear end on the
 * single-track twin.
 */
function pastFirstNode(core: IgvCore, nodeId: string, firstEdge: string | undefined): number | null {
  const { cells } = core.o;
  const v = core.v;
  const here = cells.lane(v.lane);
  const p = parseNodeId(cells, nodeId, v.lane);
  if (p && p.lane === v.lane) return v.offsetMm - p.offsetMm;
  if (here.singleTrackWith !== undefined && firstEdge === here.singleTrackWith) {
    const f = flipOntoTwin(cells, v.lane, v.offsetMm, v.spec.lengthMm, Number.MAX_SAFE_INTEGER);
    const q = parseNodeId(cells, nodeId, here.singleTrackWith);
    if (f && q && q.lane === f.lane) return f.offsetMm - q.offsetMm;
  }
  return null;
}
