/**
 * The per-cell facts the per-tick traffic and safety passes read for thousands of held cells,
 * laid out as typed arrays indexed by cell id: reading them touches a few bytes instead of a whole
 * cell object each (those reads were the cost of the passes at large fleets). Derived once per
 * cell graph, never changed.
 */
import type { CellGraph } from './cell-graph.ts';

export interface CellTables {
  /** 1 when the cell is a junction cell, else 0. */
  readonly junction: Uint8Array;
  /** Single-track block id of the cell, -1 off blocks. */
  readonly block: Int32Array;
  /** Conflicts of cell c are `conflictList[conflictStart[c] .. conflictStart[c + 1])`, in `Cell.conflicts` order. */
  readonly conflictStart: Int32Array;
  readonly conflictList: Int32Array;
}

const tablesByGraph = new WeakMap<CellGraph, CellTables>();

/** The typed per-cell tables of `cells` (built on first call, then shared). */
export function cellTables(cells: CellGraph): CellTables {
  let t = tablesByGraph.get(cells);
  if (t) return t;
  const all = cells.cells;
  const junction = new Uint8Array(all.length);
  const block = new Int32Array(all.length);
  const conflictStart = new Int32Array(all.length + 1);
  let total = 0;
  for (let c = 0; c < all.length; c++) {
    const cell = all[c]!;
    junction[c] = cell.junction ? 1 : 0;
    block[c] = cell.block;
    conflictStart[c] = total;
    total += cell.conflicts.length;
  }
  conflictStart[all.length] = total;
  const conflictList = new Int32Array(total);
  for (let c = 0; c < all.length; c++) conflictList.set(all[c]!.conflicts, conflictStart[c]!);
  t = { junction, block, conflictStart, conflictList };
  tablesByGraph.set(cells, t);
  return t;
}
