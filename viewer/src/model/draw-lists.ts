/**
 * Feed state → what the scene draws: one `VehicleDraw` per vehicle, and for a selected vehicle
 * its planned route and held space as polylines from the lane geometry. Pure; metres.
 */
import type { IgvMap } from '../../../maps/schema/map-schema.ts';
import type { FeedState, FeedVehicle } from '../../../engine/protocol/ioc/feed-schema.ts';
import { laneLines, type LaneLine } from './map-geometry.ts';
import { appendJoined, poseAlong, slice, type Pt } from './polyline.ts';
import type { PathDraw, Selection, VehicleDraw, VehicleLook } from './view-types.ts';

export { LOOK_COLORS, CARGO_COLORS } from './colors.ts';
export { lanePolyline } from './map-geometry.ts';

/** Faulted (broken, link lost, or the engine says so) beats paused, paused beats the activity. */
export function lookOf(v: Pick<FeedVehicle, 'status' | 'state' | 'paused'>): VehicleLook {
  if (v.status !== 'ok' || v.state === 'faulted') return 'faulted';
  if (v.paused) return 'paused';
  return v.state;
}

/** Every vehicle of the feed, sorted by id (so instance slots are stable between updates). */
export function vehicleDraws(state: FeedState): VehicleDraw[] {
  const ids = Object.keys(state.vehicles).sort();
  const out: VehicleDraw[] = [];
  for (const id of ids) {
    const v = state.vehicles[id]!;
    out.push({ id, x: v.x, y: v.y, heading: v.heading, lengthM: v.lengthM, widthM: v.widthM, look: lookOf(v), cargo: v.cargo });
  }
  return out;
}

/**
 * Route and held space of vehicle `id`; null when the feed does not have it. The route runs from
 * the nose along `[lane, ...route]` (null when nothing is planned); the held space from the tail
 * (lengthM behind the nose, along the trail) to the limit point, at least to the nose. Lanes the
 * map does not know cut the path short there.
 */
export function selectionOf(state: FeedState, id: string, map: IgvMap): Selection | null {
  const v = state.vehicles[id];
  if (!v) return null;
  const lines = laneLines(map);
  const track = trackOf(lines, [...v.trail, v.lane, ...v.route]);
  const noseIdx = v.trail.length;
  if (track.lanes.length <= noseIdx) return { id, route: null, held: null };
  const nose = track.starts[noseIdx]! + Math.min(v.offsetMm / 1000, track.lanes[noseIdx]!.lengthM);
  const routeEnd = track.length;
  const route = v.route.length === 0 && (v.task === null || routeEnd - nose < 0.5) ? null : path(track, nose, routeEnd);
  const li = noseIdx + v.limit.laneIndex;
  const limit = li < track.lanes.length ? track.starts[li]! + Math.min(v.limit.offsetMm / 1000, track.lanes[li]!.lengthM) : routeEnd;
  const held = path(track, nose - v.lengthM, Math.max(limit, nose));
  return { id, route, held };
}

/** Lanes laid end to end in declared metres (the feed's offsets are in declared lengths). */
interface Track {
  lanes: LaneLine[];
  starts: number[];
  length: number;
}

function trackOf(lines: ReadonlyMap<string, LaneLine>, ids: readonly string[]): Track {
  const lanes: LaneLine[] = [];
  const starts: number[] = [];
  let acc = 0;
  for (const id of ids) {
    const l = lines.get(id);
    if (!l) break;
    lanes.push(l);
    starts.push(acc);
    acc += l.lengthM;
  }
  return { lanes, starts, length: acc };
}

/**
 * Polyline between track coordinates a < b. Before the start of the track it extends straight
 * back along the first lane, as the engine's body pose does for a vehicle with a short trail.
 */
function path(track: Track, a: number, b: number): PathDraw | null {
  if (b - a < 1e-6 || track.lanes.length === 0) return null;
  const pts: Pt[] = [];
  if (a < 0) {
    const first = track.lanes[0]!;
    const p = poseAlong(first.line, 0);
    pts.push([p.x - Math.cos(p.heading) * -a, p.y - Math.sin(p.heading) * -a]);
  }
  for (let i = 0; i < track.lanes.length; i++) {
    const l = track.lanes[i]!;
    const s = track.starts[i]!;
    if (s + l.lengthM <= a) continue;
    if (s >= b) break;
    const k = l.line.length / l.lengthM; // declared → geometric
    appendJoined(pts, slice(l.line, (Math.max(a, s) - s) * k, (Math.min(b, s + l.lengthM) - s) * k));
  }
  return pts.length >= 2 ? { points: pts } : null;
}
