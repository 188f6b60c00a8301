/**
 * The traffic-control track of a vehicle record, laid out once per record. Records are replaced
 * on any change (never mutated), so a vehicle standing still or blocked keeps the same record —
 * and its track — from tick to tick, and the phases of one tick share it instead of each laying
 * it out again.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import type { VehicleState } from '../model/world.ts';
import { makeTrack, type Track } from './track.ts';

/** How far ahead traffic control looks along a route, mm: well past braking and junction clearance. */
export const TRACK_HORIZON_MM = 600_000;

// One entry per vehicle id, for its latest record (a Map by id is far cheaper than a WeakMap by
// record: records come and go every tick). An entry for another record is simply replaced.
const byId = new Map<string, { v: VehicleState; cells: CellGraph; track: Track }>();

/** The track of `v` out to `TRACK_HORIZON_MM` (see `makeTrack`), memoised per record and cell graph. */
export function recordTrack(cells: CellGraph, v: VehicleState): Track {
  const known = byId.get(v.id);
  if (known && known.v === v && known.cells === cells) return known.track;
  const track = (known && known.cells === cells && movedAlong(known.v, known.track, v)) || makeTrack(cells, v.trail, v.lane, v.offsetMm, v.route, TRACK_HORIZON_MM);
  if (known) {
    known.v = v;
    known.cells = cells;
    known.track = track;
  } else byId.set(v.id, { v, cells, track });
  return track;
}

/**
 * The track of `v` from the last record's, when `v` only moved along the same lanes (same trail,
 * lane and route arrays): the lanes laid out are shared and only the nose moves — unless the
 * horizon now takes in a different number of route lanes (then null: lay it out afresh). Equal,
 * field by field, to what `makeTrack` would return.
 */
function movedAlong(was: VehicleState, track: Track, v: VehicleState): Track | null {
  if (was.trail !== v.trail || was.lane !== v.lane || was.route !== v.route) return null;
  const nl = track.noseLane;
  const nose = track.starts[nl]! + v.offsetMm;
  const base = nl + 1;
  const laidOut = track.lanes.length - base;
  // The route lanes makeTrack would take, by its own rule: while the track so far ends within the horizon.
  let acc = track.starts[nl]! + track.infos[nl]!.lengthMm;
  let k = 0;
  while (k < v.route.length) {
    if (acc - nose > TRACK_HORIZON_MM) break;
    if (k >= laidOut) return null;
    acc += track.infos[base + k]!.lengthMm;
    k++;
  }
  if (k !== laidOut) return null;
  return { lanes: track.lanes, starts: track.starts, infos: track.infos, noseLane: nl, nose, length: track.length, complete: track.complete };
}
