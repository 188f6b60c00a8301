/**
 * Phase 9: the watchdog. Checks the safety invariant (no two vehicles hold the same or
 * conflicting cells: a breach is a bug and throws, which puts the runtime in safe mode), finds
 * and resolves deadlocks, and raises a notice for any vehicle that has waited longer than
 * `watchdogMs`.
 */
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import type { VehicleAllocation } from '../../traffic/space-allocator.ts';
import { findWaitCycles } from '../../traffic/wait-for-cycles.ts';
import { resolveByReroute } from '../../traffic/deadlock-resolution.ts';
import { IGV_ERR, IgvError } from '../../errors.ts';
import { patchVehicle } from '../vehicle-records.ts';

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
    if (how) {
      draft.counters.deadlocksResolved++;
      draft.events.push({ kind: 'DeadlockResolved', vehicleIds: [...cycle], how });
    }
  }

  for (const id of [...draft.vehicles.keys()].sort()) {
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

/** Throws IGV_ERR_SPACE_OVERLAP when two vehicles hold one cell or two conflicting cells. */
export function checkExclusiveSpace(site: Site, draft: Pick<Draft, 'vehicles'>): void {
  const holder = new Map<number, string>();
  for (const v of draft.vehicles.values()) {
    for (const c of v.held) {
      const h = holder.get(c);
      if (h !== undefined) throw new IgvError(IGV_ERR.SPACE_OVERLAP, 'watchdog', 'two vehicles hold one cell', { cell: c, vehicles: `${h}, ${v.id}` });
      holder.set(c, v.id);
    }
  }
  for (const [c, h] of holder) {
    for (const o of site.cells.cells[c]!.conflicts) {
      const ho = holder.get(o);
      if (ho !== undefined && ho !== h) {
        throw new IgvError(IGV_ERR.SPACE_OVERLAP, 'watchdog', 'two vehicles hold conflicting cells', { cells: `${c}, ${o}`, vehicles: `${h}, ${ho}` });
      }
    }
  }
}
