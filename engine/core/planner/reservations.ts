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
import type { Cell } from '../graph/cell-graph.ts';
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
  const places = placesOf(site);
  // Lists by the rank of their place in key order, so the table comes out in key order (as every
  // map of the world) without sorting strings; each list is kept sorted as it is filled.
  const slots = places.slots;
  // Left filled only by a call that threw half way.
  for (const rank of places.used) slots[rank] = undefined;
  const used: number[] = (places.used = []);
  const put = (rank: number, r: Reservation) => {
    const list = slots[rank];
    if (!list) {
      slots[rank] = [r];
      used.push(rank);
      return;
    }
    let i = list.length;
    while (i > 0 && byOpening(list[i - 1]!, r) > 0) i--;
    list.splice(i, 0, r);
  };
  const seenBlocks = new Set<number>();
  for (const v of vehicles) {
    if (v.status !== 'ok' || v.paused || !v.task || v.task.serviceUntilMs !== null || v.route.length === 0) continue;
    const vmax = maxSpeedMmps(v.spec, v.load.length > 0);
    const body = v.spec.lengthMm + 2 * site.config.gapMm;
    // Walk lane by lane (most cells are plain and need no window), from the nose.
    let t = nowMs;
    seenBlocks.clear();
    const n = v.route.length + 1;
    const ahead = routePlaces(places, v.route);
    for (let i = 0; i < n && t - nowMs <= RESERVATION_HORIZON_MS; i++) {
      const lane = i === 0 ? places.lanes.get(v.lane)! : ahead[i - 1]!;
      const from = i === 0 ? v.offsetMm : 0;
      const speed = Math.max(1, Math.min(vmax, lane.speedLimitMmps));
      const contested = lane.contested;
      for (let k = 0; k < contested.length; k++) {
        const cell = contested[k]!;
        if (cell.s1 <= from) continue;
        const enter = t + (Math.max(0, cell.s0 - from) * 1000) / speed;
        if (enter - nowMs > RESERVATION_HORIZON_MS) break;
        const leave = enter + ((cell.s1 - Math.max(cell.s0, from) + body) * 1000) / speed;
        if (cell.junction) put(places.junctionRank[cell.id]!, { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
        if (cell.block >= 0 && !seenBlocks.has(cell.block)) {
          seenBlocks.add(cell.block);
          put(places.blockRank[cell.id]!, { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
        }
      }
      t += ((lane.lengthMm - from) * 1000) / speed;
    }
  }
  // Ascending ranks (insertion sort: a few dozen numbers, no scratch allocation).
  for (let i = 1; i < used.length; i++) {
    const x = used[i]!;
    let j = i - 1;
    while (j >= 0 && used[j]! > x) {
      used[j + 1] = used[j]!;
      j--;
    }
    used[j + 1] = x;
  }
  const table = new Map<string, Reservation[]>();
  for (const rank of used) {
    table.set(places.keys[rank]!, slots[rank]!);
    slots[rank] = undefined;
  }
  used.length = 0;
  return table;
}

const placesByRoute = new WeakMap<readonly string[], { readonly places: Places; readonly lanes: readonly LanePlaces[] }>();

/** The lanes of a route looked up once per route (a route stays the same array while it is driven). */
function routePlaces(places: Places, route: readonly string[]): readonly LanePlaces[] {
  const known = placesByRoute.get(route);
  if (known && known.places === places) return known.lanes;
  const lanes = route.map((id) => places.lanes.get(id)!);
  placesByRoute.set(route, { places, lanes });
  return lanes;
}

/** Reservation order on a place: earliest opening first, then by vehicle id (a strict order: one vehicle opens one window per place and time). */
function byOpening(a: Reservation, b: Reservation): number {
  return a.fromMs - b.fromMs || (a.vehicleId < b.vehicleId ? -1 : 1);
}

interface LanePlaces {
  readonly lengthMm: number;
  readonly speedLimitMmps: number;
  /** Junction and single-track cells of the lane, in driving order. */
  readonly contested: readonly Cell[];
}

/** What the reservation table needs of a site, built once per site (it is asked for every tick). */
interface Places {
  readonly lanes: ReadonlyMap<string, LanePlaces>;
  /** Every possible place key, sorted; a place's rank is its index here. */
  readonly keys: readonly string[];
  /** Per cell: the rank of its junction key, and of its block key (toward where its lane goes). */
  readonly junctionRank: readonly number[];
  readonly blockRank: readonly number[];
  /** Per cell: the keys `yieldTo` looks at, and its own block key ('' off blocks). */
  readonly yieldKeys: readonly (readonly string[])[];
  readonly convoyKey: readonly string[];
  /** Scratch lists by rank while a table is filled (left empty between calls). */
  readonly slots: (Reservation[] | undefined)[];
  used: number[];
}

const placesBySite = new WeakMap<Site, Places>();

function placesOf(site: Site): Places {
  let p = placesBySite.get(site);
  if (p) return p;
  const { cells } = site;
  const lanes = new Map<string, LanePlaces>();
  for (const laneId of cells.laneGraph.laneIds) {
    const lane = cells.lane(laneId);
    const contested = cells.laneCells(laneId).map((id) => cells.cells[id]!).filter((c) => c.junction || c.block >= 0);
    lanes.set(laneId, { lengthMm: lane.lengthMm, speedLimitMmps: lane.speedLimitMmps, contested });
  }
  const junctionKey: string[] = [];
  const blockKeys: string[] = [];
  const yieldKeys: string[][] = [];
  const convoyKey: string[] = [];
  for (const c of cells.cells) {
    junctionKey.push(`c${c.id}`);
    const keys: string[] = [];
    let convoy = '';
    if (c.junction) {
      keys.push(`c${c.id}`);
      for (const o of c.conflicts) keys.push(`c${o}`);
    }
    if (c.block >= 0) {
      const block = cells.blocks[c.block]!;
      const towards = block.towards.get(c.lane)!;
      convoy = blockKey(c.block, towards);
      for (const other of new Set(block.towards.values())) if (other !== towards) keys.push(blockKey(c.block, other));
      keys.push(convoy);
    }
    blockKeys.push(convoy);
    yieldKeys.push(keys);
    convoyKey.push(convoy);
  }
  const keys = [...new Set([...junctionKey, ...blockKeys.filter((k) => k !== '')])].sort();
  const rank = new Map(keys.map((k, i) => [k, i]));
  p = {
    lanes,
    keys,
    junctionRank: junctionKey.map((k) => rank.get(k)!),
    blockRank: blockKeys.map((k) => (k === '' ? -1 : rank.get(k)!)),
    yieldKeys,
    convoyKey,
    slots: new Array<Reservation[] | undefined>(keys.length),
    used: [],
  };
  placesBySite.set(site, p);
  return p;
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
  const places = placesOf(site);
  const keys = places.yieldKeys[cell]!;
  const convoyKey = places.convoyKey[cell]!;
  // My earliest window on any of these places.
  let myFrom = Infinity;
  for (const k of keys) {
    const from = earliestOn(table, k).get(id);
    if (from !== undefined && from < myFrom) myFrom = from;
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

// Per place's list of windows (a table and its lists are never changed once made): each
// vehicle's earliest opening there. Asked for every vehicle at every contested cell it wants, and
// a busy place's list runs to dozens of windows.
const earliestByList = new WeakMap<readonly Reservation[], ReadonlyMap<string, number>>();
const NO_WINDOWS: ReadonlyMap<string, number> = new Map();

function earliestOn(table: ReservationTable, key: string): ReadonlyMap<string, number> {
  const list = table.get(key);
  if (!list) return NO_WINDOWS;
  let earliest = earliestByList.get(list);
  if (!earliest) {
    const m = new Map<string, number>();
    for (const r of list) {
      const known = m.get(r.vehicleId);
      if (known === undefined || r.fromMs < known) m.set(r.vehicleId, r.fromMs);
    }
    earliestByList.set(list, (earliest = m));
  }
  return earliest;
}
