/**
 * A virtual IGV for headless runs: it obeys the engine's last command (lanes, travel limit,
 * halt, charging) with the same kinematics the engine assumes, advances only when the simulator
 * ticks it, and reports what a real vehicle would (lane, offset, speed, battery, odometer).
 * It never drives past its limit: that is the vehicle-side half of the safety model.
 */
import type { CellGraph } from '../../engine/core/graph/cell-graph.ts';
import type { Command } from '../../engine/core/model/commands.ts';
import type { VehicleCommand } from '../../engine/core/model/vehicle-command.ts';
import { accelMmps2, maxSpeedMmps, type VehicleSpec } from '../../engine/core/model/vehicle-spec.ts';
import { emergencyBrakeMmps, nextSpeedMmps, travelMm, type SpeedConstraint } from '../../engine/core/motion/kinematics.ts';
import { bodyPose, flipOntoTwin, makeTrack, trimTrail } from '../../engine/core/motion/track.ts';

export interface VirtualVehicleState {
  readonly id: string;
  readonly spec: VehicleSpec;
  lane: string;
  offsetMm: number;
  trail: string[];
  speedMmps: number;
  /** Battery, milli-watt-hours (integer, so energy never drifts). */
  socMwh: number;
  odometerMm: number;
  command: VehicleCommand | null;
}

export function createVirtualVehicle(id: string, spec: VehicleSpec, lane: string, offsetMm: number, trail: readonly string[], socWh: number): VirtualVehicleState {
  return { id, spec, lane, offsetMm, trail: [...trail], speedMmps: 0, socMwh: socWh * 1000, odometerMm: 0, command: null };
}

type Report = Extract<Command, { kind: 'VehicleReport' }>;

/** A vehicle's state after its last tick, when that tick changed nothing (standing, not charging). */
interface Rest {
  readonly cells: CellGraph;
  readonly dtMs: number;
  readonly command: VehicleCommand | null;
  readonly lane: string;
  readonly offsetMm: number;
  readonly trail: readonly string[];
  readonly speedMmps: number;
  readonly socMwh: number;
  readonly odometerMm: number;
}

const atRest = new WeakMap<VirtualVehicleState, Rest>();

function sameRest(r: Rest, cells: CellGraph, v: VirtualVehicleState, dtMs: number): boolean {
  return (
    r.cells === cells && r.dtMs === dtMs && r.command === v.command && r.lane === v.lane && r.offsetMm === v.offsetMm &&
    r.speedMmps === v.speedMmps && r.socMwh === v.socMwh && r.odometerMm === v.odometerMm && sameList(r.trail, v.trail)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function report(v: VirtualVehicleState): Report {
  return {
    kind: 'VehicleReport',
    vehicleId: v.id,
    lane: v.lane,
    offsetMm: v.offsetMm,
    speedMmps: v.speedMmps,
    socWh: Math.floor(v.socMwh / 1000),
    odometerMm: v.odometerMm,
  };
}

/**
 * Drives one tick of `dtMs` under the last command and returns the vehicle's report. A tick is a
 * function of the state and the command: when the last one left the state as it found it, so does
 * this one, and it is not worked out again (most of a fleet stands most of the time).
 */
export function advanceVehicle(cells: CellGraph, v: VirtualVehicleState, dtMs: number): Report {
  const rest = atRest.get(v);
  if (rest && sameRest(rest, cells, v, dtMs)) return report(v);
  const before: Rest = {
    cells, dtMs, command: v.command, lane: v.lane, offsetMm: v.offsetMm, trail: [...v.trail], speedMmps: v.speedMmps, socMwh: v.socMwh, odometerMm: v.odometerMm,
  };
  const out = drive(cells, v, dtMs);
  if (sameRest(before, cells, v, dtMs)) atRest.set(v, before);
  else atRest.delete(v);
  return out;
}

function drive(cells: CellGraph, v: VirtualVehicleState, dtMs: number): Report {
  const cmd = v.command;
  if (cmd && cmd.lanes[0] !== v.lane && v.speedMmps === 0) {
    const flipped = flipOntoTwin(cells, v.lane, v.offsetMm, v.spec.lengthMm, Number.MAX_SAFE_INTEGER);
    if (flipped && flipped.lane === cmd.lanes[0]) {
      v.lane = flipped.lane;
      v.offsetMm = flipped.offsetMm;
      v.trail = [];
    }
  }
  const lanes = cmd && cmd.lanes[0] === v.lane ? cmd.lanes : [v.lane];
  const limitIdx = cmd && lanes === cmd.lanes ? cmd.limitLaneIndex : 0;
  const limitOff = cmd && lanes === cmd.lanes ? cmd.limitOffsetMm : v.offsetMm;
  const track = makeTrack(cells, [], lanes[0]!, v.offsetMm, lanes.slice(1));
  const room = Math.max(0, track.starts[limitIdx]! + limitOff - track.nose);
  const laden = cmd?.laden ?? false;

  let speed: number;
  if (cmd?.halt === 'emergency') speed = emergencyBrakeMmps(v.speedMmps, v.spec.emergencyBrakeMmps2, dtMs);
  else {
    const ahead: SpeedConstraint[] = [{ atMm: room, speedMmps: 0 }];
    for (let i = 1; i < lanes.length; i++) {
      const at = track.starts[i]! - track.nose;
      if (at > room) break;
      ahead.push({ atMm: at, speedMmps: cells.lane(lanes[i]!).speedLimitMmps });
    }
    const cap = Math.min(maxSpeedMmps(v.spec, laden), cells.lane(v.lane).speedLimitMmps);
    speed = nextSpeedMmps({
      speedMmps: v.speedMmps,
      capMmps: cmd?.halt === 'service' ? 0 : cap,
      accelMmps2: accelMmps2(v.spec, laden),
      brakeMmps2: v.spec.serviceBrakeMmps2,
      dtMs,
      ahead,
    });
    if (cmd?.halt === 'service') speed = Math.max(speed, Math.max(0, v.speedMmps - Math.ceil((v.spec.serviceBrakeMmps2 * dtMs) / 1000)));
  }
  const moved = travelMm(speed, dtMs, room);
  // Report the speed actually driven (a vehicle creeping less than 1 mm a tick is standing).
  speed = Math.min(speed, Math.floor((moved * 1000) / dtMs));
  advanceAlong(cells, v, lanes, moved);
  v.speedMmps = speed;
  v.odometerMm += moved;
  const perKm = laden ? v.spec.consumptionLadenWhPerKm : v.spec.consumptionEmptyWhPerKm;
  v.socMwh -= Math.floor((moved * perKm) / 1000);
  if (cmd && cmd.chargeW > 0 && speed === 0) v.socMwh += Math.floor((cmd.chargeW * dtMs) / 3600);
  v.socMwh = Math.max(0, Math.min(v.socMwh, v.spec.batteryWh * 1000));
  return report(v);
}

function advanceAlong(cells: CellGraph, v: VirtualVehicleState, lanes: readonly string[], moved: number): void {
  let left = moved;
  let i = lanes.indexOf(v.lane);
  while (left > 0) {
    const len = cells.lane(v.lane).lengthMm;
    const step = Math.min(left, len - v.offsetMm);
    v.offsetMm += step;
    left -= step;
    if (left > 0 && i + 1 < lanes.length) {
      v.trail.push(v.lane);
      i++;
      v.lane = lanes[i]!;
      v.offsetMm = 0;
    } else break;
  }
  v.trail = trimTrail(cells, v.trail, v.offsetMm, v.spec.lengthMm + 5_000);
}

const poses = new WeakMap<VirtualVehicleState, { cells: CellGraph; lane: string; offsetMm: number; trail: readonly string[]; x: number; y: number; heading: number }>();

/** Footprint centre (m) and heading (rad) for the trace (worked out again only when the vehicle has moved). */
export function vehiclePose(cells: CellGraph, v: VirtualVehicleState): { x: number; y: number; heading: number } {
  const known = poses.get(v);
  if (known && known.cells === cells && known.lane === v.lane && known.offsetMm === v.offsetMm && sameList(known.trail, v.trail)) {
    return { x: known.x, y: known.y, heading: known.heading };
  }
  const p = bodyPose(cells, makeTrack(cells, v.trail, v.lane, v.offsetMm, []), v.spec.lengthMm);
  const pose = { x: p.x / 1000, y: p.y / 1000, heading: p.heading };
  poses.set(v, { cells, lane: v.lane, offsetMm: v.offsetMm, trail: [...v.trail], ...pose });
  return pose;
}
