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
  const track = makeTrack(cells, v.trail, v.lane, v.offsetMm, v.route, TRACK_HORIZON_MM);
  if (known) {
    known.v = v;
    known.cells = cells;
    known.track = track;
  } else byId.set(v.id, { v, cells, track });
  return track;
}
