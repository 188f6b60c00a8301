/**
 * The cell graph: every lane cut into cells of at most `maxCellMm`. A cell is the unit of space
 * traffic control allocates; a vehicle holds every cell its body (plus a gap) touches and the
 * cells ahead it needs to stop. Two cells *conflict* when vehicles in them could touch: they lie
 * on different paths and their centre lines come closer than the two vehicles' half-widths plus
 * the curve allowance (`sagMm`) plus a margin. Consecutive cells on one path never conflict:
 * the along-path gap keeps bodies apart there (see `gapMm`).
 *
 * Built once per map; pure and deterministic (lanes by id, cells by position).
 */
import type { IgvMap, Lane } from '../../../maps/schema/map-schema.ts';
import { minCurveRadius, polylinesWithin, subPolyline, type MeasuredPolyline } from '../../../maps/schema/lane-geometry.ts';
import type { Point } from '../../../maps/schema/map-schema.ts';
import { createLaneGraph, type LaneGraph } from './lane-graph.ts';
import { findBlocks, type Block } from './single-track-blocks.ts';

export interface CellGraphConfig {
  /** Longest cell, mm. Shorter cells give denser traffic and more bookkeeping. */
  readonly maxCellMm: number;
  /** Longest vehicle of the fleet, mm. */
  readonly vehicleLengthMm: number;
  /** Widest vehicle of the fleet, mm. */
  readonly vehicleWidthMm: number;
  /** Extra lateral clearance between vehicles on different paths, mm. */
  readonly marginMm: number;
  /**
   * Space a vehicle keeps free in front of its nose and behind its tail, mm. Two vehicles in
   * consecutive cells are at least 2 × gapMm apart along the path; on a 10 m curve two 15.6 m
   * bodies need 3.4 m to clear each other's corners, so 2 × gapMm must exceed that.
   */
  readonly gapMm: number;
}

export const DEFAULT_CELL_CONFIG: CellGraphConfig = Object.freeze({
  maxCellMm: 20_000,
  vehicleLengthMm: 15_600,
  vehicleWidthMm: 3_000,
  marginMm: 500,
  gapMm: 2_500,
});

export interface Cell {
  readonly id: number;
  readonly lane: string;
  /** Position of the cell on its lane, mm from the lane start. */
  readonly s0: number;
  readonly s1: number;
  /** Index of the cell on its lane. */
  readonly index: number;
  /** Cells of other paths this one conflicts with (sorted ids). */
  readonly conflicts: readonly number[];
  /** True when the cell conflicts with a cell of a lane that is not its single-track twin. */
  readonly junction: boolean;
  /** Single-track block this cell belongs to, or -1. */
  readonly block: number;
}

export interface CellGraph {
  readonly laneGraph: LaneGraph;
  readonly config: CellGraphConfig;
  readonly cells: readonly Cell[];
  readonly blocks: readonly Block[];
  /** Cell ids of a lane in driving order. */
  laneCells(laneId: string): readonly number[];
  /** The cell of a lane that contains offset `s` (mm); the last cell at s = length. */
  cellAt(laneId: string, s: number): number;
  lane(laneId: string): Lane;
  /** A lane's length and its cells in driving order, in one lookup (the hot path of traffic control). */
  laneInfo(laneId: string): LaneInfo;
}

export interface LaneInfo {
  readonly lengthMm: number;
  readonly cells: readonly Cell[];
}

export function createCellGraph(map: IgvMap, config: CellGraphConfig = DEFAULT_CELL_CONFIG): CellGraph {
  const laneGraph = createLaneGraph(map);
  const cells: Cell[] = [];
  const byLane = new Map<string, number[]>();
  const pieces: Point[][] = [];
  const radii: number[] = [];
  const blocks = findBlocks(laneGraph);
  const blockOfLane = new Map<string, number>();
  blocks.forEach((b) => b.lanes.forEach((l) => blockOfLane.set(l, b.id)));

  for (const laneId of laneGraph.laneIds) {
    const lane = laneGraph.lane(laneId)!;
    const line = laneGraph.centreLine(laneId)!;
    const cuts = cellCuts(lane.lengthMm, config);
    const ids: number[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const s0 = cuts[i]!;
      const s1 = cuts[i + 1]!;
      const id = cells.length;
      ids.push(id);
      cells.push({ id, lane: laneId, s0, s1, index: i, conflicts: [], junction: false, block: blockOfLane.get(laneId) ?? -1 });
      const scale = line.length / lane.lengthMm;
      pieces.push(subPolyline(line, s0 * scale, s1 * scale));
      radii.push(localRadius(line, s0 * scale, s1 * scale, config.vehicleLengthMm));
    }
    byLane.set(laneId, ids);
  }

  const conflicts = findConflicts(laneGraph, cells, pieces, radii, config);
  const finished: Cell[] = cells.map((c) => {
    const list = conflicts[c.id]!.sort((a, b) => a - b);
    const twin = laneGraph.lane(c.lane)!.singleTrackWith;
    const junction = list.some((o) => cells[o]!.lane !== twin && cells[o]!.lane !== c.lane);
    return Object.freeze({ ...c, conflicts: Object.freeze(list), junction });
  });

  const infos = new Map<string, LaneInfo>();
  for (const [laneId, ids] of byLane) {
    infos.set(laneId, Object.freeze({ lengthMm: laneGraph.lane(laneId)!.lengthMm, cells: Object.freeze(ids.map((id) => finished[id]!)) }));
  }
  return {
    laneGraph,
    config,
    cells: Object.freeze(finished),
    blocks,
    laneCells: (laneId) => byLane.get(laneId) ?? [],
    cellAt(laneId, s) {
      const ids = byLane.get(laneId);
      if (!ids) throw new Error(`[cell-graph] unknown lane [${laneId}]`);
      for (const id of ids) if (s < finished[id]!.s1) return id;
      return ids[ids.length - 1]!;
    },
    lane: (laneId) => laneGraph.lane(laneId)!,
    laneInfo: (laneId) => {
      const info = infos.get(laneId);
      if (!info) throw new Error(`[cell-graph] unknown lane [${laneId}]`);
      return info;
    },
  };
}

/**
 * Where a lane is cut into cells, mm from its start. The last cell is just long enough for a
 * vehicle stopped at the lane's end (a stop point, a queue at a junction) with its gaps, so a
 * standing vehicle holds one cell and nothing of the lanes behind; the rest is cut evenly.
 */
export function cellCuts(lengthMm: number, config: CellGraphConfig): number[] {
  const tail = config.vehicleLengthMm + 2 * config.gapMm + 100;
  if (lengthMm <= Math.max(config.maxCellMm, tail)) return [0, lengthMm];
  const head = lengthMm - tail;
  const n = Math.ceil(head / config.maxCellMm);
  const cuts: number[] = [];
  for (let i = 0; i <= n; i++) cuts.push(Math.round((head * i) / n));
  cuts.push(lengthMm);
  return cuts;
}

/**
 * How far a vehicle's rectangle can stray from the centre line on the tightest curve near a
 * cell: a chord of the vehicle's length on a circle of radius R sits R − √(R² − (L/2)²) inside it.
 */
export function sagMm(radiusMm: number, lengthMm: number): number {
  const half = lengthMm / 2;
  if (!Number.isFinite(radiusMm) || radiusMm <= half) return Number.isFinite(radiusMm) ? radiusMm : 0;
  return radiusMm - Math.sqrt(radiusMm * radiusMm - half * half);
}

function localRadius(line: MeasuredPolyline, s0: number, s1: number, reach: number): number {
  const pts = subPolyline(line, Math.max(0, s0 - reach), Math.min(line.length, s1 + reach));
  return minCurveRadius(pts);
}

/** Pairs of cells on different paths whose vehicles could touch; bucketed so the cost stays near linear. */
function findConflicts(
  laneGraph: LaneGraph,
  cells: readonly Cell[],
  pieces: readonly Point[][],
  radii: readonly number[],
  config: CellGraphConfig,
): number[][] {
  const reach = (id: number) => config.vehicleWidthMm / 2 + config.marginMm / 2 + sagMm(radii[id]!, config.vehicleLengthMm);
  const bucket = 50_000;
  const grid = new Map<string, number[]>();
  const boxes = pieces.map((pts, id) => {
    const r = reach(id);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const [x, y] of pts) {
      x0 = Math.min(x0, x - r); y0 = Math.min(y0, y - r); x1 = Math.max(x1, x + r); y1 = Math.max(y1, y + r);
    }
    return [x0, y0, x1, y1] as const;
  });
  boxes.forEach(([x0, y0, x1, y1], id) => {
    for (let gx = Math.floor(x0 / bucket); gx <= Math.floor(x1 / bucket); gx++) {
      for (let gy = Math.floor(y0 / bucket); gy <= Math.floor(y1 / bucket); gy++) {
        const key = `${gx},${gy}`;
        const list = grid.get(key);
        if (list) list.push(id);
        else grid.set(key, [id]);
      }
    }
  });

  const out: number[][] = cells.map(() => []);
  for (const [key, list] of grid) {
    const [gx, gy] = key.split(',').map(Number) as [number, number];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const [ax0, ay0, ax1, ay1] = boxes[a]!;
        const [bx0, by0, bx1, by1] = boxes[b]!;
        if (ax1 < bx0 || bx1 < ax0 || ay1 < by0 || by1 < ay0) continue;
        // Test each pair once: in the bucket holding the corner of the two boxes' overlap.
        if (Math.floor(Math.max(ax0, bx0) / bucket) !== gx || Math.floor(Math.max(ay0, by0) / bucket) !== gy) continue;
        if (consecutive(laneGraph, cells[a]!, cells[b]!)) continue;
        if (polylinesWithin(pieces[a]!, pieces[b]!, reach(a) + reach(b))) {
          out[a]!.push(b);
          out[b]!.push(a);
        }
      }
    }
  }
  return out;
}

/** True when one cell directly follows the other along some path (same lane, or lane end → lane start). */
function consecutive(laneGraph: LaneGraph, a: Cell, b: Cell): boolean {
  if (a.lane === b.lane) return Math.abs(a.index - b.index) === 1;
  const la = laneGraph.lane(a.lane)!;
  const lb = laneGraph.lane(b.lane)!;
  const aLast = a.s1 === la.lengthMm;
  const bLast = b.s1 === lb.lengthMm;
  if (aLast && b.index === 0 && la.to === lb.from && la.singleTrackWith !== lb.id) return true;
  if (bLast && a.index === 0 && lb.to === la.from && lb.singleTrackWith !== la.id) return true;
  return false;
}
