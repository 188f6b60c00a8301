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
    // Insertion from the end, moving later windows up by one (what splice would do, without
    // the array of removed items it returns).
    let i = list.length;
    list.push(r);
    while (i > 0 && byOpening(list[i - 1]!, r) > 0) {
      list[i] = list[i - 1]!;
      i--;
    }
    list[i] = r;
  };
  // Blocks already given a window on this vehicle's way (a few; a list emptied by pop() keeps its
  // backing store, where a Set's clear() makes a new table for every vehicle).
  const seenBlocks: number[] = [];
  for (const v of vehicles) {
    if (v.status !== 'ok' || v.paused || !v.task || v.task.serviceUntilMs !== null || v.route.length === 0) continue;
    const vmax = maxSpeedMmps(v.spec, v.load.length > 0);
    const body = v.spec.lengthMm + 2 * site.config.gapMm;
    // Walk lane by lane (most cells are plain and need no window), from the nose.
    let t = nowMs;
    while (seenBlocks.length > 0) seenBlocks.pop();
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
        if (cell.block >= 0 && !seenBlocks.includes(cell.block)) {
          seenBlocks.push(cell.block);
          put(places.blockRank[cell.id]!, { vehicleId: v.id, fromMs: Math.round(enter), toMs: Math.round(leave) });
        }
      }
      t += ((lane.lengthMm - from) * 1000) / speed;
    }
  }
  // Ascending ranks (distinct numbers: any sort gives the same order). Insertion sort for a few
  // dozen (no scratch allocation); a large fleet uses thousands of places.
  if (used.length > 64) used.sort((a, b) => a - b);
  else for (let i = 1; i < used.length; i++) {
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
  /** Per cell: the ranks of the keys `yieldTo` looks at, and of its own block key (-1 off blocks). */
  readonly yieldRanks: readonly (readonly number[])[];
  readonly convoyRank: readonly number[];
  /** What `yieldTo` knows of the table it was last asked about. */
  readonly index: TableIndex;
  /** Scratch lists by rank while a table is filled (left empty between calls). */
  readonly slots: (Reservation[] | undefined)[];
  used: number[];
}

const placesBySite = new WeakMap<Site, Places>();
// The site asked for last (`yieldTo` runs for every contested cell every vehicle wants).
let lastPlaces: { readonly site: Site; readonly places: Places } | null = null;

function placesOf(site: Site): Places {
  if (lastPlaces !== null && lastPlaces.site === site) return lastPlaces.places;
  let p = placesBySite.get(site);
  if (!p) placesBySite.set(site, (p = makePlaces(site)));
  lastPlaces = { site, places: p };
  return p;
}

function makePlaces(site: Site): Places {
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
  // Every key a table may be asked for, in order (a rank is a place's position in key order).
  const keys = [...new Set([...junctionKey, ...blockKeys.filter((k) => k !== ''), ...yieldKeys.flat()])].sort();
  const rank = new Map(keys.map((k, i) => [k, i]));
  return {
    lanes,
    keys,
    junctionRank: junctionKey.map((k) => rank.get(k)!),
    blockRank: blockKeys.map((k) => (k === '' ? -1 : rank.get(k)!)),
    yieldRanks: yieldKeys.map((ks) => ks.map((k) => rank.get(k)!)),
    convoyRank: convoyKey.map((k) => (k === '' ? -1 : rank.get(k)!)),
    index: { table: null, lists: new Array<readonly Reservation[] | null | undefined>(keys.length), earliest: new Array<ReadonlyMap<string, number> | undefined>(keys.length), filled: [] },
    slots: new Array<Reservation[] | undefined>(keys.length),
    used: [],
  };
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
  const ix = tableIndex(places, table);
  const ranks = places.yieldRanks[cell]!;
  // My earliest window on any of these places.
  let myFrom = Infinity;
  for (let i = 0; i < ranks.length; i++) {
    const from = earliestOn(places, ix, ranks[i]!)?.get(id);
    if (from !== undefined && from < myFrom) myFrom = from;
  }
  if (!Number.isFinite(myFrom)) return null;
  const convoyRank = places.convoyRank[cell]!;
  let best: Reservation | null = null;
  for (let i = 0; i < ranks.length; i++) {
    const rank = ranks[i]!;
    if (rank === convoyRank) continue; // same block, same direction: a convoy, nothing to yield
    const list = listAt(places, ix, rank);
    if (list === null) continue;
    for (let j = 0; j < list.length; j++) {
      const r = list[j]!;
      if (r.fromMs >= myFrom || (best && r.fromMs >= best.fromMs)) break; // lists are sorted by fromMs
      if (r.vehicleId === id || r.fromMs > nowMs + YIELD_WITHIN_MS || r.toMs < nowMs || isWaiting(r.vehicleId)) continue;
      best = r;
      break;
    }
  }
  return best?.vehicleId ?? null;
}

/**
 * The table `yieldTo` was last asked about, its lists by place rank and per list each vehicle's
 * earliest opening there, filled in as asked for (a table and its lists are never changed once
 * made). One per site, its arrays reused from table to table: a new table comes every
 * `reservationEveryMs`, and nothing here may keep an old one alive.
 */
interface TableIndex {
  table: ReservationTable | null;
  /** By rank: the table's list, null when it has none, undefined when not looked up yet. */
  readonly lists: (readonly Reservation[] | null | undefined)[];
  readonly earliest: (ReadonlyMap<string, number> | undefined)[];
  /** Ranks filled in for `table`. */
  readonly filled: number[];
}

function tableIndex(places: Places, table: ReservationTable): TableIndex {
  const ix = places.index;
  if (ix.table !== table) {
    const { lists, earliest, filled } = ix;
    while (filled.length > 0) {
      const rank = filled.pop()!;
      lists[rank] = undefined;
      earliest[rank] = undefined;
    }
    ix.table = table;
  }
  return ix;
}

function listAt(places: Places, ix: TableIndex, rank: number): readonly Reservation[] | null {
  let list = ix.lists[rank];
  if (list === undefined) {
    list = ix.table!.get(places.keys[rank]!) ?? null;
    ix.lists[rank] = list;
    ix.filled.push(rank);
  }
  return list;
}

function earliestOn(places: Places, ix: TableIndex, rank: number): ReadonlyMap<string, number> | undefined {
  let earliest = ix.earliest[rank];
  if (earliest === undefined) {
    const list = listAt(places, ix, rank);
    if (list === null) return undefined;
    const m = new Map<string, number>();
    for (const r of list) {
      const known = m.get(r.vehicleId);
      if (known === undefined || r.fromMs < known) m.set(r.vehicleId, r.fromMs);
    }
    ix.earliest[rank] = earliest = m;
  }
  return earliest;
}
