/**
 * Who holds which cell during one allocation pass, with the single-track block bookkeeping.
 * Built from the vehicles' `held` lists at the start of the pass; local to the pass. Arrays are
 * indexed by cell id: this runs for every vehicle every tick.
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
  tryGrant(vehicle: string, want: readonly number[], noseLane: string, closedLanes: ReadonlySet<string>, blockers: Set<string>): boolean;
  /** Releases every cell the vehicle holds that is not in `keep`. */
  releaseExcept(vehicle: string, keep: ReadonlySet<number>): void;
  /** Cells the vehicle holds, sorted (a shared answer: do not mutate it). */
  heldBy(vehicle: string): readonly number[];
}

const NONE: readonly string[] = Object.freeze([]);
const NO_CELLS: readonly number[] = Object.freeze([]);

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

/**
 * @param position where vehicles stand along lanes, for sharing cells in a convoy; without it
 * every cell is exclusive.
 */
export function createHoldings(cells: CellGraph, vehicles: readonly Pick<VehicleState, 'id' | 'held'>[], position?: LanePosition): Holdings {
  const all = cells.cells;
  const blockOf = cellTables(cells).block;
  const holders: (string[] | undefined)[] = new Array(all.length);
  const owned = new Map<string, number[]>();
  // block id → vehicle → lane it holds in the block (any one: all its lanes there go one way)
  const blockUse = new Map<number, Map<string, string>>();
  // heldBy() answers, until the vehicle's holdings change (asked for every blocker of every waiting vehicle).
  const sorted = new Map<string, readonly number[]>();

  const add = (v: string, c: number) => {
    const list = holders[c];
    if (!list) holders[c] = [v];
    else if (!list.includes(v)) list.push(v);
    else return;
    const mine = owned.get(v);
    if (mine) mine.push(c);
    else owned.set(v, [c]);
    sorted.delete(v);
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
      if (list.length === 0) holders[c] = undefined;
    }
    const mine = owned.get(v);
    if (mine) {
      const i = mine.indexOf(c);
      if (i >= 0) mine.splice(i, 1);
    }
    sorted.delete(v);
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
    if (!strictlyAscending(held) || owned.has(v.id)) {
      for (const c of held) add(v.id, c);
      continue;
    }
    for (let i = 0; i < held.length; i++) {
      const c = held[i]!;
      const list = holders[c];
      if (!list) holders[c] = [v.id];
      else list.push(v.id);
      const b = blockOf[c]!;
      if (b >= 0) {
        let use = blockUse.get(b);
        if (!use) blockUse.set(b, (use = new Map()));
        use.set(v.id, all[c]!.lane);
      }
    }
    owned.set(v.id, held.slice());
    sorted.set(v.id, held);
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
      for (const c of want) {
        const cell = all[c]!;
        const here = holders[c];
        if (cell.lane !== noseLane && closedLanes.size > 0 && closedLanes.has(cell.lane) && !here?.includes(vehicle)) ok = false;
        if (here) {
          for (const h of here) {
            if (h !== vehicle && !inLine(vehicle, h, c)) {
              blockers.add(h);
              ok = false;
            }
          }
        }
        for (const o of cell.conflicts) {
          const there = holders[o];
          if (!there) continue;
          for (const ho of there) {
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
      if (ok) for (const c of want) add(vehicle, c);
      return ok;
    },
    releaseExcept(vehicle, keep) {
      const mine = owned.get(vehicle);
      if (!mine) return;
      for (const c of [...mine]) if (!keep.has(c)) remove(vehicle, c);
    },
    heldBy(vehicle) {
      let list = sorted.get(vehicle);
      if (!list) sorted.set(vehicle, (list = sortedCopy(owned.get(vehicle) ?? NO_CELLS)));
      return list;
    },
  };
}
