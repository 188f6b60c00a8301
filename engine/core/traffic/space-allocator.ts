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
import type { Cell, CellGraph } from '../graph/cell-graph.ts';
import { laneAt, laneIndexNearNose, locate, type Track } from '../motion/track.ts';
import { recordTrack, TRACK_HORIZON_MM } from '../motion/record-track.ts';
import { maxSpeedMmps, type VehicleSpec } from '../model/vehicle-spec.ts';
import { stoppingDistanceMm } from '../motion/kinematics.ts';
import type { VehicleState } from '../model/world.ts';
import { sameList } from '../util/same-list.ts';
import { createHoldings, type Holdings, type LanePosition } from './holdings.ts';
import { empty, facts, type StopRule } from './record-facts.ts';

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

export type { StopRule };

export function allocateSpace(
  input: AllocationInput,
  vehicles: readonly VehicleState[],
  priorityOrder: readonly string[],
  stopAt: StopRule,
): Map<string, VehicleAllocation> {
  const { cells } = input;
  const byId = vehiclesById(vehicles);
  const position: LanePosition = (id, lane) => (along(cells, byId, id, lane) ? { nose: alongNose, tail: alongTail } : null);
  const pass: Pass = { input, stopAt, byId, holdings: createHoldings(cells, vehicles, position) };
  const out = new Map<string, VehicleAllocation>();
  for (const id of priorityOrder) out.set(id, allocateOne(pass, byId.get(id)!));
  pass.holdings.done();
  return out;
}

// The last pass's map of vehicles by id and the ids it was made from, in order: brought up to date
// for the next pass when the ids are the same (most records are too; a fresh map of thousands
// of vehicles every tick is garbage).
let lastById: { readonly map: Map<string, VehicleState>; readonly ids: string[] } | null = null;

/** `vehicles` by id (the last of a repeated id wins), as a map owned by this module. */
function vehiclesById(vehicles: readonly VehicleState[]): ReadonlyMap<string, VehicleState> {
  const last = lastById;
  if (last !== null && last.ids.length === vehicles.length) {
    const { map, ids } = last;
    let same = true;
    for (let i = 0; i < vehicles.length; i++) {
      const v = vehicles[i]!;
      if (v.id !== ids[i]) {
        same = false;
        break;
      }
      if (map.get(v.id) !== v) map.set(v.id, v);
    }
    if (same) return map;
  }
  const map = new Map<string, VehicleState>();
  const ids: string[] = [];
  for (const v of vehicles) {
    map.set(v.id, v);
    ids.push(v.id);
  }
  lastById = { map, ids };
  return map;
}

/** One allocation pass: the vehicles by id, who holds what so far, where vehicles stand along lanes. */
interface Pass {
  readonly input: AllocationInput;
  readonly stopAt: StopRule;
  readonly byId: ReadonlyMap<string, VehicleState>;
  readonly holdings: Holdings;
}

// `along`'s answer (a pair of numbers asked for a great many times a pass: no object for it).
let alongNose = 0;
let alongTail = 0;

/**
 * Where vehicle `id` stands along `lane` of its track (the lane's occurrence nearest the nose),
 * lane coordinates in mm: sets `alongNose` and `alongTail` and returns true; false when the
 * vehicle is unknown or its track does not take in the lane (the LanePosition's null).
 */
function along(cells: CellGraph, byId: ReadonlyMap<string, VehicleState>, id: string, lane: string): boolean {
  const v = byId.get(id);
  if (!v) return false;
  const t = recordTrack(cells, v);
  const k = laneIndexNearNose(cells, t, lane);
  if (k < 0) return false;
  alongNose = t.nose - t.starts[k]!;
  alongTail = alongNose - v.spec.lengthMm;
  return true;
}

/** Whether a vehicle other than `id` holding `cell` stands wholly ahead of `id` along the cell's lane. */
function sharesWithLeader(pass: Pass, id: string, cell: Cell): boolean {
  const holders = pass.holdings.holdersOf(cell.id);
  const cells = pass.input.cells;
  // Where `id` stands: 1 known, -1 not on the lane, 0 not asked yet.
  let me = 0;
  let meNose = 0;
  for (let i = 0; i < holders.length; i++) {
    const h = holders[i]!;
    if (h === id) continue;
    if (me === 0) {
      me = along(cells, pass.byId, id, cell.lane) ? 1 : -1;
      meNose = alongNose;
    }
    if (me > 0 && along(cells, pass.byId, h, cell.lane) && alongTail >= meNose) return true;
  }
  return false;
}

/** True when every blocker of `v` still holds, in this pass, what its record says. */
function blockersUnchanged(pass: Pass, v: VehicleState): boolean {
  for (let i = 0; i < v.blockedBy.length; i++) {
    const b = v.blockedBy[i]!;
    if (!sameList(pass.holdings.heldBy(b), pass.byId.get(b)?.held)) return false;
  }
  return true;
}

const NO_BLOCKERS: readonly string[] = Object.freeze([]);

// The walks along a track below visit its cells from a coordinate `a` on, in driving order, as
// `cellsFrom` yields them: lanes from the one holding `a`, cells ending at or before `a` skipped.
function allocateOne(pass: Pass, v: VehicleState): VehicleAllocation {
  const { input, holdings } = pass;
  const { cells, gapMm } = input;
  const id = v.id;
  // A vehicle standing blocked by vehicles that have not changed since the last tick would get
  // exactly what it had: keep it, and skip the work (most of a dense yard at any moment).
  if (input.unchangedSince?.(v) && blockersUnchanged(pass, v)) {
    return { held: v.held, limitLaneIndex: v.limit.laneIndex, limitOffsetMm: v.limit.offsetMm, blockedBy: v.blockedBy, blocked: true, track: null };
  }
  const f = facts(cells, gapMm, v, pass.stopAt);
  const track = f.track;
  const nose = track.nose;
  const laneCount = track.lanes.length;
  // A vehicle that asks for nothing beyond where it stands (parked, served, charging, broken)
  // and holds exactly its body keeps exactly that, whatever the others do: each step below
  // would leave it unchanged (nothing to release, to grant or to ask for; its limit is its nose).
  if (f.settled && sameList(v.held, f.bodySorted)) {
    return { held: v.held, limitLaneIndex: f.settledLaneIndex, limitOffsetMm: f.settledOffsetMm, blockedBy: NO_BLOCKERS, blocked: false, track };
  }
  const spec = v.spec;

  // 1. What the vehicle must keep: its body and the contiguous held run ahead of its nose.
  // (A few cells, distinct, in the order met: a list reused from one vehicle to the next.)
  const keep = KEEP;
  empty(keep);
  for (let i = 0; i < f.body.length; i++) keep.push(f.body[i]!);
  let heldEnd = nose;
  let following = false;
  keepRun: for (let i = laneAt(track, nose); i < laneCount; i++) {
    const s = track.starts[i]!;
    const list = track.infos[i]!.cells;
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      const end = s + c.s1;
      if (end <= nose) continue;
      const kept = keep.includes(c.id);
      if (!kept && !holdings.holds(id, c.id)) break keepRun;
      if (!kept) keep.push(c.id);
      heldEnd = end;
      // Nothing beyond a vehicle ahead is of use: keep up to the cell holding its tail.
      if (sharesWithLeader(pass, id, c)) {
        following = true;
        break keepRun;
      }
    }
  }
  // A vehicle whose link is lost may be anywhere up to its last limit: it keeps everything.
  if (v.status !== 'link-lost') holdings.releaseExcept(id, keep);

  // 2. Body cells not held yet (a vehicle just placed or turned round) are taken first.
  const blockers = BLOCKERS;
  empty(blockers.list);
  for (let i = 0; i < keep.length; i++) {
    const c = keep[i]!;
    if (holdings.holds(id, c)) continue;
    empty(WANT);
    WANT.push(c);
    holdings.tryGrant(id, WANT, v.lane, input.closedLanes, blockers);
  }

  // 3. Ask for the space ahead needed to keep driving, up to the stop point.
  const stop = f.stop;
  let blocked = false;
  if (input.grantsAllowed && v.status === 'ok' && !v.paused && !following && heldEnd < stop) {
    const want = Math.min(stop, nose + reachMm(spec, v.load.length > 0, input.tickMs, gapMm));
    const from = heldEnd;
    // The request being built (granted all or none): its cells and their track coordinates.
    const pending = PENDING;
    const pendingEnds = PENDING_ENDS;
    empty(pending);
    empty(pendingEnds);
    ask: for (let i = laneAt(track, from); i < laneCount; i++) {
      const s = track.starts[i]!;
      const list = track.infos[i]!.cells;
      for (let j = 0; j < list.length; j++) {
        const c = list[j]!;
        const end = s + c.s1;
        if (end <= from) continue;
        if (s + c.s0 >= want && pending.length === 0) break ask;
        pending.push(c);
        pendingEnds.push(end);
        const need = requiredReach(cells, track, pending, pendingEnds, spec.lengthMm, gapMm, stop);
        if (end < need) continue;
        const giveWay = input.yieldTo ? firstYield(pending, id, input.yieldTo) : null;
        if (giveWay) {
          blockers.add(giveWay);
          blocked = true;
          break ask;
        }
        empty(WANT);
        for (let k = 0; k < pending.length; k++) WANT.push(pending[k]!.id);
        if (!holdings.tryGrant(id, WANT, v.lane, input.closedLanes, blockers)) {
          blocked = true;
          break ask;
        }
        heldEnd = end;
        // Sharing a cell with a vehicle ahead: follow it, never reach past it.
        let behindSomeone = false;
        for (let k = 0; k < pending.length; k++) {
          if (sharesWithLeader(pass, id, pending[k]!)) {
            behindSomeone = true;
            break;
          }
        }
        empty(pending);
        empty(pendingEnds);
        if (behindSomeone) break ask;
      }
    }
  }
  // Short of the held space by the gap, except at the stop point itself: a vehicle stops on its
  // stop point exactly (its body then fits the stop lane's last cell), and whoever follows keeps
  // its own gap behind.
  let limitCoord = Math.max(nose, stop <= heldEnd ? Math.min(stop, track.length) : Math.min(heldEnd - gapMm, track.length));

  // 4. Following: a vehicle ahead in a shared cell caps the limit at its tail minus both gaps.
  let leader: string | null = null;
  follow: for (let i = laneAt(track, nose); i < laneCount; i++) {
    const s = track.starts[i]!;
    const list = track.infos[i]!.cells;
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      if (s + c.s1 <= nose) continue;
      if (s + c.s0 >= limitCoord) break follow;
      const holders = holdings.holdersOf(c.id);
      for (let q = 0; q < holders.length; q++) {
        const h = holders[q]!;
        if (h === id) continue;
        if (!along(cells, pass.byId, h, c.lane)) continue;
        const hTail0 = alongTail;
        const k = laneIndexNearNose(cells, track, c.lane);
        if (k < 0) continue;
        const hTail = track.starts[k]! + hTail0;
        if (hTail < nose) continue;
        const cap = Math.max(nose, hTail - 2 * gapMm);
        if (cap < limitCoord) {
          limitCoord = cap;
          leader = h;
        }
      }
    }
  }
  if (leader && limitCoord - nose < gapMm && v.speedMmps === 0 && stop > limitCoord) {
    blocked = true;
    blockers.add(leader);
  }
  const limit = locate(cells, track, limitCoord);
  let blockedBy: readonly string[] = NO_BLOCKERS;
  if (blockers.list.length > 0) {
    const list: string[] = [];
    for (const b of blockers.list) if (b !== id) list.push(b);
    if (list.length > 1) list.sort();
    blockedBy = list;
  }
  return {
    held: holdings.heldBy(id),
    limitLaneIndex: limit.laneIndex - track.noseLane,
    limitOffsetMm: limit.offsetMm,
    blockedBy,
    blocked,
    track,
  };
}

// Scratch lists of allocateOne (one vehicle at a time; never kept): the cells to keep, a request
// (as cells and ids, with the cells' track coordinates), and who stands in the way (distinct, in the
// order met, as a Set would keep them).
const KEEP: number[] = [];
const WANT: number[] = [];
const PENDING: Cell[] = [];
const PENDING_ENDS: number[] = [];
const BLOCKERS = {
  list: [] as string[],
  add(vehicle: string): void {
    if (!this.list.includes(vehicle)) this.list.push(vehicle);
  },
};


function firstYield(pending: readonly Cell[], id: string, ask: (vehicleId: string, cell: number) => string | null): string | null {
  for (const c of pending) {
    if (!c.junction && c.block < 0) continue;
    const other = ask(id, c.id);
    if (other) return other;
  }
  return null;
}

export { TRACK_HORIZON_MM };

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
function requiredReach(cells: CellGraph, track: Track, pending: readonly Cell[], ends: readonly number[], lengthMm: number, gapMm: number, stop: number): number {
  let need = -Infinity;
  for (let i = 0; i < pending.length; i++) {
    const c = pending[i]!;
    if (c.junction) need = Math.max(need, ends[i]! + lengthMm + 2 * gapMm);
    if (c.block >= 0 && cells.blocks[c.block]!.deadEnd) need = Math.max(need, stop);
  }
  return Math.min(need, track.length);
}

export type { Holdings };
