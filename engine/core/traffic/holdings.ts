/**
 * Who holds which cell during one allocation pass, with the single-track block bookkeeping.
 * Built from the vehicles' `held` lists at the start of the pass; local to the pass.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import type { VehicleState } from '../model/world.ts';

export interface Holdings {
  holderOf(cell: number): string | null;
  /** Grants every cell or none. Adds the ids of whoever stands in the way to `blockers`. */
  tryGrant(vehicle: string, want: readonly number[], noseLane: string, closedLanes: ReadonlySet<string>, blockers: Set<string>): boolean;
  /** Releases every cell the vehicle holds that is not in `keep`. */
  releaseExcept(vehicle: string, keep: ReadonlySet<number>): void;
  heldBy(vehicle: string): number[];
}

export function createHoldings(cells: CellGraph, vehicles: readonly VehicleState[]): Holdings {
  const holder = new Map<number, string>();
  const owned = new Map<string, Set<number>>();
  // block id → vehicle → lane it holds in the block (any one: all its lanes there go one way)
  const blockUse = new Map<number, Map<string, string>>();

  const add = (v: string, c: number) => {
    holder.set(c, v);
    let set = owned.get(v);
    if (!set) owned.set(v, (set = new Set()));
    set.add(c);
    const cell = cells.cells[c]!;
    if (cell.block >= 0) {
      let use = blockUse.get(cell.block);
      if (!use) blockUse.set(cell.block, (use = new Map()));
      use.set(v, cell.lane);
    }
  };
  const remove = (v: string, c: number) => {
    if (holder.get(c) === v) holder.delete(c);
    owned.get(v)?.delete(c);
    const cell = cells.cells[c]!;
    if (cell.block >= 0) {
      const stillIn = [...(owned.get(v) ?? [])].find((o) => cells.cells[o]!.block === cell.block);
      const use = blockUse.get(cell.block);
      if (stillIn === undefined) use?.delete(v);
      else use?.set(v, cells.cells[stillIn]!.lane);
    }
  };
  for (const v of vehicles) for (const c of v.held) add(v.id, c);

  return {
    holderOf: (c) => holder.get(c) ?? null,
    tryGrant(vehicle, want, noseLane, closedLanes, blockers) {
      let ok = true;
      for (const c of want) {
        const cell = cells.cells[c]!;
        if (cell.lane !== noseLane && closedLanes.has(cell.lane) && holder.get(c) !== vehicle) ok = false;
        const h = holder.get(c);
        if (h !== undefined && h !== vehicle) {
          blockers.add(h);
          ok = false;
        }
        for (const o of cell.conflicts) {
          const ho = holder.get(o);
          if (ho !== undefined && ho !== vehicle) {
            blockers.add(ho);
            ok = false;
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
      for (const c of [...(owned.get(vehicle) ?? [])]) if (!keep.has(c)) remove(vehicle, c);
    },
    heldBy: (vehicle) => [...(owned.get(vehicle) ?? [])].sort((a, b) => a - b),
  };
}
