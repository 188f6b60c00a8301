/**
 * Master side: a vehicle's VDA 5050 state as engine commands. A known vehicle becomes a
 * VehicleReport (its nose's lane point worked out from the last traversed node and the distance
 * since, against the nodes and edges this session sent); an unknown one with a known position
 * becomes an AddVehicle. Anything not understood is listed in `problems`, never thrown.
 */
import type { Command } from '../../core/model/commands.ts';
import type { VehicleState } from '../../core/model/world.ts';
import type { CellGraph } from '../../core/graph/cell-graph.ts';
import type { State } from '../../protocol/vda5050/state.ts';
import type { Factsheet } from '../../protocol/vda5050/factsheet.ts';
import type { OrderSession } from './order-session.ts';
import { isMapNode, lanePose, parseNodeId, type LanePoint } from './lane-points.ts';
import { specFromFactsheet } from './factsheet-spec.ts';

type Lane = ReturnType<CellGraph['lane']>;

export interface StateContext {
  readonly cells: CellGraph;
  /** The vehicle's factsheet, when it sent one (spec of a joining vehicle). */
  readonly factsheet?: Factsheet | null;
}

export interface StateOutcome {
  readonly commands: Command[];
  readonly problems: string[];
}

/** Where the state puts the nose, and how far along the current order (null when not on it). */
interface Located extends LanePoint {
  readonly atMm: number | null;
}

/**
 * The engine commands a state stands for. Updates the session's view of the vehicle's progress
 * (last traversed node, idle, where it was reported).
 */
export function stateToCommands(session: OrderSession, state: State, vehicle: VehicleState | undefined, ctx: StateContext): StateOutcome {
  const problems: string[] = [];
  for (const e of state.errors) {
    if (e.errorLevel === 'FATAL') problems.push(`FATAL ${e.errorType}: ${e.errorDescription ?? ''}`.trim());
  }
  const onOrder = session.orderId !== null && state.orderId === session.orderId;
  if (onOrder) {
    session.lastSeq = state.lastNodeSequenceId;
    session.idle = state.nodeStates.length === 0 && state.actionStates.every((a) => a.actionStatus === 'FINISHED' || a.actionStatus === 'FAILED');
  }
  const where = locate(session, state, ctx.cells, onOrder, vehicle?.lane);
  if (!vehicle) {
    if (!where) {
      problems.push(`vehicle ${state.serialNumber} is not localized (lastNodeId ${JSON.stringify(state.lastNodeId)}): not added`);
      return { commands: [], problems };
    }
    const atNode = isMapNode(ctx.cells, state.lastNodeId) && (state.distanceSinceLastNode ?? 0) === 0;
    const inLane = atNode ? arrivedBy(ctx.cells, state) : null;
    return {
      commands: [{
        kind: 'AddVehicle',
        vehicleId: state.serialNumber,
        spec: ctx.factsheet ? specFromFactsheet(ctx.factsheet) : {},
        at: inLane ? { lane: inLane.id, offsetMm: inLane.lengthMm } : atNode ? { node: state.lastNodeId } : { lane: where.lane, offsetMm: where.offsetMm },
        socPercent: Math.max(0, Math.min(100, state.batteryState.batteryCharge)),
      }],
      problems,
    };
  }
  let lane = vehicle.lane;
  let offsetMm = vehicle.offsetMm;
  let driven = 0;
  if (where) {
    lane = where.lane;
    offsetMm = where.offsetMm;
    if (where.atMm !== null) {
      driven = Math.max(0, where.atMm - session.reportedAtMm);
      session.reportedAtMm = where.atMm;
    } else if (lane === vehicle.lane) driven = Math.max(0, offsetMm - vehicle.offsetMm);
  } else if (state.lastNodeId !== '') problems.push(`unknown lastNodeId ${state.lastNodeId}: position kept`);
  const v = state.velocity;
  const speed = state.driving && v ? Math.round(Math.hypot(v.vx ?? 0, v.vy ?? 0) * 1000) : 0;
  return {
    commands: [{
      kind: 'VehicleReport',
      vehicleId: vehicle.id,
      lane,
      offsetMm,
      speedMmps: speed,
      socWh: Math.max(0, Math.round((state.batteryState.batteryCharge * vehicle.spec.batteryWh) / 100)),
      odometerMm: vehicle.odometerMm + driven,
    }],
    problems,
  };
}

/**
 * Of several lanes arriving at the vehicle's map node, the one it came by: the one whose heading
 * at the node is nearest the vehicle's. Null when the node alone says where it stands.
 */
function arrivedBy(cells: CellGraph, state: State): Lane | null {
  const ins = cells.laneGraph.inLanes(state.lastNodeId);
  const theta = state.agvPosition?.theta;
  if (ins.length < 2 || theta === undefined) return null;
  let best: Lane | null = null;
  let bestDiff = Infinity;
  for (const lane of ins) {
    const h = lanePose(cells, lane.id, lane.lengthMm).heading;
    const diff = Math.abs(Math.atan2(Math.sin(h - theta), Math.cos(h - theta)));
    if (diff < bestDiff) {
      best = lane;
      bestDiff = diff;
    }
  }
  return best;
}

/**
 * The nose's lane point: on the edge after the last node when the vehicle has left it, else at
 * the node itself (the end of the edge that led there). Falls back to the node id alone when the
 * node is not one this session sent.
 */
function locate(session: OrderSession, state: State, cells: CellGraph, onOrder: boolean, hintLane: string | undefined): Located | null {
  if (state.lastNodeId === '') return null;
  const d = Math.max(0, Math.round((state.distanceSinceLastNode ?? 0) * 1000));
  const node = onOrder ? session.nodes.find((n) => n.node.sequenceId === state.lastNodeSequenceId && n.node.nodeId === state.lastNodeId) : undefined;
  if (node) {
    const edge = session.edges.find((e) => e.edge.sequenceId === node.node.sequenceId + 1);
    if (d > 0 && edge) {
      const offsetMm = Math.min(edge.fromMm + d, edge.toMm);
      return { lane: edge.lane, offsetMm, atMm: edge.atMm + (offsetMm - edge.fromMm) };
    }
    return { lane: node.lane, offsetMm: node.offsetMm, atMm: node.atMm };
  }
  const p = parseNodeId(cells, state.lastNodeId, hintLane);
  if (!p) return null;
  const len = cells.lane(p.lane).lengthMm;
  return { lane: p.lane, offsetMm: Math.min(len, p.offsetMm + d), atMm: null };
}
