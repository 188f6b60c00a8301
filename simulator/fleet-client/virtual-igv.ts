/**
 * A virtual IGV as a VDA 5050 2.1 vehicle: it takes orders and instant actions, drives its
 * released base with the headless simulator's kinematics (so motion is exactly the simulator's)
 * and reports state and visualization. No sockets and no clock of its own: `advanceTo` moves
 * its time on in whole kinematic steps; the fleet client decides when (wall clock or master).
 */
import type { VehicleSpec } from '../../engine/core/model/vehicle-spec.ts';
import type { Order } from '../../engine/protocol/vda5050/order.ts';
import type { InstantActions } from '../../engine/protocol/vda5050/instant-actions.ts';
import type { VdaError } from '../../engine/protocol/vda5050/state.ts';
import type { Factsheet } from '../../engine/protocol/vda5050/factsheet.ts';
import { orderErrorOf } from '../../engine/protocol/vda5050/link-errors.ts';
import { nodeIdOf } from '../../engine/runtime/vehicle-link/lane-points.ts';
import { factsheetFromSpec } from '../../engine/runtime/vehicle-link/factsheet-spec.ts';
import { createVirtualVehicle } from '../vehicles/virtual-vehicle.ts';
import type { IgvCore, IgvOptions } from './igv-types.ts';
import { stepDrive } from './igv-drive.ts';
import { finishNodeActions, instantAction, settleCancels } from './igv-actions.ts';
import { receiveOrder } from './igv-order.ts';
import { stateBody, visualizationBody, type StateBody, type VisualizationBody } from './igv-report.ts';

export interface IgvStart {
  readonly spec: VehicleSpec;
  readonly lane: string;
  readonly offsetMm: number;
  readonly trail: readonly string[];
  readonly socPercent: number;
}

export interface VirtualIgv {
  readonly serialNumber: string;
  /** The inside, for inspection (tests, progress lines); not to be changed from outside. */
  readonly core: IgvCore;
  /** Vehicle time, epoch ms; null until set. */
  nowMs(): number | null;
  /** Sets the clock when it is not set yet (a master-clocked vehicle adopts the master's time). */
  syncClock(ms: number): void;
  /** Drives on to `ms` in whole steps of tickMs (a remainder waits for the next call). */
  advanceTo(ms: number): void;
  onOrder(order: Order): void;
  /** Carries out instant actions; says whether a state or a factsheet was asked for. */
  onInstantActions(message: InstantActions): { stateRequested: boolean; factsheetRequested: boolean };
  /** A master message that failed validation: an order or instant action the vehicle cannot take. */
  onInvalid(error: VdaError): void;
  /** True when something happened that a state should report. */
  stateDue(): boolean;
  /** The state now (clears `stateDue`). */
  state(): StateBody;
  visualization(): VisualizationBody;
  factsheet(headerId: number, timestamp: string): Factsheet;
}

export function createVirtualIgv(o: IgvOptions, start: IgvStart): VirtualIgv {
  const socWh = Math.round((start.spec.batteryWh * start.socPercent) / 100);
  const v = createVirtualVehicle(o.serialNumber, start.spec, start.lane, start.offsetMm, start.trail, socWh);
  const core: IgvCore = {
    o, v, nowMs: null, orderId: '', orderUpdateId: 0, cancelled: false,
    lastNodeId: nodeIdOf(o.cells, start.lane, start.offsetMm), lastNodeSequenceId: 0,
    lastNode: { lane: start.lane, offsetMm: start.offsetMm }, odometerAtLastNode: 0,
    nodes: [], edges: [], actions: [], loads: [], halt: 'none', chargeW: 0, errors: [], drive: null, stateDue: true, positionInitialized: true,
  };
  return {
    serialNumber: o.serialNumber,
    core,
    nowMs: () => core.nowMs,
    syncClock(ms) {
      core.nowMs ??= ms;
    },
    advanceTo(ms) {
      if (core.nowMs === null) {
        core.nowMs = ms;
        return;
      }
      for (let t: number = core.nowMs + o.tickMs; t <= ms; t += o.tickMs) {
        if (stepDrive(core, o.tickMs, t)) core.stateDue = true;
        core.nowMs = t;
        if (finishNodeActions(core, t)) core.stateDue = true;
        if (settleCancels(core)) core.stateDue = true;
      }
    },
    onOrder: (order) => receiveOrder(core, order),
    onInstantActions(message) {
      let stateRequested = false;
      let factsheetRequested = false;
      for (const a of message.actions) {
        if (a.actionType === 'stateRequest') stateRequested = true;
        if (instantAction(core, a).factsheet) factsheetRequested = true;
      }
      return { stateRequested, factsheetRequested };
    },
    onInvalid(error) {
      const refs = Object.fromEntries((error.errorReferences ?? []).map((r) => [r.referenceKey, r.referenceValue]));
      core.errors = [...core.errors.filter((e) => e.errorType !== 'validationError'), orderErrorOf('validationError', error.errorDescription ?? 'invalid message', refs)];
      core.stateDue = true;
    },
    stateDue: () => core.stateDue,
    state() {
      core.stateDue = false;
      return stateBody(core);
    },
    visualization: () => visualizationBody(core),
    factsheet: (headerId, timestamp) => factsheetFromSpec(v.spec, { manufacturer: o.manufacturer, serialNumber: o.serialNumber, headerId, timestamp }),
  };
}
