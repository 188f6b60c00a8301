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
import { cellsFrom, makeTrack } from '../motion/track.ts';

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
    const track = makeTrack(cells, [], v.lane, v.offsetMm, v.route, 1_500_000);
    const vmax = maxSpeedMmps(v.spec, v.load.length > 0);
    const body = v.spec.lengthMm + 2 * site.config.gapMm;
    let t = nowMs;
    let at = track.nose;
    const seenBlocks = new Set<number>();
    for (const tc of cellsFrom(cells, track, track.nose)) {
      const cell = cells.cells[tc.cell]!;
      const speed = Math.max(1, Math.min(vmax, cells.lane(cell.lane).speedLimitMmps));
      const enter = t + Math.max(0, ((tc.start - at) * 1000) / speed);
      if (enter - nowMs > RESERVATION_HORIZON_MS) break;
      const leave = enter + (((tc.end - Math.max(tc.start, at)) + body) * 1000) / speed;
      if (cell.junction) put(`c${tc.cell}`, { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
      if (cell.block >= 0 && !seenBlocks.has(cell.block)) {
        seenBlocks.add(cell.block);
        const towards = cells.blocks[cell.block]!.towards.get(cell.lane)!;
        put(blockKey(cell.block, towards), { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
      }
      t = enter + ((tc.end - Math.max(tc.start, at)) * 1000) / speed;
      at = tc.end;
    }
  }
  for (const list of table.values()) list.sort((a, b) => a.fromMs - b.fromMs || (a.vehicleId < b.vehicleId ? -1 : 1));
  return table;
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
  const c = site.cells.cells[cell]!;
  const keys: string[] = [];
  if (c.junction) keys.push(`c${cell}`, ...c.conflicts.map((o) => `c${o}`));
  if (c.block >= 0) {
    const block = site.cells.blocks[c.block]!;
    const mine = block.towards.get(c.lane);
    for (const towards of new Set(block.towards.values())) if (towards !== mine) keys.push(blockKey(c.block, towards));
    keys.push(blockKey(c.block, mine!));
  }
  let myFrom = Infinity;
  for (const k of keys) for (const r of table.get(k) ?? []) if (r.vehicleId === id) myFrom = Math.min(myFrom, r.fromMs);
  if (!Number.isFinite(myFrom)) return null;
  let best: Reservation | null = null;
  for (const k of keys) {
    for (const r of table.get(k) ?? []) {
      if (r.vehicleId === id || r.fromMs >= myFrom || r.fromMs > nowMs + YIELD_WITHIN_MS) continue;
      // Same block, same direction: a convoy, nothing to yield.
      if (k === blockKey(c.block, site.cells.blocks[c.block]?.towards.get(c.lane) ?? '') && c.block >= 0) continue;
      if (isWaiting(r.vehicleId)) continue;
      if (!best || r.fromMs < best.fromMs) best = r;
    }
  }
  return best?.vehicleId ?? null;
}
