/**
 * Vehicle side of the VDA 5050 2.1 order acceptance flow (spec Fig. 8), for an order that already
 * passed `OrderSchema`. Pure: the vehicle describes its situation, this decides.
 * Geometry (is the first node of a new order trivially reachable?) is the caller's job.
 */
import type { Order } from './order.ts';
import type { VdaError } from './state.ts';
import { orderErrorOf } from './link-errors.ts';

/** What the vehicle knows about its current order; null when it never had one. */
export interface OrderContext {
  readonly orderId: string;
  readonly orderUpdateId: number;
  /** Last released node of the current order (the stitching point); when idle, the last traversed node. */
  readonly lastBaseNode: { readonly nodeId: string; readonly sequenceId: number } | null;
  /** nodeStates/edgeStates empty and no action WAITING/INITIALIZING/RUNNING/PAUSED. */
  readonly idle: boolean;
  /** The current order was cancelled (cancelOrder). */
  readonly cancelled: boolean;
}

export type OrderDecision =
  | { readonly kind: 'start' }
  | { readonly kind: 'update' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'reject'; readonly error: VdaError };

/**
 * start: a new order replaces nothing (vehicle idle or fresh); update: stitch onto the current base;
 * duplicate: same orderId and orderUpdateId, ignore; reject: keep the current order, report the error.
 */
export function decideOrder(ctx: OrderContext | null, order: Order): OrderDecision {
  const refs = { orderId: order.orderId, orderUpdateId: order.orderUpdateId };
  const reject = (type: 'orderError' | 'orderUpdateError', description: string, extra: Record<string, string | number> = {}): OrderDecision => ({
    kind: 'reject',
    error: orderErrorOf(type, description, { ...refs, ...extra }),
  });
  if (ctx === null) return { kind: 'start' };
  if (order.orderId !== ctx.orderId) {
    if (ctx.idle) return { kind: 'start' };
    return reject('orderError', `order ${order.orderId} rejected: the vehicle is still executing order ${ctx.orderId}`);
  }
  if (order.orderUpdateId < ctx.orderUpdateId) {
    return reject('orderUpdateError', `orderUpdateId ${order.orderUpdateId} is lower than the current ${ctx.orderUpdateId}; the current order is kept`);
  }
  if (order.orderUpdateId === ctx.orderUpdateId) return { kind: 'duplicate' };
  if (ctx.cancelled) return reject('orderUpdateError', `order ${order.orderId} was cancelled; it cannot be updated (send a new orderId)`);
  const first = order.nodes[0];
  const base = ctx.lastBaseNode;
  if (!first || !base || first.nodeId !== base.nodeId || first.sequenceId !== base.sequenceId) {
    const got = first ? `${first.nodeId}/${first.sequenceId}` : 'no node';
    const want = base ? `the last base node ${base.nodeId}/${base.sequenceId}` : 'a last base node, but the order has none';
    return reject('orderUpdateError', `stitching node mismatch: the update's first node is ${got}, expected ${want} (nodeId/sequenceId)`, {
      nodeId: first?.nodeId ?? '',
    });
  }
  return { kind: 'update' };
}

/** The first node or edge action whose actionType the vehicle does not support, as an orderError; null when all are supported. */
export function checkOrderActions(order: Order, supported: readonly string[]): VdaError | null {
  const places = [
    ...order.nodes.map((n) => ({ key: 'nodeId', id: n.nodeId, actions: n.actions })),
    ...order.edges.map((e) => ({ key: 'edgeId', id: e.edgeId, actions: e.actions })),
  ];
  for (const p of places) {
    const bad = p.actions.find((a) => !supported.includes(a.actionType));
    if (bad) {
      return orderErrorOf('orderError', `action ${bad.actionId}: actionType ${bad.actionType} is not supported (supported: ${supported.join(', ')})`, {
        orderId: order.orderId,
        orderUpdateId: order.orderUpdateId,
        [p.key]: p.id,
        actionId: bad.actionId,
        actionType: bad.actionType,
      });
    }
  }
  return null;
}
