/**
 * What a virtual IGV publishes: its state (order progress, actions, loads, battery, errors,
 * position) and visualization. Payloads without the header, which the connection stamps.
 */
import type { AgvPosition, State, Velocity } from '../../engine/protocol/vda5050/state.ts';
import type { Visualization } from '../../engine/protocol/vda5050/visualization.ts';
import type { Header } from '../../engine/protocol/vda5050/header.ts';
import { vehiclePose } from '../vehicles/virtual-vehicle.ts';
import type { IgvCore } from './igv-types.ts';

export type StateBody = Omit<State, keyof Header>;
export type VisualizationBody = Omit<Visualization, keyof Header>;

function position(core: IgvCore): AgvPosition {
  const p = vehiclePose(core.o.cells, core.v);
  return { x: p.x, y: p.y, theta: p.heading, mapId: core.o.mapId, positionInitialized: core.positionInitialized };
}

function velocity(core: IgvCore): Velocity {
  return { vx: core.v.speedMmps / 1000, vy: 0, omega: 0 };
}

/** The state as of now. */
export function stateBody(core: IgvCore): StateBody {
  const v = core.v;
  const driving = v.speedMmps > 0;
  return {
    orderId: core.orderId,
    orderUpdateId: core.orderUpdateId,
    lastNodeId: core.lastNodeId,
    lastNodeSequenceId: core.lastNodeSequenceId,
    driving,
    paused: core.halt !== 'none',
    newBaseRequest: false,
    distanceSinceLastNode: core.lastNodeId === '' ? 0 : Math.max(0, v.odometerMm - core.odometerAtLastNode) / 1000,
    operatingMode: 'AUTOMATIC',
    nodeStates: core.nodes.map((n) => ({
      nodeId: n.nodeId,
      sequenceId: n.sequenceId,
      released: n.released,
      ...(n.nodePosition ? { nodePosition: n.nodePosition } : {}),
    })),
    edgeStates: core.edges.map((e) => ({ edgeId: e.edgeId, sequenceId: e.sequenceId, released: e.released })),
    agvPosition: position(core),
    velocity: velocity(core),
    loads: core.loads.map((l) => ({ ...l })),
    actionStates: core.actions.map((r) => ({
      actionId: r.action.actionId,
      actionType: r.action.actionType,
      actionStatus: r.status,
      ...(r.resultDescription !== undefined ? { resultDescription: r.resultDescription } : {}),
    })),
    batteryState: {
      batteryCharge: Math.max(0, Math.min(100, (v.socMwh / (v.spec.batteryWh * 1000)) * 100)),
      charging: core.chargeW > 0 && !driving,
    },
    errors: core.errors.map((e) => ({ ...e })),
    safetyState: { eStop: core.halt === 'emergency' ? 'REMOTE' : 'NONE', fieldViolation: false },
    maps: [{ mapId: core.o.mapId, mapVersion: '1', mapStatus: 'ENABLED' }],
  };
}

export function visualizationBody(core: IgvCore): VisualizationBody {
  return { agvPosition: position(core), velocity: velocity(core) };
}
