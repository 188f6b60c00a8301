/**
 * The lane graph as the MAPF solvers see it: one node per cell (the cell's id), an edge from each
 * cell to the next along its lane and from a lane's last cell to the first cell of every lane
 * leaving its end node. This is how the engine's tick and `igv mapf` share one planner core
 * (engine/core/planner/mapf/): grids and lane maps both compile to a `MapfGraph`.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import type { DistanceTable } from '../graph/distance-table.ts';
import type { Site } from '../tick/site.ts';
import { graphFromEdges, type MapfGraph } from './mapf/mapf-graph.ts';
import { UNREACHABLE } from './mapf/distance-cache.ts';
import { DEFAULT_VEHICLE_SPEC } from '../model/vehicle-spec.ts';

export interface PlaceGraph {
  readonly graph: MapfGraph;
  /** Per cell: 1 when it is the last cell of its lane (where the next lane is chosen). */
  readonly lastOnLane: Uint8Array;
  /** First cell of each lane. */
  readonly firstCell: ReadonlyMap<string, number>;
  /**
   * Per junction cell that starts a lane: the cells after it a vehicle entering must also get
   * (traffic control's box rule: up to a body and both gaps past it); empty elsewhere.
   */
  readonly box: readonly (readonly number[])[];
}

const graphs = new WeakMap<CellGraph, PlaceGraph>();

/** The place graph of a cell graph (built once per map). */
export function placeGraphOf(cells: CellGraph): PlaceGraph {
  const known = graphs.get(cells);
  if (known) return known;
  const n = cells.cells.length;
  const from: number[] = [];
  const to: number[] = [];
  const lastOnLane = new Uint8Array(n);
  const firstCell = new Map<string, number>();
  for (const laneId of cells.laneGraph.laneIds) {
    const list = cells.laneCells(laneId);
    firstCell.set(laneId, list[0]!);
    lastOnLane[list[list.length - 1]!] = 1;
  }
  for (const laneId of cells.laneGraph.laneIds) {
    const list = cells.laneCells(laneId);
    for (let i = 0; i + 1 < list.length; i++) {
      from.push(list[i]!);
      to.push(list[i + 1]!);
    }
    // Lanes leave a node sorted by id: neighbour order, and so every tie, is repeatable.
    for (const out of cells.laneGraph.outLanes(cells.lane(laneId).to)) {
      from.push(list[list.length - 1]!);
      to.push(firstCell.get(out.id)!);
    }
  }
  const reach = cells.config.vehicleLengthMm + 2 * cells.config.gapMm;
  const box: number[][] = Array.from({ length: n }, () => []);
  for (const laneId of cells.laneGraph.laneIds) {
    const list = cells.laneCells(laneId);
    const first = cells.cells[list[0]!]!;
    if (!first.junction) continue;
    for (let i = 1; i < list.length && cells.cells[list[i]!]!.s0 < first.s1 + reach; i++) box[first.id]!.push(list[i]!);
  }
  const g: PlaceGraph = { graph: graphFromEdges(n, from, to), lastOnLane, firstCell, box };
  graphs.set(cells, g);
  return g;
}

const cellTimes = new WeakMap<DistanceTable, Int32Array>();

/**
 * Travel time (ms) from the start of every cell to `table`'s goal along usable lanes, for PIBT's
 * "closest to the goal first" ordering; UNREACHABLE on a closed lane, on a dead end that does not
 * hold the goal, and where the goal cannot be reached. `table` is `site.timesTo(goal, closed)`
 * (one object per goal and closure set, so the result is cached on it).
 */
export function cellTimesTo(site: Site, table: DistanceTable, closed: ReadonlySet<string>): Int32Array {
  const known = cellTimes.get(table);
  if (known) return known;
  const { cells } = site;
  const lg = cells.laneGraph;
  const goalBlocks = new Set<number>();
  for (const lane of lg.inLanes(table.goalNode)) {
    const b = site.deadEndLanes.get(lane.id);
    if (b !== undefined) goalBlocks.add(b);
  }
  const out = new Int32Array(cells.cells.length).fill(UNREACHABLE);
  const speed = DEFAULT_VEHICLE_SPEC.maxSpeedLadenMmps;
  for (const laneId of lg.laneIds) {
    const lane = cells.lane(laneId);
    const block = site.deadEndLanes.get(laneId);
    if (closed.has(laneId) || (block !== undefined && !goalBlocks.has(block))) continue;
    const after = table.costFrom(lane.to);
    if (!Number.isFinite(after)) continue;
    const laneMs = lg.laneTravelTimeMs(lane, speed);
    for (const c of cells.laneCells(laneId)) {
      const s0 = cells.cells[c]!.s0;
      out[c] = Math.min(UNREACHABLE, Math.round(after + (laneMs * (lane.lengthMm - s0)) / lane.lengthMm));
    }
  }
  cellTimes.set(table, out);
  return out;
}
