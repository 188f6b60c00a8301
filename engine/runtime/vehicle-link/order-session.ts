/**
 * Master side of one vehicle link: turns the engine's VehicleCommands into VDA 5050 messages.
 * The released base is exactly the space the engine holds for the vehicle (never beyond the
 * command's limit). While the engine's path continues through the last base node, the base
 * grows by order updates stitched onto that node; when the path diverges or the limit moves
 * back behind it, the order is cancelled and a new one starts where the vehicle stands.
 * Halt and charging changes become instant actions. No horizon is sent.
 */
import type { VehicleCommand } from '../../core/model/vehicle-command.ts';
import type { VehicleState } from '../../core/model/world.ts';
import type { Action } from '../../protocol/vda5050/action.ts';
import type { Order } from '../../protocol/vda5050/order.ts';
import { headerFor, type LinkContext, type MasterMessage } from './link-context.ts';
import { commandPath, coordOf, piecesBetween, type CommandPath } from './command-path.ts';
import { extendBase, sentNode, stopAction, type SentEdge, type SentNode } from './order-parts.ts';

export interface OrderSession {
  readonly serialNumber: string;
  /** Orders started so far (the n of `${serial}-${n}`). */
  orders: number;
  /** Action ids handed out so far. */
  actions: number;
  orderId: string | null;
  orderUpdateId: number;
  /** Nodes and edges of the current order still of interest, in sequence order; the last node is the last base node. */
  nodes: SentNode[];
  edges: SentEdge[];
  halt: VehicleCommand['halt'];
  chargeW: number;
  /** Sequence id of the last node the vehicle reported traversed in the current order, -1 before any. */
  lastSeq: number;
  /** Where the last report put the vehicle, mm along the current order (for the odometer). */
  reportedAtMm: number;
  /** The last state said: nothing left to traverse and no action pending. */
  idle: boolean;
}

export function createOrderSession(serialNumber: string): OrderSession {
  return { serialNumber, orders: 0, actions: 0, orderId: null, orderUpdateId: 0, nodes: [], edges: [], halt: 'none', chargeW: 0, lastSeq: -1, reportedAtMm: 0, idle: true };
}

/** How many traversed nodes the session keeps behind the vehicle before forgetting them. */
const KEEP_BEHIND = 32;

/**
 * The messages that carry `cmd` to the vehicle (instantActions first, then at most one order).
 * `vehicle` is the engine's record of the same tick (its lane, offset, route and task).
 * Mutates the session to remember what was sent.
 */
export function commandToMessages(session: OrderSession, cmd: VehicleCommand, vehicle: VehicleState, ctx: LinkContext): MasterMessage[] {
  const instant: Action[] = [];
  const action = (actionType: string, parameters: Action['actionParameters'] = undefined): Action => ({
    actionType,
    actionId: `${session.serialNumber}-i${++session.actions}`,
    blockingType: 'NONE',
    ...(parameters ? { actionParameters: parameters } : {}),
  });
  let order: Order | null = null;
  const path = commandPath(ctx.cells, cmd, vehicle);
  if (path) {
    const stitch = stitchIndex(session, path, ctx);
    const limitAt = coordOf(ctx.cells, path.lanes, path.limitIndex, path.limitMm);
    if (stitch !== null && limitAt >= stitch.at) {
      if (limitAt > stitch.at) order = update(session, path, stitch.index, cmd, vehicle, ctx);
    } else if (session.orderId !== null || limitAt > path.startMm) {
      // A vehicle without an order that may not move needs none yet.
      if (session.orderId !== null && !finished(session)) instant.push(action('cancelOrder'));
      order = startOrder(session, path, cmd, vehicle, ctx);
    }
  }
  if (cmd.halt !== session.halt) {
    if (cmd.halt === 'none') instant.push(action('stopPause'));
    else instant.push(action('startPause', cmd.halt === 'emergency' ? [{ key: 'emergency', value: true }] : undefined));
    session.halt = cmd.halt;
  }
  if (cmd.chargeW !== session.chargeW) {
    instant.push(cmd.chargeW > 0 ? action('startCharging', [{ key: 'powerW', value: cmd.chargeW }]) : action('stopCharging'));
    session.chargeW = cmd.chargeW;
  }
  const out: MasterMessage[] = [];
  if (instant.length > 0) out.push({ topic: 'instantActions', payload: { ...headerFor(ctx, 'instantActions'), actions: instant } });
  if (order) out.push({ topic: 'order', payload: order });
  return out;
}

/**
 * The vehicle reported the whole base traversed and nothing pending: a new order needs no
 * cancelOrder first (which would only earn a noOrderToCancel warning).
 */
function finished(session: OrderSession): boolean {
  const last = session.nodes.at(-1);
  return last !== undefined && session.lastSeq >= last.node.sequenceId && session.idle;
}

/**
 * Where the last base node lies on the new path (lane index and track coordinate), or null when
 * the path does not continue the base: the lanes from the nose up to that node must be the last
 * lanes sent.
 */
function stitchIndex(session: OrderSession, path: CommandPath, ctx: LinkContext): { index: number; at: number } | null {
  const last = session.nodes.at(-1);
  if (session.orderId === null || !last) return null;
  const i = path.lanes.findIndex((l, k) => l === last.lane && (k > 0 || last.offsetMm >= path.startMm));
  if (i < 0) return null;
  const sent: string[] = [];
  for (const lane of [session.nodes[0]!.lane, ...session.edges.map((e) => e.lane)]) if (sent.at(-1) !== lane) sent.push(lane);
  if (sent.length < i + 1) return null;
  for (let j = 0; j <= i; j++) if (sent[sent.length - 1 - (i - j)] !== path.lanes[j]) return null;
  return { index: i, at: coordOf(ctx.cells, path.lanes, i, last.offsetMm) };
}

function header(session: OrderSession, ctx: LinkContext) {
  return { ...headerFor(ctx, 'order'), orderId: session.orderId!, orderUpdateId: session.orderUpdateId };
}

/** The pick/drop for the node at the end of the vehicle's route, when the new base reaches it. */
function actionsAtEnd(session: OrderSession, path: CommandPath, cmd: VehicleCommand, vehicle: VehicleState, ctx: LinkContext): Action[] {
  const leg = vehicle.task?.legs[vehicle.task.legIndex];
  if (!leg || vehicle.task?.serviceUntilMs !== null) return [];
  const limitLane = path.lanes[path.limitIndex]!;
  const atRouteEnd = cmd.limitLaneIndex === vehicle.route.length && path.limitMm === ctx.cells.lane(limitLane).lengthMm && ctx.cells.lane(limitLane).to === leg.node;
  if (!atRouteEnd) return [];
  const a = stopAction(ctx, leg, `${session.serialNumber}-a${session.actions + 1}`);
  if (!a) return [];
  session.actions++;
  return [a];
}

function update(session: OrderSession, path: CommandPath, index: number, cmd: VehicleCommand, vehicle: VehicleState, ctx: LinkContext): Order {
  const stitch = session.nodes.at(-1)!;
  const pieces = piecesBetween(ctx.cells, path.lanes, index, stitch.offsetMm, path.limitIndex, path.limitMm);
  const grown = extendBase(ctx, stitch, pieces, actionsAtEnd(session, path, cmd, vehicle, ctx));
  session.orderUpdateId++;
  session.nodes.push(...grown.nodes);
  session.edges.push(...grown.edges);
  prune(session);
  return { ...header(session, ctx), nodes: [stitch.node, ...grown.nodes.map((n) => n.node)], edges: grown.edges.map((e) => e.edge) };
}

function startOrder(session: OrderSession, path: CommandPath, cmd: VehicleCommand, vehicle: VehicleState, ctx: LinkContext): Order {
  session.orderId = `${session.serialNumber}-${++session.orders}`;
  session.orderUpdateId = 0;
  session.lastSeq = -1;
  session.reportedAtMm = 0;
  session.idle = false;
  const first = sentNode(ctx, path.lanes[0]!, path.startMm, 0, 0);
  const limitAt = coordOf(ctx.cells, path.lanes, path.limitIndex, path.limitMm);
  const pieces = limitAt > path.startMm ? piecesBetween(ctx.cells, path.lanes, 0, path.startMm, path.limitIndex, path.limitMm) : [];
  const grown = extendBase(ctx, first, pieces, pieces.length > 0 ? actionsAtEnd(session, path, cmd, vehicle, ctx) : []);
  session.nodes = [first, ...grown.nodes];
  session.edges = grown.edges;
  return { ...header(session, ctx), nodes: session.nodes.map((n) => n.node), edges: session.edges.map((e) => e.edge) };
}

/** Forgets nodes and edges well behind the vehicle, so an order updated for days stays small. */
function prune(session: OrderSession): void {
  if (session.nodes.length <= 4 * KEEP_BEHIND) return;
  const keepFrom = session.lastSeq - 2 * KEEP_BEHIND;
  const k = session.nodes.findIndex((n) => n.node.sequenceId >= keepFrom);
  if (k <= 0) return;
  const seq = session.nodes[k]!.node.sequenceId;
  session.nodes = session.nodes.slice(k);
  session.edges = session.edges.filter((e) => e.edge.sequenceId > seq);
}
