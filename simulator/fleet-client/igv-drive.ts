/**
 * Driving a virtual IGV by its VDA base: the released edges up to the first node with a pending
 * blocking action (else the last released node) become a VehicleCommand for the simulator's own
 * kinematics, so motion is exactly the headless simulator's. Each step traverses the nodes the
 * nose reached and starts their actions.
 */
import type { VehicleCommand } from '../../engine/core/model/vehicle-command.ts';
import { advanceVehicle } from '../vehicles/virtual-vehicle.ts';
import type { Drive, IgvCore } from './igv-types.ts';
import { startNodeActions } from './igv-actions.ts';
import { ALLOWED_DEVIATION_XY } from '../../engine/runtime/vehicle-link/lane-points.ts';

const PENDING = new Set(['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED']);

/** The node (index into core.nodes) the vehicle must stop at: a node with a blocking action not yet done, else the last released node. */
function stopIndex(core: IgvCore): number {
  let last = -1;
  for (let k = 0; k < core.nodes.length; k++) {
    const n = core.nodes[k]!;
    if (!n.released || !core.edges[k]?.released) break;
    last = k;
    const blocking = n.actions.some((a) => a.blockingType !== 'NONE' && core.actions.find((r) => r.action.actionId === a.actionId && PENDING.has(r.status)));
    if (blocking) break;
  }
  return last;
}

/** Running node actions with a blocking type hold the vehicle where it is. */
function heldByAction(core: IgvCore): boolean {
  return core.actions.some((r) => r.scope === 'NODE' && r.status === 'RUNNING' && r.action.blockingType !== 'NONE');
}

/** The kinematic command for the current base, worked out again only when its inputs changed. */
export function currentDrive(core: IgvCore): Drive {
  const { cells } = core.o;
  const v = core.v;
  const stop = heldByAction(core) ? -1 : stopIndex(core);
  const laden = core.loads.length > 0;
  const key = `${v.lane}|${v.offsetMm === cells.lane(v.lane).lengthMm}|${stop}|${core.edges[0]?.sequenceId ?? -1}|${core.halt}|${core.chargeW}|${laden}`;
  if (core.drive?.key === key) return core.drive;
  const lanes: string[] = [];
  const nodeAt: number[] = [];
  const starts: number[] = [];
  let limitIndex = 0;
  let limitMm = v.offsetMm;
  const first = core.edges[0];
  if (stop >= 0 && first) {
    const firstLane = cells.lane(first.edgeId);
    const here = cells.lane(v.lane);
    // Standing at (or just before) the end of a lane whose end node the base starts from.
    if (first.edgeId !== v.lane && first.edgeId !== here.singleTrackWith && firstLane.from === here.to) {
      lanes.push(v.lane);
      starts.push(0);
    }
    for (let k = 0; k <= stop; k++) {
      const e = core.edges[k]!;
      if (lanes.at(-1) !== e.edgeId) {
        starts.push(lanes.length === 0 ? 0 : starts.at(-1)! + cells.lane(lanes.at(-1)!).lengthMm);
        lanes.push(e.edgeId);
      }
      nodeAt.push(starts.at(-1)! + e.toMm);
    }
    limitIndex = lanes.length - 1;
    limitMm = core.edges[stop]!.toMm;
  } else {
    lanes.push(v.lane);
    starts.push(0);
  }
  const command: VehicleCommand = { vehicleId: v.id, lanes, limitLaneIndex: limitIndex, limitOffsetMm: limitMm, halt: core.halt, chargeW: core.chargeW, laden };
  core.drive = { key, command, nodeAt, starts };
  return core.drive;
}

/**
 * One kinematic step of `dtMs` ending at vehicle time `atMs`: drive, traverse the nodes reached,
 * start their actions. Returns true when something a state reports changed.
 */
export function stepDrive(core: IgvCore, dtMs: number, atMs: number): boolean {
  const v = core.v;
  const drive = currentDrive(core);
  v.command = drive.command;
  const wasDriving = v.speedMmps > 0;
  advanceVehicle(core.o.cells, v, dtMs);
  let changed = wasDriving !== v.speedMmps > 0;
  const i = drive.command.lanes.indexOf(v.lane);
  if (i < 0) return changed;
  const at = drive.starts[i]! + v.offsetMm;
  const reached = (j: number) =>
    drive.nodeAt[j]! <= at ||
    // Braking to the limit ends a few mm short (integer kinematics): coming to rest that close to the stop node is arriving.
    (j === drive.nodeAt.length - 1 && wasDriving && v.speedMmps === 0 && core.halt === 'none' && drive.nodeAt[j]! - at <= ALLOWED_DEVIATION_XY * 1000);
  let k = 0;
  while (k < drive.nodeAt.length && reached(k) && core.nodes.length > 0) {
    const node = core.nodes.shift()!;
    core.edges.shift();
    core.lastNodeId = node.nodeId;
    core.lastNodeSequenceId = node.sequenceId;
    core.lastNode = { lane: node.lane, offsetMm: node.offsetMm };
    core.odometerAtLastNode = v.odometerMm - (at - drive.nodeAt[k]!);
    startNodeActions(core, node, atMs);
    changed = true;
    k++;
  }
  if (k > 0) core.drive = null;
  return changed;
}
