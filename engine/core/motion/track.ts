/**
 * A vehicle's track: the lanes behind it (trail), the lane its nose is on, and the lanes ahead
 * (route), laid end to end. Track coordinates are mm from the start of the first trail lane.
 * These helpers answer "which cells lie between a and b" and "where is the body", for the
 * engine and for virtual vehicles alike.
 */
import type { CellGraph, LaneInfo } from '../graph/cell-graph.ts';
import { poseAt } from '../../../maps/schema/lane-geometry.ts';

export interface TrackCell {
  readonly cell: number;
  /** Track coordinates of the cell's ends, mm. */
  readonly start: number;
  readonly end: number;
}

export interface Track {
  readonly lanes: readonly string[];
  /** Length and cells of each lane, parallel to `lanes`. */
  readonly infos: readonly LaneInfo[];
  /** Track coordinate where each lane starts, mm. */
  readonly starts: readonly number[];
  /** Index in `lanes` of the lane the nose is on. */
  readonly noseLane: number;
  /** Track coordinate of the nose, mm. */
  readonly nose: number;
  readonly length: number;
  /** False when route lanes beyond the horizon were left off (see `makeTrack`). */
  readonly complete: boolean;
}

/**
 * Lays out a vehicle's track. With `horizonMm`, route lanes that start further than that ahead
 * of the nose are left off (`complete` is then false): traffic control never looks that far, and
 * a long route then costs no more than a short one.
 */
export function makeTrack(
  cells: CellGraph,
  trail: readonly string[],
  lane: string,
  offsetMm: number,
  route: readonly string[],
  horizonMm = Infinity,
): Track {
  const lanes = [...trail, lane];
  const starts: number[] = [];
  const infos: LaneInfo[] = [];
  let acc = 0;
  for (const id of lanes) {
    const info = cells.laneInfo(id);
    starts.push(acc);
    infos.push(info);
    acc += info.lengthMm;
  }
  const nose = starts[trail.length]! + offsetMm;
  let complete = true;
  for (const id of route) {
    if (acc - nose > horizonMm) {
      complete = false;
      break;
    }
    const info = cells.laneInfo(id);
    lanes.push(id);
    starts.push(acc);
    infos.push(info);
    acc += info.lengthMm;
  }
  return { lanes, starts, infos, noseLane: trail.length, nose, length: acc, complete };
}

/** Cells whose span overlaps the open interval (a, b) of the track, in driving order. */
export function cellsBetween(cells: CellGraph, track: Track, a: number, b: number): TrackCell[] {
  const out: TrackCell[] = [];
  for (let i = 0; i < track.lanes.length; i++) {
    const s = track.starts[i]!;
    const lane = track.lanes[i]!;
    const len = cells.lane(lane).lengthMm;
    if (s + len <= a) continue;
    if (s >= b) break;
    for (const id of cells.laneCells(lane)) {
      const c = cells.cells[id]!;
      const start = s + c.s0;
      const end = s + c.s1;
      if (end > a && start < b) out.push({ cell: id, start, end });
    }
  }
  return out;
}

/** Lane index and offset of a track coordinate (clamped to the track). */
export function locate(_cells: CellGraph, track: Track, coord: number): { laneIndex: number; offsetMm: number } {
  const i = laneAt(track, coord);
  const len = track.infos[i]!.lengthMm;
  return { laneIndex: i, offsetMm: Math.max(0, Math.min(len, Math.round(coord - track.starts[i]!))) };
}

/**
 * Index of `lane` on the track, -1 if absent. A route may pass the same lane twice (a loop
 * round a yard); the occurrence nearest the nose is the one that matters for where the body is
 * and what lies just ahead.
 */
export function laneIndexNearNose(cells: CellGraph, track: Track, lane: string): number {
  const nl = track.noseLane;
  const noseStart = track.starts[nl]!;
  // The nose within its lane (always, for a track laid out by `makeTrack`): the distance then
  // grows away from the nose lane both ways, so the search goes outward from there and stops as
  // soon as nothing further can be nearer — the same answer as a scan of the whole track (ties
  // to the earlier index), without walking hundreds of route lanes.
  if (track.nose < noseStart || track.nose > noseStart + track.infos[nl]!.lengthMm) return scanNearNose(track, lane);
  let best = -1;
  let bestDist = Infinity;
  for (let i = nl; i >= 0; i--) {
    const end = track.starts[i]! + track.infos[i]!.lengthMm;
    const dist = track.nose > end ? track.nose - end : 0;
    if (dist > bestDist) break;
    if (track.lanes[i] === lane) {
      best = i;
      bestDist = dist;
    }
  }
  for (let i = nl + 1; i < track.lanes.length; i++) {
    const start = track.starts[i]!;
    const dist = track.nose < start ? start - track.nose : 0;
    if (dist >= bestDist) break;
    if (track.lanes[i] === lane) {
      best = i;
      bestDist = dist;
    }
  }
  return best;
}

function scanNearNose(track: Track, lane: string): number {
  let best = -1;
  let bestDist = Infinity;
  for (let i = 0; i < track.lanes.length; i++) {
    if (track.lanes[i] !== lane) continue;
    const start = track.starts[i]!;
    const end = start + track.infos[i]!.lengthMm;
    const dist = track.nose < start ? start - track.nose : track.nose > end ? track.nose - end : 0;
    if (dist < bestDist) {
      best = i;
      bestDist = dist;
    }
  }
  return best;
}

/** Every lane of the track with its index nearest the nose (see `laneIndexNearNose`), in one pass. */
export function lanesNearNose(cells: CellGraph, track: Track): Map<string, number> {
  const best = new Map<string, number>();
  const dist = new Map<string, number>();
  for (let i = 0; i < track.lanes.length; i++) {
    const lane = track.lanes[i]!;
    const start = track.starts[i]!;
    const end = start + track.infos[i]!.lengthMm;
    const d = track.nose < start ? start - track.nose : track.nose > end ? track.nose - end : 0;
    if (d < (dist.get(lane) ?? Infinity)) {
      best.set(lane, i);
      dist.set(lane, d);
    }
  }
  return best;
}

/** Index of the lane containing track coordinate `a` (the first lane for a < 0, the last beyond the end). */
export function laneAt(track: Track, a: number): number {
  let lo = 0;
  let hi = track.lanes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (track.starts[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Cells from track coordinate `a` onward (the cell containing `a` first), lazily, in driving order. */
export function* cellsFrom(_cells: CellGraph, track: Track, a: number): Generator<TrackCell> {
  for (let i = laneAt(track, a); i < track.lanes.length; i++) {
    const s = track.starts[i]!;
    const list = track.infos[i]!.cells;
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      if (s + c.s1 <= a) continue;
      yield { cell: c.id, start: s + c.s0, end: s + c.s1 };
    }
  }
}

/** Map-frame point at a track coordinate, mm. */
export function pointAt(cells: CellGraph, track: Track, coord: number): { x: number; y: number; heading: number } {
  const { laneIndex, offsetMm } = locate(cells, track, coord);
  const laneId = track.lanes[laneIndex]!;
  const line = cells.laneGraph.centreLine(laneId)!;
  return poseAt(line, (offsetMm * line.length) / cells.lane(laneId).lengthMm);
}

/**
 * Centre and heading of the footprint rectangle: the chord from tail to nose. Before the trail is
 * long enough (a vehicle just placed) the tail is clamped to the start of the track.
 */
export function bodyPose(cells: CellGraph, track: Track, lengthMm: number): { x: number; y: number; heading: number } {
  const nose = pointAt(cells, track, track.nose);
  const tailCoord = track.nose - lengthMm;
  if (tailCoord < 0) {
    // Extend straight back along the first lane's heading so the rectangle keeps its length.
    const first = pointAt(cells, track, 0);
    const missing = -tailCoord;
    const tx = first.x - Math.cos(first.heading) * missing;
    const ty = first.y - Math.sin(first.heading) * missing;
    return centre(nose, { x: tx, y: ty }, nose.heading);
  }
  return centre(nose, pointAt(cells, track, tailCoord), nose.heading);
}

function centre(nose: { x: number; y: number }, tail: { x: number; y: number }, fallback: number) {
  const dx = nose.x - tail.x;
  const dy = nose.y - tail.y;
  const heading = dx === 0 && dy === 0 ? fallback : Math.atan2(dy, dx);
  return { x: (nose.x + tail.x) / 2, y: (nose.y + tail.y) / 2, heading };
}

/**
 * Turning round at the end of a single-track lane: the tail becomes the nose. Returns the new
 * offset on the twin lane, or null when the vehicle is not at the lane's end.
 */
export function flipOntoTwin(cells: CellGraph, lane: string, offsetMm: number, lengthMm: number, toleranceMm: number): { lane: string; offsetMm: number } | null {
  const l = cells.lane(lane);
  if (!l.singleTrackWith || l.lengthMm - offsetMm > toleranceMm) return null;
  const twin = cells.lane(l.singleTrackWith);
  const tail = offsetMm - lengthMm;
  return { lane: twin.id, offsetMm: Math.max(0, Math.min(twin.lengthMm, twin.lengthMm - tail)) };
}

/**
 * `trimTrail` as a read-only answer: the same lanes, and `trail` itself when none is trimmed
 * (a vehicle moving along its lane keeps its trail array, and with it its laid-out track).
 */
export function trimmedTrail(cells: CellGraph, trail: readonly string[], offsetMm: number, reachMm: number): readonly string[] {
  let need = reachMm - offsetMm;
  let kept = 0;
  for (let i = trail.length - 1; i >= 0 && need > 0; i--) {
    kept++;
    need -= cells.lane(trail[i]!).lengthMm;
  }
  return kept === trail.length ? trail : trail.slice(trail.length - kept);
}

/** Trims a trail to the lanes still needed behind a nose at `offsetMm` to cover `reachMm`. */
export function trimTrail(cells: CellGraph, trail: readonly string[], offsetMm: number, reachMm: number): string[] {
  let need = reachMm - offsetMm;
  const kept: string[] = [];
  for (let i = trail.length - 1; i >= 0 && need > 0; i--) {
    kept.unshift(trail[i]!);
    need -= cells.lane(trail[i]!).lengthMm;
  }
  return kept;
}
