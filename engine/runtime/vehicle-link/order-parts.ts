/**
 * The pieces of the orders the master sends: released nodes and edges built from lane stretches,
 * the pick/drop node action at a task stop, and the session records that remember where each
 * sent node and edge lies on the map.
 */
import type { Action } from '../../protocol/vda5050/action.ts';
import type { OrderEdge, OrderNode } from '../../protocol/vda5050/order.ts';
import type { Leg } from '../../core/model/world.ts';
import type { LinkContext } from './link-context.ts';
import type { Piece } from './command-path.ts';
import { nodeIdOf, nodePosition } from './lane-points.ts';

/** A node as sent, with its lane point (the end of the edge that led to it) and its distance from the order's first node. */
export interface SentNode {
  readonly node: OrderNode;
  readonly lane: string;
  readonly offsetMm: number;
  /** mm along the order from its first node. */
  readonly atMm: number;
}

/** An edge as sent: a stretch [fromMm, toMm] of one lane. */
export interface SentEdge {
  readonly edge: OrderEdge;
  readonly lane: string;
  readonly fromMm: number;
  readonly toMm: number;
  /** mm along the order where the edge starts. */
  readonly atMm: number;
}

/** A released node at a lane point. */
export function sentNode(ctx: LinkContext, lane: string, offsetMm: number, sequenceId: number, atMm: number, actions: Action[] = []): SentNode {
  return {
    node: {
      nodeId: nodeIdOf(ctx.cells, lane, offsetMm),
      sequenceId,
      released: true,
      nodePosition: nodePosition(ctx.cells, lane, offsetMm, ctx.mapId),
      actions,
    },
    lane,
    offsetMm,
    atMm,
  };
}

/**
 * Released edges and nodes for `pieces`, continuing after `from` (sequence ids +1, +2 …).
 * `actionsAtLast` go on the last new node.
 */
export function extendBase(ctx: LinkContext, from: SentNode, pieces: readonly Piece[], actionsAtLast: Action[] = []): { nodes: SentNode[]; edges: SentEdge[] } {
  const nodes: SentNode[] = [];
  const edges: SentEdge[] = [];
  let prev = from;
  pieces.forEach((p, k) => {
    const length = p.toMm - p.fromMm;
    const lane = ctx.cells.lane(p.lane);
    const node = sentNode(ctx, p.lane, p.toMm, prev.node.sequenceId + 2, prev.atMm + length, k === pieces.length - 1 ? actionsAtLast : []);
    edges.push({
      edge: {
        edgeId: p.lane,
        sequenceId: prev.node.sequenceId + 1,
        released: true,
        startNodeId: prev.node.nodeId,
        endNodeId: node.node.nodeId,
        maxSpeed: lane.speedLimitMmps / 1000,
        length: length / 1000,
        actions: [],
      },
      lane: p.lane,
      fromMm: p.fromMm,
      toMm: p.toMm,
      atMm: prev.atMm,
    });
    nodes.push(node);
    prev = node;
  });
  return { nodes, edges };
}

/**
 * The pick/drop action for a task stop: HARD, with the load id(s) of the leg's engine order and
 * the station. Null for legs that are not a pick or a drop.
 */
export function stopAction(ctx: LinkContext, leg: Leg, actionId: string): Action | null {
  if (leg.action !== 'pick' && leg.action !== 'drop') return null;
  const loadId = leg.orderId === null ? undefined : (ctx.loadIdOf?.(leg.orderId) ?? leg.orderId);
  return {
    actionType: leg.action,
    actionId,
    blockingType: 'HARD',
    actionParameters: [
      ...(loadId !== undefined ? [{ key: 'loadId', value: loadId }] : []),
      { key: 'stationName', value: leg.station },
    ],
  };
}
