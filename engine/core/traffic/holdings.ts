/**
 * Who holds which cell during one allocation pass, with the single-track block bookkeeping.
 * Built from the vehicles' `held` lists at the start of the pass; local to the pass (its working
 * space is handed on to the next pass once it is `done`). Arrays are indexed by cell id: this runs
 * for every vehicle every tick.
 *
 * A plain cell may be shared by vehicles following one another along its lane (a convoy, a
 * queue): the one behind may hold the cell where the one ahead has its tail, and its travel limit
 * then stops it short of that tail (see `space-allocator.ts`). Junction cells are never shared,
 * nor is any cell across paths: conflicts between different paths are always exclusive.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import type { VehicleState } from '../model/world.ts';
import { cellTables } from '../graph/cell-tables.ts';

/** Where a vehicle's nose and tail are along a lane of its track (mm, lane coordinates; may be < 0 or > length). */
export type LanePosition = (vehicle: string, lane: string) => { nose: number; tail: number } | null;

export interface Holdings {
  holdersOf(cell: number): readonly string[];
  holds(vehicle: string, cell: number): boolean;
  /** Grants every cell or none. Adds the ids of whoever stands in the way to `blockers`. */
  tryGrant(vehicle: string, want: readonly number[], noseLane: string, closedLanes: ReadonlySet<string>, blockers: Blockers): boolean;
  /** Releases every cell the vehicle holds that is not in `keep` (a few cells). */
  releaseExcept(vehicle: string, keep: readonly number[]): void;
  /** Cells the vehicle holds, sorted (a shared answer: do not mutate it). */
  heldBy(vehicle: string): readonly number[];
  /** The pass is over: nothing is asked of these holdings again (their working space is reused). */
  done(): void;
}

/** Where tryGrant reports who stands in the way (a Set will do). */
export interface Blockers {
  add(vehicle: string): unknown;
}

const NONE: readonly string[] = Object.freeze([]);

/** Ascending copy of a short list of distinct cell ids (insertion sort: no scratch allocation). */
function sortedCopy(list: readonly number[]): number[] {
  const out = list.slice();
  for (let i = 1; i < out.length; i++) {
    const x = out[i]!;
    let j = i - 1;
    while (j >= 0 && out[j]! > x) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = x;
  }
  return out;
}

function strictlyAscending(list: readonly number[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! >= list[i]!) return false;
  return true;
}

/** What the pass knows of one vehicle: the cells it holds (in the order taken) and their sorted copy. */
interface VehicleHold {
  /** The pass that filled this entry in (entries of other passes are stale: the vehicle holds nothing). */
  stamp: number;
  /** Cells held, in the order taken; the record's own `held` array until first changed (`borrowed`). */
  cells: number[];
  borrowed: boolean;
  /** heldBy()'s answer, until the vehicle's holdings change (asked for every blocker of every waiting vehicle). */
  sorted: readonly number[] | null;
}

/**
 * What a pass works in, kept for the next pass on the same cell graph once this one is `done`
 * (one pass over a dense yard would otherwise allocate a list per held cell and two maps by
 * vehicle, all garbage a moment later).
 */
interface Scratch {
  stamp: number;
  /** Per cell: who holds it, in the order granted (an empty list once released). */
  readonly holders: (string[] | undefined)[];
  /** Cells whose list was written this pass (to empty at the next). */
  touched: number[];
  readonly byVehicle: Map<string, VehicleHold>;
}

const idle = new WeakMap<CellGraph, Scratch>();

function takeScratch(cells: CellGraph, vehicleCount: number): Scratch {
  let s = idle.get(cells);
  if (s === undefined) return { stamp: 1, holders: new Array<string[] | undefined>(cells.cells.length), touched: [], byVehicle: new Map() };
  idle.delete(cells);
  const { holders, touched } = s;
  // Emptied by pop(): `length = 0` drops an array's backing store, and every list would be
  // allocated again as it is refilled.
  while (touched.length > 0) {
    const list = holders[touched.pop()!]!;
    while (list.length > 0) list.pop();
  }
  // Ids of other fleets (another run on the same graph) are dropped now and then.
  if (s.byVehicle.size > 4 * vehicleCount + 64) s.byVehicle.clear();
  s.stamp++;
  return s;
}

/** The vehicle's entry in this pass, or undefined when it holds nothing and was never asked about. */
function entryIn(s: Scratch, v: string): VehicleHold | undefined {
  const e = s.byVehicle.get(v);
  return e !== undefined && e.stamp === s.stamp ? e : undefined;
}

/** The vehicle's entry, made (holding nothing) when missing. */
function entryMade(s: Scratch, v: string): VehicleHold {
  let e = s.byVehicle.get(v);
  if (e === undefined) s.byVehicle.set(v, (e = { stamp: s.stamp, cells: [], borrowed: false, sorted: null }));
  else if (e.stamp !== s.stamp) {
    e.stamp = s.stamp;
    e.cells = [];
    e.borrowed = false;
    e.sorted = null;
  }
  return e;
}

/** The vehicle's cells, its own to change. */
function ownCells(e: VehicleHold): number[] {
  if (e.borrowed) {
    e.cells = e.cells.slice();
    e.borrowed = false;
  }
  return e.cells;
}

/** The holders of cell `c`, to add to (noted as written). */
function holderListOf(s: Scratch, c: number): string[] {
  let list = s.holders[c];
  if (list === undefined) s.holders[c] = list = [];
  if (list.length === 0) s.touched.push(c);
  return list;
}

/**
 * @param position where vehicles stand along lanes, for sharing cells in a convoy; without it
 * every cell is exclusive.
 */
export function createHoldings(cells: CellGraph, vehicles: readonly Pick<VehicleState, 'id' | 'held'>[], position?: LanePosition): Holdings {
  const all = cells.cells;
  const blockOf = cellTables(cells).block;
  const scratch = takeScratch(cells, vehicles.length);
  const { holders, byVehicle, stamp } = scratch;
  // block id → vehicle → lane it holds in the block (any one: all its lanes there go one way)
  const blockUse = new Map<number, Map<string, string>>();

  const add = (v: string, c: number) => {
    const list = holders[c];
    if (list !== undefined && list.includes(v)) return;
    holderListOf(scratch, c).push(v);
    const e = entryMade(scratch, v);
    ownCells(e).push(c);
    e.sorted = null;
    const b = blockOf[c]!;
    if (b >= 0) {
      let use = blockUse.get(b);
      if (!use) blockUse.set(b, (use = new Map()));
      use.set(v, all[c]!.lane);
    }
  };
  const remove = (v: string, c: number) => {
    const list = holders[c];
    if (list) {
      const i = list.indexOf(v);
      if (i >= 0) list.splice(i, 1);
    }
    const e = entryIn(scratch, v);
    let mine: number[] | undefined;
    if (e !== undefined) {
      mine = ownCells(e);
      const i = mine.indexOf(c);
      if (i >= 0) mine.splice(i, 1);
      e.sorted = null;
    }
    const cell = all[c]!;
    if (cell.block >= 0) {
      const stillIn = mine?.find((o) => all[o]!.block === cell.block);
      const use = blockUse.get(cell.block);
      if (stillIn === undefined) use?.delete(v);
      else use?.set(v, all[stillIn]!.lane);
    }
  };
  for (const v of vehicles) {
    const held = v.held;
    if (held.length === 0) continue;
    // A record's `held` is sorted and distinct, and no two vehicles are met twice: then what
    // `add` would do cell by cell comes down to this, with `held` itself as the sorted answer.
    let e = byVehicle.get(v.id);
    if (!strictlyAscending(held) || (e !== undefined && e.stamp === stamp)) {
      for (const c of held) add(v.id, c);
      continue;
    }
    for (let i = 0; i < held.length; i++) {
      const c = held[i]!;
      holderListOf(scratch, c).push(v.id);
      const b = blockOf[c]!;
      if (b >= 0) {
        let use = blockUse.get(b);
        if (!use) blockUse.set(b, (use = new Map()));
        use.set(v.id, all[c]!.lane);
      }
    }
    if (e === undefined) byVehicle.set(v.id, (e = { stamp, cells: held as number[], borrowed: true, sorted: held }));
    else {
      e.stamp = stamp;
      e.cells = held as number[];
      e.borrowed = true;
      e.sorted = held;
    }
  }

  /** Two vehicles may share a plain cell when one is wholly behind the other along its lane. */
  const inLine = (a: string, b: string, c: number): boolean => {
    const cell = all[c]!;
    if (!position || cell.junction) return false;
    const pa = position(a, cell.lane);
    const pb = position(b, cell.lane);
    if (!pa || !pb) return false;
    return pa.nose <= pb.tail || pb.nose <= pa.tail;
  };

  return {
    holdersOf: (c) => holders[c] ?? NONE,
    holds: (v, c) => holders[c]?.includes(v) ?? false,
    tryGrant(vehicle, want, noseLane, closedLanes, blockers) {
      let ok = true;
      for (let w = 0; w < want.length; w++) {
        const c = want[w]!;
        const cell = all[c]!;
        const here = holders[c];
        if (cell.lane !== noseLane && closedLanes.size > 0 && closedLanes.has(cell.lane) && !here?.includes(vehicle)) ok = false;
        if (here) {
          for (let i = 0; i < here.length; i++) {
            const h = here[i]!;
            if (h !== vehicle && !inLine(vehicle, h, c)) {
              blockers.add(h);
              ok = false;
            }
          }
        }
        const conflicts = cell.conflicts;
        for (let k = 0; k < conflicts.length; k++) {
          const there = holders[conflicts[k]!];
          if (!there) continue;
          for (let i = 0; i < there.length; i++) {
            const ho = there[i]!;
            if (ho !== vehicle) {
              blockers.add(ho);
              ok = false;
            }
          }
        }
        if (cell.block >= 0) {
          const block = cells.blocks[cell.block]!;
          const use = blockUse.get(cell.block);
          if (use && !use.has(vehicle)) {
            const mine = block.towards.get(cell.lane);
            for (const [other, lane] of use) {
              if (other === vehicle) continue;
              if (block.deadEnd || block.towards.get(lane) !== mine) {
                blockers.add(other);
                ok = false;
              }
            }
          }
        }
      }
      if (ok) for (let w = 0; w < want.length; w++) add(vehicle, want[w]!);
      return ok;
    },
    releaseExcept(vehicle, keep) {
      const e = entryIn(scratch, vehicle);
      if (e === undefined) return;
      const mine = e.cells;
      // Removing changes the list: walk a copy only when something goes.
      let goes = false;
      for (let i = 0; i < mine.length; i++) if (!keep.includes(mine[i]!)) { goes = true; break; }
      if (!goes) return;
      for (const c of mine.slice()) if (!keep.includes(c)) remove(vehicle, c);
    },
    heldBy(vehicle) {
      const e = entryMade(scratch, vehicle);
      if (e.sorted === null) e.sorted = sortedCopy(e.cells);
      return e.sorted;
    },
    done() {
      if (!idle.has(cells)) idle.set(cells, scratch);
    },
  };
}
