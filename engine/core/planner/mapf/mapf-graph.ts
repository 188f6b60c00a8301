/**
 * The graph MAPF solvers work on: nodes 0..n-1 and out-edges in compressed sparse rows (CSR), so
 * the hot loops read two Int32Arrays and allocate nothing. Grids (MovingAI maps) and the engine's
 * lane graph (planner/place-graph.ts) both compile to this; the solvers never see cells or lanes.
 */

/** "No agent" / "no node" in the solvers' Int32Arrays. */
export const NONE = -1;

export interface MapfGraph {
  /** Number of nodes; ids are 0..n-1. */
  readonly n: number;
  /** Out-neighbours of v are `adj[off[v]] .. adj[off[v + 1] - 1]`. Length n + 1. */
  readonly off: Int32Array;
  readonly adj: Int32Array;
  /** In-neighbours, same layout (the same arrays when every edge goes both ways). */
  readonly inOff: Int32Array;
  readonly inAdj: Int32Array;
  /** Largest out-degree. */
  readonly maxDegree: number;
}

/** A grid seen as a graph: node ids in row-major order of the passable cells. */
export interface GridGraph extends MapfGraph {
  readonly width: number;
  readonly height: number;
  /** Node id of cell y * width + x, or -1 where the cell is blocked. */
  readonly nodeOfCell: Int32Array;
  /** Cell index (y * width + x) of each node. */
  readonly cellOfNode: Int32Array;
}

/**
 * 4-connected grid graph (unit moves N/E/S/W). `passable[y * width + x]` is non-zero for free
 * cells. Neighbours are listed in a fixed order (up, left, right, down) so results are repeatable.
 */
export function gridGraph(width: number, height: number, passable: Uint8Array): GridGraph {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || passable.length !== width * height) {
    throw new RangeError(`gridGraph: bad dimensions ${width}x${height} for ${passable.length} cells`);
  }
  const nodeOfCell = new Int32Array(width * height).fill(-1);
  let n = 0;
  for (let c = 0; c < passable.length; c++) if (passable[c]) nodeOfCell[c] = n++;
  const cellOfNode = new Int32Array(n);
  const off = new Int32Array(n + 1);
  const adj: number[] = [];
  let maxDegree = 0;
  for (let c = 0; c < passable.length; c++) {
    const v = nodeOfCell[c]!;
    if (v < 0) continue;
    cellOfNode[v] = c;
    const x = c % width;
    const y = (c - x) / width;
    const start = adj.length;
    if (y > 0 && passable[c - width]) adj.push(nodeOfCell[c - width]!);
    if (x > 0 && passable[c - 1]) adj.push(nodeOfCell[c - 1]!);
    if (x + 1 < width && passable[c + 1]) adj.push(nodeOfCell[c + 1]!);
    if (y + 1 < height && passable[c + width]) adj.push(nodeOfCell[c + width]!);
    off[v + 1] = adj.length;
    maxDegree = Math.max(maxDegree, adj.length - start);
  }
  const adjArr = Int32Array.from(adj);
  return { n, off, adj: adjArr, inOff: off, inAdj: adjArr, maxDegree, width, height, nodeOfCell, cellOfNode };
}

/**
 * Graph from directed edges `from[k] → to[k]` over nodes 0..n-1 (a lane graph: give both
 * directions of a two-way lane). Duplicate edges and self-loops are dropped (waiting is always
 * allowed anyway); neighbours keep the order in which the edges were given.
 */
export function graphFromEdges(n: number, from: ArrayLike<number>, to: ArrayLike<number>): MapfGraph {
  if (!Number.isInteger(n) || n < 0 || from.length !== to.length) throw new RangeError('graphFromEdges: bad input');
  const seen = new Set<number>();
  const outs: number[][] = Array.from({ length: n }, () => []);
  const ins: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < from.length; k++) {
    const a = from[k]!;
    const b = to[k]!;
    if (!(a >= 0 && a < n && b >= 0 && b < n && Number.isInteger(a) && Number.isInteger(b))) {
      throw new RangeError(`graphFromEdges: edge ${k} (${a} → ${b}) leaves 0..${n - 1}`);
    }
    if (a === b || seen.has(a * n + b)) continue;
    seen.add(a * n + b);
    outs[a]!.push(b);
    ins[b]!.push(a);
  }
  const [off, adj] = toCsr(outs);
  const [inOff, inAdj] = toCsr(ins);
  let maxDegree = 0;
  for (const o of outs) maxDegree = Math.max(maxDegree, o.length);
  return { n, off, adj, inOff, inAdj, maxDegree };
}

function toCsr(lists: number[][]): [Int32Array, Int32Array] {
  const off = new Int32Array(lists.length + 1);
  for (let v = 0; v < lists.length; v++) off[v + 1] = off[v]! + lists[v]!.length;
  const adj = new Int32Array(off[lists.length]!);
  for (let v = 0; v < lists.length; v++) adj.set(lists[v]!, off[v]!);
  return [off, adj];
}

/** Out-degree of v. */
export function degree(g: MapfGraph, v: number): number {
  return g.off[v + 1]! - g.off[v]!;
}
