/**
 * Rebuilding a session from what the vehicle says it is doing: after the link was re-opened
 * (the master may have restarted and forgotten what it sent) or after the vehicle refused an
 * order. The last traversed node and the node/edge states still to go are the base the vehicle
 * holds; the next command then stitches onto it, or cancels it, as usual.
 */
import type { CellGraph } from '../../core/graph/cell-graph.ts';
import type { State } from '../../protocol/vda5050/state.ts';
import type { OrderSession } from './order-session.ts';
import type { SentEdge, SentNode } from './order-parts.ts';
import { parseNodeId } from './lane-points.ts';

/**
 * Makes the session describe the vehicle's own order (`hintLane`: the engine's lane for the vehicle). When the vehicle has none, or its nodes
 * cannot be placed on this map, the session keeps the order id with no nodes: the next command
 * then cancels it and starts afresh.
 */
export function adoptVehicleOrder(session: OrderSession, state: State, cells: CellGraph, hintLane?: string): void {
  // Order ids this side hands out must not repeat the vehicle's (a restarted master counts from 1 again).
  const n = new RegExp(`^${escapeRe(session.serialNumber)}-(\\d+)$`).exec(state.orderId)?.[1];
  if (n !== undefined) session.orders = Math.max(session.orders, Number(n));
  const idle = state.nodeStates.length === 0 && state.actionStates.every((a) => a.actionStatus === 'FINISHED' || a.actionStatus === 'FAILED');
  // An idle vehicle takes any new order; its old one (done, or cancelled) cannot be updated.
  session.orderId = state.orderId === '' || idle ? null : state.orderId;
  session.orderUpdateId = state.orderUpdateId;
  session.lastSeq = state.lastNodeSequenceId;
  session.idle = idle;
  session.halt = state.paused ? 'service' : 'none';
  // Unknown: any charging power the engine asks for differs, so it is sent again.
  session.chargeW = state.batteryState.charging ? -1 : 0;
  session.nodes = [];
  session.edges = [];
  session.reportedAtMm = 0;
  if (session.orderId === null || state.lastNodeId === '') return;
  const nodes = state.nodeStates.filter((n) => n.released).sort((a, b) => a.sequenceId - b.sequenceId);
  const edges = state.edgeStates.filter((e) => e.released).sort((a, b) => a.sequenceId - b.sequenceId);
  // The engine puts a vehicle standing at a map node at the end of the lane it came by.
  const onHint = parseNodeId(cells, state.lastNodeId, hintLane);
  const start = onHint && onHint.lane === hintLane ? onHint : parseNodeId(cells, state.lastNodeId, edges[0]?.edgeId);
  if (!start) return;
  const rebuilt: SentNode[] = [{ node: { nodeId: state.lastNodeId, sequenceId: state.lastNodeSequenceId, released: true, actions: [] }, ...start, atMm: 0 }];
  const rebuiltEdges: SentEdge[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k]!;
    const e = edges[k];
    const prev = rebuilt.at(-1)!;
    if (!e || e.sequenceId !== prev.node.sequenceId + 1 || n.sequenceId !== e.sequenceId + 1) return;
    const end = parseNodeId(cells, n.nodeId, e.edgeId);
    if (!end || end.lane !== e.edgeId) return;
    const fromMm = prev.lane === e.edgeId ? prev.offsetMm : 0;
    if (end.offsetMm < fromMm) return;
    rebuiltEdges.push({
      edge: { edgeId: e.edgeId, sequenceId: e.sequenceId, released: true, startNodeId: prev.node.nodeId, endNodeId: n.nodeId, actions: [] },
      lane: e.edgeId,
      fromMm,
      toMm: end.offsetMm,
      atMm: prev.atMm,
    });
    rebuilt.push({ node: { nodeId: n.nodeId, sequenceId: n.sequenceId, released: true, ...(n.nodePosition ? { nodePosition: n.nodePosition } : {}), actions: [] }, ...end, atMm: prev.atMm + end.offsetMm - fromMm });
  }
  session.nodes = rebuilt;
  session.edges = rebuiltEdges;
  const d = Math.round((state.distanceSinceLastNode ?? 0) * 1000);
  session.reportedAtMm = d;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
