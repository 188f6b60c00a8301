/**
 * Small valid sample messages for tests and fixtures (ours and other modules').
 * Deterministic: fixed timestamps, no clocks.
 */
import { VDA_VERSION, vdaTimestamp } from './header.ts';
import type { Header } from './header.ts';
import type { Action } from './action.ts';
import type { Order, OrderEdge, OrderNode } from './order.ts';
import type { State } from './state.ts';
import type { InstantActions } from './instant-actions.ts';
import type { Connection, ConnectionState } from './connection.ts';
import type { Visualization } from './visualization.ts';
import type { Factsheet } from './factsheet.ts';
import { ACTION_TYPES } from './action.ts';

export const SAMPLE_MANUFACTURER = 'VIRTUAL';
export const SAMPLE_SERIAL = 'IGV-01';
export const SAMPLE_MAP_ID = 'bac-luan-2.phase1';
/** 2025-01-01T00:00:00.00Z */
export const SAMPLE_EPOCH_MS = Date.UTC(2025, 0, 1);

export function sampleHeader(overrides: Partial<Header> = {}): Header {
  return {
    headerId: 1,
    timestamp: vdaTimestamp(SAMPLE_EPOCH_MS),
    version: VDA_VERSION,
    manufacturer: SAMPLE_MANUFACTURER,
    serialNumber: SAMPLE_SERIAL,
    ...overrides,
  };
}

/** An idle, charged vehicle without an order, at (0, 0) on the sample map. */
export function sampleState(overrides: Partial<State> = {}): State {
  return {
    ...sampleHeader(),
    orderId: '',
    orderUpdateId: 0,
    lastNodeId: '',
    lastNodeSequenceId: 0,
    driving: false,
    paused: false,
    operatingMode: 'AUTOMATIC',
    nodeStates: [],
    edgeStates: [],
    agvPosition: { x: 0, y: 0, theta: 0, mapId: SAMPLE_MAP_ID, positionInitialized: true },
    velocity: { vx: 0, vy: 0, omega: 0 },
    loads: [],
    actionStates: [],
    batteryState: { batteryCharge: 80, charging: false },
    errors: [],
    safetyState: { eStop: 'NONE', fieldViolation: false },
    ...overrides,
  };
}

export interface SampleOrderOptions {
  readonly orderId: string;
  readonly orderUpdateId: number;
  /** Node ids in traversal order; edges join consecutive nodes. */
  readonly nodeIds: readonly string[];
  /** How many nodes (from the first) are released; the edges between them are released too. */
  readonly releasedNodes: number;
  /** sequenceId of the first node (even; > 0 only for an update). */
  readonly firstSequenceId: number;
  /** Actions on the last node. */
  readonly lastNodeActions: readonly Action[];
  readonly header: Partial<Header>;
}

/** A straight order along x, 10 m between nodes, 2 m/s edges; all released unless told otherwise. */
export function sampleOrder(options: Partial<SampleOrderOptions> = {}): Order {
  const ids = options.nodeIds ?? ['n1', 'n2', 'n3'];
  const released = options.releasedNodes ?? ids.length;
  const s0 = options.firstSequenceId ?? 0;
  const nodes: OrderNode[] = ids.map((nodeId, i) => ({
    nodeId,
    sequenceId: s0 + 2 * i,
    released: i < released,
    nodePosition: { x: 10 * i, y: 0, theta: 0, mapId: SAMPLE_MAP_ID, allowedDeviationXY: 0.5, allowedDeviationTheta: 0.35 },
    actions: i === ids.length - 1 ? [...(options.lastNodeActions ?? [])] : [],
  }));
  const edges: OrderEdge[] = ids.slice(1).map((endNodeId, i) => ({
    edgeId: `e${i + 1}`,
    sequenceId: s0 + 2 * i + 1,
    released: i + 1 < released,
    startNodeId: ids[i]!,
    endNodeId,
    maxSpeed: 2,
    length: 10,
    actions: [],
  }));
  return {
    ...sampleHeader(options.header),
    orderId: options.orderId ?? 'order-1',
    orderUpdateId: options.orderUpdateId ?? 0,
    nodes,
    edges,
  };
}

export function sampleInstantActions(actions: readonly Action[] = [sampleAction('stateRequest')], header: Partial<Header> = {}): InstantActions {
  return { ...sampleHeader(header), actions: [...actions] };
}

export function sampleAction(actionType: string, actionId = `${actionType}-1`, overrides: Partial<Action> = {}): Action {
  return { actionType, actionId, blockingType: 'NONE', ...overrides };
}

export function sampleConnection(connectionState: ConnectionState = 'ONLINE', header: Partial<Header> = {}): Connection {
  return { ...sampleHeader(header), connectionState };
}

export function sampleVisualization(header: Partial<Header> = {}): Visualization {
  return {
    ...sampleHeader(header),
    agvPosition: { x: 0, y: 0, theta: 0, mapId: SAMPLE_MAP_ID, positionInitialized: true },
    velocity: { vx: 0, vy: 0, omega: 0 },
  };
}

/** A factsheet of a virtual IGV carrying one container, supporting all ACTION_TYPES. */
export function sampleFactsheet(serial: string = SAMPLE_SERIAL): Factsheet {
  return {
    ...sampleHeader({ serialNumber: serial }),
    typeSpecification: {
      seriesName: 'IGV-virtual',
      seriesDescription: 'virtual intelligent guided vehicle (simulator)',
      agvKinematic: 'DIFF',
      agvClass: 'CARRIER',
      maxLoadMass: 40_000,
      localizationTypes: ['NATURAL'],
      navigationTypes: ['VIRTUAL_LINE_GUIDED'],
    },
    physicalParameters: { speedMin: 0, speedMax: 5, accelerationMax: 0.5, decelerationMax: 1, heightMax: 3, width: 3, length: 15 },
    protocolLimits: {
      maxStringLens: { msgLen: 65_536 },
      maxArrayLens: { 'order.nodes': 256, 'order.edges': 255 },
      timing: { minOrderInterval: 0.1, minStateInterval: 0.1, defaultStateInterval: 30 },
    },
    protocolFeatures: {
      optionalParameters: [{ parameter: 'order.edges.maxSpeed', support: 'SUPPORTED' }],
      agvActions: ACTION_TYPES.map((actionType) => ({
        actionType,
        actionScopes: actionType === 'pick' || actionType === 'drop' ? ['NODE'] : ['INSTANT'],
      })),
    },
    agvGeometry: {},
    loadSpecification: { loadSets: [{ setName: 'container', loadType: 'ISO-container' }] },
  };
}
