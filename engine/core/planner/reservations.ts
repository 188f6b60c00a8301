/**
 * Space-time reservations (the planner proposes): for every vehicle on its way, the time windows
 * in which its planned route will occupy each contested place ahead — junction cells (merges,
 * diverges, crossings) and single-track blocks — estimated at free-flow speed over a horizon.
 *
 * Traffic control uses them for order, never for safety: a vehicle about to enter a contested
 * place yields to another whose window there opens earlier (it is closer in time) and which is on
 * its way (not itself waiting), instead of cutting in front of it. A wrong estimate costs a
 * little time, never a collision: the cells are still granted exclusively.
 */
import type { Site } from '../tick/site.ts';
import type { VehicleState } from '../model/world.ts';
import { maxSpeedMmps } from '../model/vehicle-spec.ts';

/** One vehicle's planned occupation of a contested place, engine ms. */
export interface Reservation {
  readonly vehicleId: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** How far ahead windows are estimated, ms. */
export const RESERVATION_HORIZON_MS = 120_000;
/** A vehicle yields only to windows opening within this time from now, ms. */
export const YIELD_WITHIN_MS = 30_000;

/** Reservations by place: `c<cell>` for a junction cell, `b<block>><towards>` for a single-track block entered toward a node. */
export type ReservationTable = ReadonlyMap<string, readonly Reservation[]>;

export function blockKey(block: number, towards: string): string {
  return `b${block}>${towards}`;
}

export function planReservations(site: Site, vehicles: Iterable<VehicleState>, nowMs: number): Map<string, Reservation[]> {
  const table = new Map<string, Reservation[]>();
  const put = (key: string, r: Reservation) => {
    const list = table.get(key);
    if (list) list.push(r);
    else table.set(key, [r]);
  };
  const { cells } = site;
  for (const v of vehicles) {
    if (v.status !== 'ok' || v.paused || !v.task || v.task.serviceUntilMs !== null || v.route.length === 0) continue;
    const vmax = maxSpeedMmps(v.spec, v.load.length > 0);
    const body = v.spec.lengthMm + 2 * site.config.gapMm;
    // Walk lane by lane (most cells are plain and need no window), from the nose.
    let t = nowMs;
    const seenBlocks = new Set<number>();
    const lanes = [v.lane, ...v.route];
    for (let i = 0; i < lanes.length && t - nowMs <= RESERVATION_HORIZON_MS; i++) {
      const laneId = lanes[i]!;
      const lane = cells.lane(laneId);
      const from = i === 0 ? v.offsetMm : 0;
      const speed = Math.max(1, Math.min(vmax, lane.speedLimitMmps));
      for (const id of contestedCells(site, laneId)) {
        const cell = cells.cells[id]!;
        if (cell.s1 <= from) continue;
        const enter = t + (Math.max(0, cell.s0 - from) * 1000) / speed;
        if (enter - nowMs > RESERVATION_HORIZON_MS) break;
        const leave = enter + ((cell.s1 - Math.max(cell.s0, from) + body) * 1000) / speed;
        if (cell.junction) put(`c${id}`, { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
        if (cell.block >= 0 && !seenBlocks.has(cell.block)) {
          seenBlocks.add(cell.block);
          const towards = cells.blocks[cell.block]!.towards.get(cell.lane)!;
          put(blockKey(cell.block, towards), { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
        }
      }
      t += ((lane.lengthMm - from) * 1000) / speed;
    }
  }
  for (const list of table.values()) list.sort((a, b) => a.fromMs - b.fromMs || (a.vehicleId < b.vehicleId ? -1 : 1));
  return table;
}

const contestedByLane = new WeakMap<Site, Map<string, number[]>>();

/** Junction and single-track cells of a lane, in driving order (memoised per site). */
function contestedCells(site: Site, laneId: string): readonly number[] {
  let bySite = contestedByLane.get(site);
  if (!bySite) contestedByLane.set(site, (bySite = new Map()));
  let list = bySite.get(laneId);
  if (!list) {
    list = site.cells.laneCells(laneId).filter((id) => site.cells.cells[id]!.junction || site.cells.cells[id]!.block >= 0);
    bySite.set(laneId, list);
  }
  return list;
}

/**
 * The vehicle `id` should yield to at a contested cell, or null. Yields to an earlier window on
 * the cell or on a cell conflicting with it (for a block: on the block in the other direction),
 * opening within `YIELD_WITHIN_MS`, of a vehicle that is not waiting itself and does not hold
 * space there already (the cells decide that case).
 */
export function yieldTo(
  site: Site,
  table: ReservationTable,
  id: string,
  cell: number,
  nowMs: number,
  isWaiting: (vehicleId: string) => boolean,
): string | null {
  const mine = byVehicle(table).get(id);
  if (!mine) return null;
  const c = site.cells.cells[cell]!;
  const keys: string[] = [];
  let myFrom = Infinity;
  let convoyKey = '';
  if (c.junction) {
    keys.push(`c${cell}`);
    for (const o of c.conflicts) keys.push(`c${o}`);
  }
  if (c.block >= 0) {
    const block = site.cells.blocks[c.block]!;
    const towards = block.towards.get(c.lane)!;
    convoyKey = blockKey(c.block, towards);
    for (const other of new Set(block.towards.values())) if (other !== towards) keys.push(blockKey(c.block, other));
    keys.push(convoyKey);
  }
  for (const k of keys) {
    const f = mine.get(k);
    if (f !== undefined && f < myFrom) myFrom = f;
  }
  if (!Number.isFinite(myFrom)) return null;
  let best: Reservation | null = null;
  for (const k of keys) {
    if (k === convoyKey) continue; // same block, same direction: a convoy, nothing to yield
    for (const r of table.get(k) ?? []) {
      if (r.fromMs >= myFrom || (best && r.fromMs >= best.fromMs)) break; // lists are sorted by fromMs
      if (r.vehicleId === id || r.fromMs > nowMs + YIELD_WITHIN_MS || r.toMs < nowMs || isWaiting(r.vehicleId)) continue;
      best = r;
      break;
    }
  }
  return best?.vehicleId ?? null;
}

const indexes = new WeakMap<ReservationTable, Map<string, Map<string, number>>>();

/** vehicle → place → the opening of its window there; built once per table. */
function byVehicle(table: ReservationTable): Map<string, Map<string, number>> {
  let index = indexes.get(table);
  if (!index) {
    index = new Map();
    for (const [key, list] of table) {
      for (const r of list) {
        let m = index.get(r.vehicleId);
        if (!m) index.set(r.vehicleId, (m = new Map()));
        const prev = m.get(key);
        if (prev === undefined || r.fromMs < prev) m.set(key, r.fromMs);
      }
    }
    indexes.set(table, index);
  }
  return index;
}
