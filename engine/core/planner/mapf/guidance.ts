/**
 * Guidance for lifelong MAPF: a cost per directed edge that PIBT's distance tables are computed
 * with, so agents prefer some directions over others without any move being forbidden (a
 * "guidance graph": Zhang et al., "Guidance Graph Optimization for Lifelong MAPF", IJCAI 2024).
 * Plain shortest paths send agents head-on into each other in one-cell corridors and narrow
 * passages, and PIBT then resolves every meeting by pushing one of them back. With crisscross
 * highways (Cohen, Uras and Koenig, SoCS 2015) rows and columns alternate their cheap direction,
 * so traffic settles into opposite one-way lanes side by side, like one-way streets in a city grid.
 */
import type { GridGraph, MapfGraph } from './mapf-graph.ts';

/** Step costs (positive integers) per directed edge, aligned with a MapfGraph's CSR arrays. */
export interface EdgeCosts {
  /** Cost of out-edge k, i.e. of the move v → adj[k]. */
  readonly out: Int32Array;
  /** Cost of in-edge k, i.e. of the move inAdj[k] → v (the same moves, indexed for backward searches). */
  readonly in: Int32Array;
  /** Largest cost: what one move costs at most. */
  readonly max: number;
}

/** Costs from `cost(u, v)` for every edge u → v of `graph`; throws unless each is a positive integer below 2^16. */
export function edgeCosts(graph: MapfGraph, cost: (from: number, to: number) => number): EdgeCosts {
  const out = new Int32Array(graph.adj.length);
  const inn = new Int32Array(graph.inAdj.length);
  let max = 1;
  const checked = (u: number, v: number) => {
    const c = cost(u, v);
    if (!Number.isInteger(c) || c < 1 || c >= 1 << 16) throw new RangeError(`edgeCosts: cost of ${u} → ${v} must be a positive integer below 65536, got ${c}`);
    if (c > max) max = c;
    return c;
  };
  for (let v = 0; v < graph.n; v++) {
    for (let k = graph.off[v]!; k < graph.off[v + 1]!; k++) out[k] = checked(v, graph.adj[k]!);
    for (let k = graph.inOff[v]!; k < graph.inOff[v + 1]!; k++) inn[k] = checked(graph.inAdj[k]!, v);
  }
  return { out, in: inn, max };
}

/**
 * Crisscross highways on a grid: along even rows east is cheap, along odd rows west; down even
 * columns south is cheap, down odd columns north. Cheap moves cost `along`, the others `against`
 * (default 1 and 2: rather than L moves against the flow, an agent takes up to L extra moves with it). Measured
 * over the lifelong benchmark (planning.md maps, 3 seeds × 2000 steps), 1:2 beat 2:3, 3:4 and 3:5.
 */
export function crisscrossCosts(grid: GridGraph, along = 1, against = 2): EdgeCosts {
  const { width, cellOfNode } = grid;
  return edgeCosts(grid, (u, v) => {
    const cu = cellOfNode[u]!;
    const cv = cellOfNode[v]!;
    const xu = cu % width;
    const yu = (cu - xu) / width;
    const xv = cv % width;
    if (xv !== xu) return (yu % 2 === 0) === xv > xu ? along : against;
    return (xu % 2 === 0) === cv > cu ? along : against;
  });
}
