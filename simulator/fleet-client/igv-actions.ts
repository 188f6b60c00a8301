/**
 * A virtual IGV's actions: instant actions (pause, charging, cancelOrder, stateRequest,
 * factsheetRequest, initPosition) take effect at once; node actions pick/drop start when the
 * node is traversed, hold the vehicle (HARD) for the handling time, then change its loads.
 * Every action shows in state.actionStates.
 */
import { actionParam, type Action } from '../../engine/protocol/vda5050/action.ts';
import { orderErrorOf } from '../../engine/protocol/vda5050/link-errors.ts';
import { parseNodeId } from '../../engine/runtime/vehicle-link/lane-points.ts';
import type { ActionRecord, IgvCore, IgvNode } from './igv-types.ts';

export const HANDLING_MS = 2_000;
/** Finished instant actions kept in the state (a lockstep master asks for a state every tick). */
const KEEP_FINISHED_INSTANT = 8;

const FINAL = new Set(['FINISHED', 'FAILED']);

/** Starts the node's actions (they were WAITING since the order arrived). */
export function startNodeActions(core: IgvCore, node: IgvNode, atMs: number): void {
  for (const a of node.actions) {
    const rec = core.actions.find((r) => r.action.actionId === a.actionId);
    if (!rec || rec.status !== 'WAITING') continue;
    rec.status = 'RUNNING';
    rec.untilMs = atMs + (core.o.handlingMs ?? HANDLING_MS);
  }
}

/** Finishes running node actions whose time is up; true when any did. */
export function finishNodeActions(core: IgvCore, atMs: number): boolean {
  let any = false;
  for (const rec of core.actions) {
    if (rec.status !== 'RUNNING' || rec.untilMs === null || rec.untilMs > atMs) continue;
    rec.status = 'FINISHED';
    rec.untilMs = null;
    applyLoad(core, rec.action);
    any = true;
  }
  if (any) core.drive = null;
  return any;
}

function applyLoad(core: IgvCore, action: Action): void {
  const id = actionParam(action, 'loadId');
  const loadId = typeof id === 'string' ? id : undefined;
  if (action.actionType === 'pick') core.loads.push({ ...(loadId !== undefined ? { loadId } : {}), loadType: 'container' });
  else if (action.actionType === 'drop') {
    const k = core.loads.findIndex((l) => loadId === undefined || l.loadId === loadId);
    core.loads.splice(k < 0 ? 0 : k, 1);
  }
}

/**
 * A running cancelOrder is done once the vehicle stands (or a new order replaced the cancelled
 * one); true when any finished.
 */
export function settleCancels(core: IgvCore, orderReplaced = false): boolean {
  let any = false;
  for (const r of core.actions) {
    if (r.action.actionType !== 'cancelOrder' || r.status !== 'RUNNING') continue;
    if (!orderReplaced && core.v.speedMmps > 0) continue;
    r.status = 'FINISHED';
    any = true;
  }
  return any;
}

/** Order actions still pending (the vehicle is busy even with nothing left to traverse). */
export function orderActionsPending(core: IgvCore): boolean {
  return core.actions.some((r) => r.scope === 'NODE' && !FINAL.has(r.status));
}

/** Carries out one instant action; returns whether a factsheet was asked for. */
export function instantAction(core: IgvCore, action: Action): { factsheet: boolean } {
  const rec: ActionRecord = { action, scope: 'INSTANT', status: 'FINISHED', untilMs: null };
  let factsheet = false;
  switch (action.actionType) {
    case 'startPause':
      core.halt = actionParam(action, 'emergency') === true ? 'emergency' : 'service';
      break;
    case 'stopPause':
      core.halt = 'none';
      break;
    case 'startCharging': {
      const w = actionParam(action, 'powerW');
      core.chargeW = typeof w === 'number' && w > 0 ? Math.round(w) : core.v.spec.chargePowerW;
      break;
    }
    case 'stopCharging':
      core.chargeW = 0;
      break;
    case 'cancelOrder':
      cancelOrder(core, rec);
      break;
    case 'stateRequest':
      break;
    case 'factsheetRequest':
      factsheet = true;
      break;
    case 'initPosition':
      initPosition(core, action, rec);
      break;
    default:
      rec.status = 'FAILED';
      rec.resultDescription = `actionType ${action.actionType} is not supported`;
  }
  core.actions.push(rec);
  pruneInstant(core);
  core.drive = null;
  core.stateDue = true;
  return { factsheet };
}

function cancelOrder(core: IgvCore, rec: ActionRecord): void {
  if (core.orderId === '' || core.cancelled || (core.nodes.length === 0 && !orderActionsPending(core))) {
    rec.status = 'FAILED';
    rec.resultDescription = 'no order to cancel';
    core.errors.push(orderErrorOf('noOrderToCancel', 'cancelOrder: the vehicle has no order to cancel', { actionId: rec.action.actionId, orderId: core.orderId }));
    return;
  }
  // The base is withdrawn: the kinematics stop the vehicle at the next step; the cancel is done then.
  if (core.v.speedMmps > 0) rec.status = 'RUNNING';
  core.nodes = [];
  core.edges = [];
  core.cancelled = true;
  for (const r of core.actions) {
    if (r.scope === 'NODE' && !FINAL.has(r.status)) {
      r.status = 'FAILED';
      r.untilMs = null;
      r.resultDescription = 'order cancelled';
    }
  }
}

function initPosition(core: IgvCore, action: Action, rec: ActionRecord): void {
  const id = actionParam(action, 'lastNodeId');
  const at = typeof id === 'string' ? parseNodeId(core.o.cells, id, core.v.lane) : null;
  if (!at || core.nodes.length > 0 || core.v.speedMmps > 0) {
    rec.status = 'FAILED';
    rec.resultDescription = at ? 'the vehicle is driving an order' : `unknown lastNodeId ${String(id)}`;
    return;
  }
  core.v.lane = at.lane;
  core.v.offsetMm = at.offsetMm;
  core.v.trail = [];
  core.lastNodeId = id as string;
  core.lastNode = at;
  core.odometerAtLastNode = core.v.odometerMm;
  core.positionInitialized = true;
}

function pruneInstant(core: IgvCore): void {
  const finished = core.actions.filter((r) => r.scope === 'INSTANT' && FINAL.has(r.status));
  if (finished.length <= KEEP_FINISHED_INSTANT) return;
  const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED_INSTANT));
  core.actions = core.actions.filter((r) => !drop.has(r));
}
