/**
 * Traffic control (disposes): decides which cells each vehicle holds and how far it may drive.
 * Safety rests here, not on the planner: a vehicle is released only into cells it holds
 * exclusively, and a cell is granted only when neither it nor any cell it conflicts with is held
 * by another vehicle.
 *
 * Deadlock prevention rules:
 * - Box rule: a junction cell (one that conflicts with another path) is granted only together
 *   with the cells after it up to where the whole body plus gaps is clear of it, so nobody ever
 *   waits inside a junction.
 * - Block rule: a single-track block is entered only in its current direction (same-direction
 *   convoys share it); a dead-end block (dock, stall) admits one vehicle, granted all the way to
 *   its stop point.
 * What remains (a loop packed full) is detected by the wait-for graph in `deadlock-detector.ts`.
 *
 * Called only from within `step()`, with vehicles in priority order.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import { cellsFrom, lanesNearNose, locate, makeTrack, type Track, type TrackCell } from '../motion/track.ts';
import { maxSpeedMmps, type VehicleSpec } from '../model/vehicle-spec.ts';
import { stoppingDistanceMm } from '../motion/kinematics.ts';
import type { VehicleState } from '../model/world.ts';
import { createHoldings, type Holdings, type LanePosition } from './holdings.ts';

export interface AllocationInput {
  readonly cells: CellGraph;
  readonly tickMs: number;
  readonly gapMm: number;
  readonly closedLanes: ReadonlySet<string>;
  /** False during an emergency stop or safe mode: vehicles keep what they hold, nothing new is granted. */
  readonly grantsAllowed: boolean;
  /**
   * True when the vehicle's allocation cannot differ from the one it holds (it stands blocked and
   * neither it nor its blockers changed since the last tick); the allocator also checks that no
   * blocker's holdings changed earlier in this pass. Optional: without it every vehicle is
   * allocated afresh.
   */
  readonly unchangedSince?: (v: VehicleState) => boolean;
  /** Who this vehicle should let go first into a contested cell (from the planner's reservations), or null. */
  readonly yieldTo?: (vehicleId: string, cell: number) => string | null;
}

export interface VehicleAllocation {
  readonly held: readonly number[];
  readonly limitLaneIndex: number;
  readonly limitOffsetMm: number;
  /** Vehicles holding what this one asked for and did not get (sorted, unique); empty when not blocked. */
  readonly blockedBy: readonly string[];
  /** True when the vehicle asked for space and got none of what it needed next. */
  readonly blocked: boolean;
  /** The track the allocation was made on; null when the last tick's allocation was kept. */
  readonly track: Track | null;
}

/** The stop the vehicle is heading for on its current track: the route's end, or where it stands. */
export type StopRule = (v: VehicleState, track: Track) => number;

export function allocateSpace(
  input: AllocationInput,
  vehicles: readonly VehicleState[],
  priorityOrder: readonly string[],
  stopAt: StopRule,
): Map<string, VehicleAllocation> {
  const { cells, gapMm } = input;
  const byId = new Map(vehicles.map((v) => [v.id, v]));
  const trackCache = new Map<string, Track>();
  const tracks = {
    get(id: string): Track | undefined {
      let t = trackCache.get(id);
      if (!t) {
        const v = byId.get(id);
        if (!v) return undefined;
        trackCache.set(id, (t = makeTrack(cells, v.trail, v.lane, v.offsetMm, v.route, TRACK_HORIZON_MM)));
      }
      return t;
    },
  };
  // Lane → index on each vehicle's track, nearest the nose, built once per vehicle and pass.
  const laneIndex = new Map<string, Map<string, number>>();
  const indexOf = (id: string, t: Track, lane: string) => {
    let m = laneIndex.get(id);
    if (!m) {
      m = lanesNearNose(cells, t);
      laneIndex.set(id, m);
    }
    return m.get(lane) ?? -1;
  };
  const position: LanePosition = (id, lane) => {
    const t = tracks.get(id);
    if (!t) return null;
    const k = indexOf(id, t, lane);
    if (k < 0) return null;
    const nose = t.nose - t.starts[k]!;
    return { nose, tail: nose - byId.get(id)!.spec.lengthMm };
  };
  const holdings = createHoldings(cells, vehicles, position);
  const out = new Map<string, VehicleAllocation>();

  for (const id of priorityOrder) {
    const v = byId.get(id)!;
    // A vehicle standing blocked by vehicles that have not changed since the last tick would get
    // exactly what it had: keep it, and skip the work (most of a dense yard at any moment).
    if (input.unchangedSince?.(v) && v.blockedBy.every((b) => sameHeld(holdings.heldBy(b), byId.get(b)?.held))) {
      out.set(id, { held: v.held, limitLaneIndex: v.limit.laneIndex, limitOffsetMm: v.limit.offsetMm, blockedBy: v.blockedBy, blocked: true, track: null });
      continue;
    }
    const track = tracks.get(id)!;
    const spec = v.spec;
    const tail = track.nose - spec.lengthMm - gapMm;

    // 1. What the vehicle must keep: its body and the contiguous held run ahead of its nose.
    const keep = new Set<number>();
    for (const tc of cellsFrom(cells, track, Math.max(0, tail))) {
      if (tc.start >= track.nose) break;
      keep.add(tc.cell);
    }
    const isAhead = (other: string, lane: string) => {
      const me = position(id, lane);
      const them = position(other, lane);
      return me !== null && them !== null && them.tail >= me.nose;
    };
    const sharesWithLeader = (cell: number) =>
      holdings.holdersOf(cell).some((h) => h !== id && isAhead(h, cells.cells[cell]!.lane));
    let heldEnd = track.nose;
    let following = false;
    for (const tc of cellsFrom(cells, track, track.nose)) {
      if (keep.has(tc.cell) || holdings.holds(id, tc.cell)) {
        keep.add(tc.cell);
        heldEnd = tc.end;
        // Nothing beyond a vehicle ahead is of use: keep up to the cell holding its tail.
        if (sharesWithLeader(tc.cell)) {
          following = true;
          break;
        }
      } else break;
    }
    // A vehicle whose link is lost may be anywhere up to its last limit: it keeps everything.
    if (v.status !== 'link-lost') holdings.releaseExcept(id, keep);

    // 2. Body cells not held yet (a vehicle just placed or turned round) are taken first.
    const blockers = new Set<string>();
    for (const c of keep) if (!holdings.holds(id, c)) holdings.tryGrant(id, [c], v.lane, input.closedLanes, blockers);

    // 3. Ask for the space ahead needed to keep driving, up to the stop point.
    const stop = stopAt(v, track);
    let blocked = false;
    if (input.grantsAllowed && v.status === 'ok' && !v.paused && !following && heldEnd < stop) {
      const want = Math.min(stop, track.nose + reachMm(spec, v.load.length > 0, input.tickMs, gapMm));
      const ahead = cellsFrom(cells, track, heldEnd);
      let pending: TrackCell[] = [];
      for (const tc of ahead) {
        if (tc.start >= want && pending.length === 0) break;
        pending.push(tc);
        const need = requiredReach(cells, track, pending, spec.lengthMm, gapMm, stop);
        if (tc.end < need) continue;
        const giveWay = input.yieldTo ? firstYield(pending, (c) => input.yieldTo!(id, c), cells) : null;
        if (giveWay) {
          blockers.add(giveWay);
          blocked = true;
          break;
        }
        if (!holdings.tryGrant(id, pending.map((p) => p.cell), v.lane, input.closedLanes, blockers)) {
          blocked = true;
          break;
        }
        heldEnd = tc.end;
        // Sharing a cell with a vehicle ahead: follow it, never reach past it.
        const behindSomeone = pending.some((p) => sharesWithLeader(p.cell));
        pending = [];
        if (behindSomeone) break;
      }
    }
    // Short of the held space by the gap, except at the stop point itself: a vehicle stops on its
    // stop point exactly (its body then fits the stop lane's last cell), and whoever follows keeps
    // its own gap behind.
    let limitCoord = Math.max(track.nose, stop <= heldEnd ? Math.min(stop, track.length) : Math.min(heldEnd - gapMm, track.length));

    // 4. Following: a vehicle ahead in a shared cell caps the limit at its tail minus both gaps.
    let leader: string | null = null;
    for (const tc of cellsFrom(cells, track, track.nose)) {
      if (tc.start >= limitCoord) break;
      for (const h of holdings.holdersOf(tc.cell)) {
        if (h === id) continue;
        const lane = cells.cells[tc.cell]!.lane;
        const p = position(h, lane);
        const k = indexOf(id, track, lane);
        if (!p || k < 0) continue;
        const hTail = track.starts[k]! + p.tail;
        if (hTail < track.nose) continue;
        const cap = Math.max(track.nose, hTail - 2 * gapMm);
        if (cap < limitCoord) {
          limitCoord = cap;
          leader = h;
        }
      }
    }
    if (leader && limitCoord - track.nose < gapMm && v.speedMmps === 0 && stop > limitCoord) {
      blocked = true;
      blockers.add(leader);
    }
    const limit = locate(cells, track, limitCoord);
    out.set(id, {
      held: holdings.heldBy(id),
      limitLaneIndex: limit.laneIndex - track.noseLane,
      limitOffsetMm: limit.offsetMm,
      blockedBy: [...blockers].filter((b) => b !== id).sort(),
      blocked,
      track,
    });
  }
  return out;
}

function firstYield(pending: readonly TrackCell[], ask: (cell: number) => string | null, cells: CellGraph): string | null {
  for (const p of pending) {
    const c = cells.cells[p.cell]!;
    if (!c.junction && c.block < 0) continue;
    const other = ask(p.cell);
    if (other) return other;
  }
  return null;
}

function sameHeld(now: readonly number[], before: readonly number[] | undefined): boolean {
  if (!before || now.length !== before.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return false;
  return true;
}

/** How far ahead traffic control looks along a route, mm: well past braking and junction clearance. */
export const TRACK_HORIZON_MM = 600_000;

/** How far ahead a vehicle wants space: enough to accelerate for a tick and still stop with a gap. */
function reachMm(spec: VehicleSpec, laden: boolean, tickMs: number, gapMm: number): number {
  const vmax = maxSpeedMmps(spec, laden);
  return stoppingDistanceMm(vmax, spec.serviceBrakeMmps2) + Math.ceil((vmax * tickMs) / 1000) + gapMm;
}

/**
 * The track coordinate an atomic request starting with `pending` must reach: past every junction
 * cell in it by a body length plus both gaps (box rule), and for a dead-end block all the way to
 * the stop (block rule).
 */
function requiredReach(cells: CellGraph, track: Track, pending: readonly TrackCell[], lengthMm: number, gapMm: number, stop: number): number {
  let need = -Infinity;
  for (const tc of pending) {
    const c = cells.cells[tc.cell]!;
    if (c.junction) need = Math.max(need, tc.end + lengthMm + 2 * gapMm);
    if (c.block >= 0 && cells.blocks[c.block]!.deadEnd) need = Math.max(need, stop);
  }
  return Math.min(need, track.length);
}

export type { Holdings };
