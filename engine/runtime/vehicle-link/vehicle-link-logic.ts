/**
 * The meaning of the vehicle links, one order session per vehicle: engine commands out as
 * orders and instant actions, states in as engine commands. The socket plumbing
 * (engine/adapters/ws/vehicle-link-hub.ts) calls these; header ids, versions and identities of
 * what goes out are the plumbing's to stamp.
 *
 * A link that (re)opens first waits for the vehicle's state: the vehicle may have kept an order
 * this side no longer knows (a restarted master) — the session adopts it, then the current
 * command is sent again (`wantsCommand`). The same happens when the vehicle refuses an order.
 */
import type { CellGraph } from '../../core/graph/cell-graph.ts';
import type { VehicleCommand } from '../../core/model/vehicle-command.ts';
import type { OrderState } from '../../core/model/order.ts';
import type { VehicleState } from '../../core/model/world.ts';
import type { State } from '../../protocol/vda5050/state.ts';
import type { Factsheet } from '../../protocol/vda5050/factsheet.ts';
import { createHeaderIds, type HeaderIds, type MasterMessage } from './link-context.ts';
import { commandToMessages, createOrderSession, type OrderSession } from './order-session.ts';
import { stateToCommands, type StateOutcome } from './state-to-report.ts';
import { adoptVehicleOrder } from './session-resync.ts';

export interface VehicleLinkLogic {
  /** Messages carrying `cmd` (the engine's record `vehicle` of the same tick) to the vehicle; [] while the link waits for a first state. */
  messagesFor(serial: string, cmd: VehicleCommand, vehicle: VehicleState, timestampIso: string, orderOf: (orderId: string) => OrderState | undefined): MasterMessage[];
  /** Engine commands for a state received from the vehicle (a report, or AddVehicle for a vehicle the engine does not know). */
  stateToCommands(serial: string, state: State, vehicle: VehicleState | undefined, factsheet: Factsheet | null): StateOutcome;
  /** True once after a state that calls for the vehicle's current command to be sent again. */
  wantsCommand(serial: string): boolean;
  /** The vehicle's link (re)opened: hold commands until its first state. */
  linkOpened(serial: string): void;
  /** The session of a vehicle (created on first use). */
  session(serial: string): OrderSession;
}

export interface VehicleLinkLogicOptions {
  readonly cells: CellGraph;
  readonly mapId: string;
  /** Placeholder manufacturer for headers the plumbing re-stamps anyway. */
  readonly manufacturer?: string;
}

interface Entry {
  readonly session: OrderSession;
  readonly headerIds: HeaderIds;
  awaitingState: boolean;
  wantCommand: boolean;
  /** Order errors already acted on (type|orderId|orderUpdateId), so one refusal resyncs once. */
  seenErrors: Set<string>;
  /** States since an AddVehicle went out for this vehicle (null: none pending). */
  sinceAdd: number | null;
}

/** A joining vehicle's AddVehicle is asked for again after this many states without it in the world (it may have been refused). */
const ADD_RETRY_STATES = 10;

const ORDER_ERRORS: ReadonlySet<string> = new Set(['validationError', 'orderError', 'orderUpdateError']);

export function createVehicleLinkLogic(o: VehicleLinkLogicOptions): VehicleLinkLogic {
  const entries = new Map<string, Entry>();
  const entry = (serial: string): Entry => {
    let e = entries.get(serial);
    if (!e) {
      e = { session: createOrderSession(serial), headerIds: createHeaderIds(), awaitingState: false, wantCommand: false, seenErrors: new Set(), sinceAdd: null };
      entries.set(serial, e);
    }
    return e;
  };

  return {
    messagesFor(serial, cmd, vehicle, timestampIso, orderOf) {
      const e = entry(serial);
      if (e.awaitingState) return [];
      return commandToMessages(e.session, cmd, vehicle, {
        cells: o.cells,
        mapId: o.mapId,
        timestampIso,
        headerIds: e.headerIds,
        manufacturer: o.manufacturer ?? 'igv-fleet',
        serialNumber: serial,
        loadIdOf: (id) => orderOf(id)?.spec.containerId,
      });
    },
    stateToCommands(serial, state, vehicle, factsheet) {
      const e = entry(serial);
      const s = e.session;
      let resync = false;
      if (e.awaitingState) {
        e.awaitingState = false;
        e.wantCommand = true;
        resync = state.orderId !== (s.orderId ?? '') || state.orderUpdateId !== s.orderUpdateId;
      }
      const refused = state.errors.filter((x) => ORDER_ERRORS.has(x.errorType)).map((x) => `${x.errorType}|${ref(x, 'orderId')}|${ref(x, 'orderUpdateId')}`);
      if (refused.some((k) => !e.seenErrors.has(k))) {
        resync = true;
        e.wantCommand = true;
      }
      e.seenErrors = new Set(refused);
      if (resync) adoptVehicleOrder(s, state, o.cells, vehicle?.lane);
      const out = stateToCommands(s, state, vehicle, { cells: o.cells, factsheet });
      if (vehicle) e.sinceAdd = null;
      else if (out.commands.length > 0) {
        // States come faster than ticks: one AddVehicle per join, not one per state.
        if (e.sinceAdd !== null && ++e.sinceAdd < ADD_RETRY_STATES) return { commands: [], problems: out.problems };
        e.sinceAdd = 0;
      }
      return out;
    },
    wantsCommand(serial) {
      const e = entries.get(serial);
      if (!e?.wantCommand) return false;
      e.wantCommand = false;
      return true;
    },
    linkOpened(serial) {
      entry(serial).awaitingState = true;
    },
    session: (serial) => entry(serial).session,
  };
}

function ref(error: State['errors'][number], key: string): string {
  return error.errorReferences?.find((r) => r.referenceKey === key)?.referenceValue ?? '';
}
