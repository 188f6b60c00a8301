/**
 * The inside of a virtual IGV speaking VDA 5050: its order (what is still to traverse, with the
 * lane point of every node and edge), its actions, loads, pause and charging, and the in-process
 * kinematics (simulator/vehicles/virtual-vehicle.ts) that actually move it.
 */
import type { CellGraph } from '../../engine/core/graph/cell-graph.ts';
import type { VehicleCommand } from '../../engine/core/model/vehicle-command.ts';
import type { Action } from '../../engine/protocol/vda5050/action.ts';
import type { NodePosition } from '../../engine/protocol/vda5050/order.ts';
import type { ActionStatus, Load, VdaError } from '../../engine/protocol/vda5050/state.ts';
import type { VirtualVehicleState } from '../vehicles/virtual-vehicle.ts';

/** A node still to traverse; its lane point is where the edge leading to it ends. */
export interface IgvNode {
  readonly nodeId: string;
  readonly sequenceId: number;
  readonly released: boolean;
  readonly nodePosition?: NodePosition;
  readonly actions: readonly Action[];
  readonly lane: string;
  readonly offsetMm: number;
}

/** An edge still to traverse: the stretch [fromMm, toMm] of lane `edgeId`. */
export interface IgvEdge {
  readonly edgeId: string;
  readonly sequenceId: number;
  readonly released: boolean;
  readonly fromMm: number;
  readonly toMm: number;
}

export interface ActionRecord {
  readonly action: Action;
  readonly scope: 'INSTANT' | 'NODE';
  status: ActionStatus;
  /** Vehicle time the running action ends, ms. */
  untilMs: number | null;
  resultDescription?: string;
}

/** The kinematic command in force and where the nodes it drives to lie on its lanes. */
export interface Drive {
  readonly key: string;
  readonly command: VehicleCommand;
  /** Track coordinate (mm from the start of command.lanes[0]) of each node still to traverse, up to the stop node. */
  readonly nodeAt: readonly number[];
  readonly starts: readonly number[];
}

export interface IgvOptions {
  readonly serialNumber: string;
  readonly manufacturer: string;
  readonly cells: CellGraph;
  readonly mapId: string;
  /** Kinematic step, ms (the engine's tick). */
  readonly tickMs: number;
  /** How long a pick or drop takes, ms. */
  readonly handlingMs?: number;
  /**
   * How far behind the vehicle the first node of a new order may lie on its lane, mm: a master
   * on a wall clock sees the vehicle a little late. The allowed deviation (0.5 m) otherwise.
   */
  readonly behindToleranceMm?: number;
}

export interface IgvCore {
  readonly o: IgvOptions;
  readonly v: VirtualVehicleState;
  /** Vehicle clock, epoch ms; null until set (a master-clocked vehicle takes the master's first time stamp). */
  nowMs: number | null;
  orderId: string;
  orderUpdateId: number;
  cancelled: boolean;
  lastNodeId: string;
  lastNodeSequenceId: number;
  /** Lane point of the last traversed node (for a new order's reachability and for updates). */
  lastNode: { lane: string; offsetMm: number } | null;
  /** Odometer reading at the last traversed node, mm. */
  odometerAtLastNode: number;
  nodes: IgvNode[];
  edges: IgvEdge[];
  actions: ActionRecord[];
  loads: Load[];
  halt: VehicleCommand['halt'];
  chargeW: number;
  errors: VdaError[];
  drive: Drive | null;
  /** Something a state should report happened since the last state. */
  stateDue: boolean;
  /** Position was set (by placement or initPosition). */
  positionInitialized: boolean;
}
