/**
 * Phase 9: the watchdog. Checks the safety invariant (no two vehicles hold the same or
 * conflicting cells: a breach is a bug and throws, which puts the runtime in safe mode), finds
 * and resolves deadlocks, and raises a notice for any vehicle that has waited longer than
 * `watchdogMs`.
 */
import type { Site } from '../site.ts';
import { vehicleIds, type Draft } from '../draft.ts';
import type { VehicleState } from '../../model/world.ts';
import type { VehicleAllocation } from '../../traffic/space-allocator.ts';
import { findWaitCycles } from '../../traffic/wait-for-cycles.ts';
import { resolveByReroute } from '../../traffic/deadlock-resolution.ts';
import { IGV_ERR, IgvError } from '../../errors.ts';
import { patchVehicle } from '../vehicle-records.ts';
import { recordTrack } from '../../motion/record-track.ts';
import { laneIndexNearNose } from '../../motion/track.ts';
import { hold } from '../../energy/idle-policy.ts';
import { cellTables } from '../../graph/cell-tables.ts';
import type { CellGraph } from '../../graph/cell-graph.ts';

export function watchdog(site: Site, draft: Draft, allocation: ReadonlyMap<string, VehicleAllocation>): void {
  checkExclusiveSpace(site, draft);

  const waitsFor = new Map<string, readonly string[]>();
  for (const [id, a] of allocation) {
    const v = draft.vehicles.get(id)!;
    if (v.waitingSinceMs !== null && a.blockedBy.length > 0) waitsFor.set(id, a.blockedBy);
  }
  for (const cycle of findWaitCycles(waitsFor)) {
    const oldest = Math.max(...cycle.map((id) => draft.vehicles.get(id)!.waitingSinceMs ?? draft.nowMs));
    if (draft.nowMs - oldest < site.config.deadlockAfterMs) continue;
    const fresh = cycle.some((id) => !draft.vehicles.get(id)!.inDeadlock);
    if (fresh) {
      draft.counters.deadlocksDetected++;
      draft.events.push({ kind: 'DeadlockDetected', vehicleIds: [...cycle] });
      for (const id of cycle) patchVehicle(draft, id, { inDeadlock: true });
    }
    const how = resolveByReroute(site, draft, cycle);
    // Counted once per deadlock: a cycle that outlives its first resolution keeps being worked on
    // every tick, but it is the same deadlock (the watchdog's wait notices show how long it took).
    if (how && fresh) {
      draft.counters.deadlocksResolved++;
      draft.events.push({ kind: 'DeadlockResolved', vehicleIds: [...cycle], how });
    }
  }

  makeWay(site, draft);
  aroundBreakdowns(site, draft);

  for (const id of vehicleIds(draft)) {
    const v = draft.vehicles.get(id)!;
    if (v.waitingSinceMs === null) continue;
    const waited = draft.nowMs - v.waitingSinceMs;
    if (waited > draft.counters.maxWaitMs) draft.counters.maxWaitMs = waited;
    if (waited >= site.config.watchdogMs && !v.stalledNotified) {
      draft.counters.stalls++;
      draft.events.push({ kind: 'VehicleStalled', vehicleId: id, waitingMs: waited });
      patchVehicle(draft, id, { stalledNotified: true });
    }
  }
}

/** A vehicle kept waiting by a broken-down one takes another way if there is one. */
function aroundBreakdowns(site: Site, draft: Draft): void {
  for (const id of vehicleIds(draft)) {
    const w = draft.vehicles.get(id)!;
    if (w.waitingSinceMs === null || draft.nowMs - w.waitingSinceMs < site.config.deadlockAfterMs) continue;
    const broken = w.blockedBy.find((b) => draft.vehicles.get(b)?.status === 'broken');
    if (!broken) continue;
    const how = resolveByReroute(site, draft, [id], broken);
    if (how) draft.events.push({ kind: 'Rerouted', vehicleId: id, reason: `around broken-down ${broken}: ${how}` });
  }
}

/**
 * An idle vehicle (parked, at a holding point, or without work) that has kept another waiting for
 * `deadlockAfterMs` moves on to a holding point, so parking on a through lane never blocks
 * traffic for good. It comes back to park when it is free to.
 */
function makeWay(site: Site, draft: Draft): void {
  const moved = new Set<string>();
  for (const id of vehicleIds(draft)) {
    const w = draft.vehicles.get(id)!;
    if (w.waitingSinceMs === null || draft.nowMs - w.waitingSinceMs < site.config.deadlockAfterMs) continue;
    for (const b of w.blockedBy) {
      const blocker = draft.vehicles.get(b);
      if (!blocker || moved.has(b) || blocker.status !== 'ok' || blocker.paused || blocker.load.length > 0) continue;
      const idle = blocker.task === null || blocker.task.kind === 'park';
      if (!idle) continue;
      // Only a vehicle standing idle makes way: one still driving to its slot or holding point
      // is moving on already, and diverting it too would start a dance of vehicles making way
      // for each other.
      if (blocker.task !== null && blocker.task.serviceUntilMs === null) continue;
      if (hold(site, draft, blocker, 1)) {
        moved.add(b);
        draft.counters.reroutes++;
        draft.events.push({ kind: 'Rerouted', vehicleId: b, reason: `moving on to make way for ${id}` });
      }
    }
  }
}

/**
 * Throws IGV_ERR_SPACE_OVERLAP when two vehicles hold conflicting cells, or share a cell without
 * one being wholly behind the other along its lane (a convoy may share plain cells, in line).
 */
export function checkExclusiveSpace(site: Site, draft: Pick<Draft, 'vehicles'>): void {
  const cells = site.cells.cells;
  // Only the few cells held at all are looked at, in the order they were first met. Holders are
  // vehicle numbers (order met, from 1) in typed per-cell tables kept between calls and cleared of
  // what the last call wrote: no per-cell lists unless a cell is shared (a convoy), which is rare.
  const scratch = scratchFor(cells.length);
  const { first, shared, dirty, touched, ids, records, changed } = scratch;
  while (changed.length > 0) changed.pop();
  // Emptied by pop(), which keeps the list's backing store (`length = 0` would drop it).
  while (touched.length > 0) {
    const c = touched.pop()!;
    first[c] = 0;
    dirty[c] = 0;
    const more = shared[c];
    if (more !== undefined) while (more.length > 0) more.pop();
  }
  // The check of a cell is a function of the records holding it and the cells it conflicts with.
  // When all of them are records the last passing check saw, they were checked together then and
  // pass again: only cells held by a changed record, or conflicting with one, are looked at (in
  // the same order, so a breach throws the same error).
  const last = verified !== null && verified.cells === site.cells ? verified.records : null;
  let count = 0;
  for (const v of draft.vehicles.values()) {
    const n = ++count;
    ids[n] = v.id;
    records[n] = v;
    const isNew = last === null || last.get(v.id) !== v;
    if (isNew) changed.push(n);
    const held = v.held;
    for (let i = 0; i < held.length; i++) {
      const c = held[i]!;
      if (isNew) dirty[c] = 1;
      const h = first[c]!;
      if (h === 0) {
        first[c] = n;
        touched.push(c);
      } else {
        const more = shared[c];
        if (more) more.push(n);
        else shared[c] = [n];
      }
    }
  }
  // Where vehicle `n` stands along `lane` (its nose, lane coordinates; its tail is a body length
  // behind), or NaN when its track does not take in the lane.
  const noseAlong = (n: number, lane: string): number => {
    const t = recordTrack(site.cells, records[n]!);
    const k = laneIndexNearNose(site.cells, t, lane);
    return k < 0 ? NaN : t.nose - t.starts[k]!;
  };
  const holdsCell = (c: number, n: number) => first[c] === n || (shared[c]?.includes(n) ?? false);
  const { conflictStart, conflictList } = cellTables(site.cells);
  if (changed.length > 0) {
    for (const c of touched) {
      const from = conflictStart[c]!;
      const to = conflictStart[c + 1]!;
      if (dirty[c] === 0) {
        let near = false;
        for (let k = from; k < to; k++) if (dirty[conflictList[k]!] !== 0) { near = true; break; }
        if (!near) continue;
      }
      const h = first[c]!;
      const more = shared[c];
      if (more !== undefined && more.length > 0) {
        const cell = cells[c]!;
        if (cell.junction) throw overlap('two vehicles hold one junction cell', c, [h, ...more].map((n) => ids[n]!));
        // Every pair of [h, ...more], in that order.
        for (let i = -1; i < more.length; i++) {
          const na = i < 0 ? h : more[i]!;
          for (let j = i + 1; j < more.length; j++) {
            const nb = more[j]!;
            const aNose = noseAlong(na, cell.lane);
            const bNose = noseAlong(nb, cell.lane);
            const aTail = aNose - records[na]!.spec.lengthMm;
            const bTail = bNose - records[nb]!.spec.lengthMm;
            if (Number.isNaN(aNose) || Number.isNaN(bNose) || !(aNose <= bTail + 1 || bNose <= aTail + 1)) throw overlap('two vehicles share a cell out of line', c, [ids[na]!, ids[nb]!]);
          }
        }
      }
      for (let k = from; k < to; k++) {
        const o = conflictList[k]!;
        const ho = first[o]!;
        if (ho === 0) continue;
        if (!holdsCell(c, ho)) throw overlap('two vehicles hold conflicting cells', c, [ids[h]!, ids[ho]!], o);
        const moreThere = shared[o];
        if (moreThere) for (const m of moreThere) if (!holdsCell(c, m)) throw overlap('two vehicles hold conflicting cells', c, [ids[h]!, ids[m]!], o);
      }
    }
  }
  // Passed: these records are now the checked set (exactly them: ids of another world are dropped).
  if (last !== null && last.size === count) for (const n of changed) last.set(ids[n]!, records[n]!);
  if (last === null || last.size !== count) {
    const all = new Map<string, VehicleState>();
    for (let n = 1; n <= count; n++) all.set(ids[n]!, records[n]!);
    verified = { cells: site.cells, records: all };
  }
}

/** The vehicle records of the last check that passed, by id, and the cell graph it was made on. */
let verified: { readonly cells: CellGraph; readonly records: Map<string, VehicleState> } | null = null;

interface Scratch {
  /** Per cell: the number of the first vehicle met holding it, 0 when none. */
  readonly first: Int32Array;
  /** Per cell: the numbers of the other vehicles holding it, in the order met (empty or missing when not shared). */
  readonly shared: (number[] | undefined)[];
  /** Per cell: 1 when a record not in the last passing check holds it. */
  readonly dirty: Uint8Array;
  readonly touched: number[];
  /** By vehicle number (from 1; entries past this call's count are left over): its id and record. */
  readonly ids: string[];
  readonly records: VehicleState[];
  /** Numbers of the vehicles whose record the last passing check did not see. */
  readonly changed: number[];
}

const scratches = new Map<number, Scratch>();

function scratchFor(cellCount: number): Scratch {
  let s = scratches.get(cellCount);
  if (!s) scratches.set(cellCount, (s = { first: new Int32Array(cellCount), shared: new Array<number[] | undefined>(cellCount), dirty: new Uint8Array(cellCount), touched: [], ids: [''], records: [], changed: [] }));
  return s;
}

function overlap(text: string, cell: number, vehicles: readonly string[], other?: number): IgvError {
  return new IgvError(IGV_ERR.SPACE_OVERLAP, 'watchdog', text, { cells: other === undefined ? `${cell}` : `${cell}, ${other}`, vehicles: vehicles.join(', ') });
}
