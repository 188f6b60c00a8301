/**
 * A VehicleCommand as a path on the map: the lanes from where the vehicle's nose is, the nose's
 * offset on the first lane and the limit, and the lane-by-lane pieces between two points of it
 * (the edges of a base). A turn-round onto the single-track twin starts the path on the twin at
 * the vehicle's rear end (VDA cannot say "reverse"; an IGV is double-ended).
 */
import type { CellGraph } from '../../core/graph/cell-graph.ts';
import type { VehicleCommand } from '../../core/model/vehicle-command.ts';
import type { VehicleState } from '../../core/model/world.ts';
import { flipOntoTwin } from '../../core/motion/track.ts';

export interface CommandPath {
  readonly lanes: readonly string[];
  /** Where the path starts on lanes[0] (the nose, or the rear end after a turn-round), mm. */
  readonly startMm: number;
  readonly limitIndex: number;
  readonly limitMm: number;
}

/** One edge-to-be: a stretch of one lane, mm from the lane start. */
export interface Piece {
  readonly lane: string;
  readonly fromMm: number;
  readonly toMm: number;
}

/** The path of a command for this vehicle, or null when its first lane is neither the vehicle's lane nor its twin. */
export function commandPath(cells: CellGraph, cmd: VehicleCommand, vehicle: Pick<VehicleState, 'lane' | 'offsetMm' | 'spec'>): CommandPath | null {
  const lanes = cmd.lanes;
  const first = lanes[0];
  if (first === undefined) return null;
  const twin = cells.lane(vehicle.lane).singleTrackWith;
  const flip = () => flipOntoTwin(cells, vehicle.lane, vehicle.offsetMm, vehicle.spec.lengthMm, Number.MAX_SAFE_INTEGER);
  if (first === vehicle.lane && twin !== undefined && lanes[1] === twin) {
    const f = flip()!;
    // A limit still on the lane before the turn grants nothing past the turn.
    if (cmd.limitLaneIndex === 0) return { lanes: lanes.slice(1), startMm: f.offsetMm, limitIndex: 0, limitMm: f.offsetMm };
    return { lanes: lanes.slice(1), startMm: f.offsetMm, limitIndex: cmd.limitLaneIndex - 1, limitMm: cmd.limitOffsetMm };
  }
  if (first === vehicle.lane) return { lanes, startMm: vehicle.offsetMm, limitIndex: cmd.limitLaneIndex, limitMm: cmd.limitOffsetMm };
  if (twin !== undefined && first === twin) {
    const f = flip()!;
    return { lanes, startMm: f.offsetMm, limitIndex: cmd.limitLaneIndex, limitMm: cmd.limitOffsetMm };
  }
  return null;
}

/** Track coordinate (mm from the start of lanes[0]) of a point on lane index `i` of the path. */
export function coordOf(cells: CellGraph, lanes: readonly string[], i: number, offsetMm: number): number {
  let s = 0;
  for (let k = 0; k < i; k++) s += cells.lane(lanes[k]!).lengthMm;
  return s + offsetMm;
}

/**
 * The lane stretches from (ia, oa) to (ib, ob) along the path, in order, without empty ones
 * (a point at a lane's end and the start of the next lane are the same node).
 */
export function piecesBetween(cells: CellGraph, lanes: readonly string[], ia: number, oa: number, ib: number, ob: number): Piece[] {
  const out: Piece[] = [];
  for (let k = ia; k <= ib; k++) {
    const lane = lanes[k]!;
    const fromMm = k === ia ? oa : 0;
    const toMm = k === ib ? ob : cells.lane(lane).lengthMm;
    if (toMm > fromMm) out.push({ lane, fromMm, toMm });
  }
  return out;
}
