/**
 * What traffic control reads off a vehicle record alone (its track, the cells under its body, its
 * stop point), memoised per record: records are replaced on any change, so a vehicle standing
 * still keeps its answer from tick to tick. Used by the space allocator.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import type { VehicleState } from '../model/world.ts';
import { laneAt, locate, type Track } from '../motion/track.ts';
import { recordTrack } from '../motion/record-track.ts';

/** The stop the vehicle is heading for on its current track: the route's end, or where it stands. */
export type StopRule = (v: VehicleState, track: Track) => number;
// A StopRule must be pure (a function of the record and its track): it is memoised per record.

/**
 * What a vehicle record alone decides for allocation; records are replaced on change, so memoised
 * per record. One entry per vehicle id, worked over in place for its next record (its lists
 * too): read it before asking for another record of the same vehicle.
 */
export interface RecordFacts {
  v: VehicleState;
  gapMm: number;
  stopAt: StopRule;
  track: Track;
  /** Cells under the body and its gap behind (tail − gap up to the nose), in driving order. */
  readonly body: number[];
  /** The same, sorted (to compare with `held`): `body` itself when that is sorted already. */
  bodySorted: readonly number[];
  readonly sortedCopy: number[];
  stop: number;
  /** True when the stop is the nose itself (the vehicle asks for nothing): then the limit at the nose. */
  settled: boolean;
  settledLaneIndex: number;
  settledOffsetMm: number;
}

// By vehicle id, for its latest record (see record-track.ts).
const factsById = new Map<string, RecordFacts>();

/**
 * The facts of record `v` on `cells` (gap and stop rule as given): the vehicle's entry, brought up
 * to date unless it already answers for this record. Valid until the next call for this vehicle.
 */
export function facts(cells: CellGraph, gapMm: number, v: VehicleState, stopAt: StopRule): RecordFacts {
  const track = recordTrack(cells, v);
  let f = factsById.get(v.id);
  if (f && f.v === v && f.track === track && f.gapMm === gapMm && f.stopAt === stopAt) return f;
  if (f === undefined) {
    f = { v, gapMm, stopAt, track, body: [], bodySorted: [], sortedCopy: [], stop: 0, settled: false, settledLaneIndex: 0, settledOffsetMm: 0 };
    factsById.set(v.id, f);
  }
  // Matches nothing until complete (NaN equals no gap): a throw half way leaves no wrong answer.
  f.gapMm = NaN;
  f.v = v;
  f.stopAt = stopAt;
  f.track = track;
  const tail = Math.max(0, track.nose - v.spec.lengthMm - gapMm);
  const body = f.body;
  empty(body);
  walk: for (let i = laneAt(track, tail); i < track.lanes.length; i++) {
    const s = track.starts[i]!;
    const list = track.infos[i]!.cells;
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      if (s + c.s1 <= tail) continue;
      if (s + c.s0 >= track.nose) break walk;
      if (!body.includes(c.id)) body.push(c.id);
    }
  }
  if (ascending(body)) f.bodySorted = body;
  else {
    const copy = f.sortedCopy;
    empty(copy);
    for (let i = 0; i < body.length; i++) copy.push(body[i]!);
    copy.sort((a, b) => a - b);
    f.bodySorted = copy;
  }
  const stop = stopAt(v, track);
  f.stop = stop;
  f.settled = stop === track.nose;
  if (f.settled) {
    const limit = locate(cells, track, track.nose);
    f.settledLaneIndex = limit.laneIndex - track.noseLane;
    f.settledOffsetMm = limit.offsetMm;
  }
  f.gapMm = gapMm;
  return f;
}

function ascending(list: readonly number[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! > list[i]!) return false;
  return true;
}

/** Empties a list in place, keeping its backing store (`length = 0` drops it: a new one at the next push). */
export function empty(list: unknown[]): void {
  while (list.length > 0) list.pop();
}
