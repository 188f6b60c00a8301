/**
 * Phase 7: traffic control hands out space, most urgent vehicle first (`priorityOrder`: laden
 * before empty, then the one waiting longest, then by id).
 */
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import type { VehicleState } from '../../model/world.ts';
import { allocateSpace, type VehicleAllocation } from '../../traffic/space-allocator.ts';
import type { Track } from '../../motion/track.ts';
import { patchVehicle } from '../vehicle-records.ts';
import { yieldTo } from '../../planner/reservations.ts';
import { tickPriorityOrder } from '../../planner/priority-order.ts';
import { sameList } from '../../util/same-list.ts';

/** Where a vehicle must stop on its track: its goal when it has one, else where it was last allowed to go. */
function stopAt(v: VehicleState, track: Track): number {
  if (v.status !== 'ok') return track.nose;
  // A route longer than the track's horizon ends beyond it: no stop in sight.
  if (v.task && v.task.serviceUntilMs === null) return track.complete ? track.length : Number.MAX_SAFE_INTEGER;
  if (v.task) return track.nose;
  const i = Math.min(track.noseLane + v.limit.laneIndex, track.lanes.length - 1);
  return Math.max(track.nose, Math.min(track.length, track.starts[i]! + v.limit.offsetMm));
}

/**
 * When a vehicle's allocation may be kept from the last tick: the same record (records are
 * replaced on any change), standing and blocked then, by vehicles whose records are also the same,
 * and nothing global changed (closures, emergency stop, safe mode).
 */
function keepable(draft: Draft): ((v: VehicleState) => boolean) | undefined {
  const prev = draft.previous;
  if (prev.emergencyStop !== draft.emergencyStop || prev.safeMode !== draft.safeMode) return undefined;
  if (prev.closedLanes.size !== draft.closedLanes.size || [...draft.closedLanes].some((l) => !prev.closedLanes.has(l))) return undefined;
  return (v) => {
    if (prev.vehicles.get(v.id) !== v || v.waitingSinceMs === null || v.speedMmps !== 0 || v.blockedBy.length === 0) return false;
    for (const b of v.blockedBy) {
      const now = draft.vehicles.get(b);
      if (now === undefined || prev.vehicles.get(b) !== now) return false;
    }
    return true;
  };
}

export function allocate(site: Site, draft: Draft): Map<string, VehicleAllocation> {
  const vehicles = [...draft.vehicles.values()];
  const isWaiting = (other: string) => draft.vehicles.get(other)?.waitingSinceMs != null;
  const result = allocateSpace(
    {
      cells: site.cells,
      tickMs: draft.tickMs,
      gapMm: site.config.gapMm,
      closedLanes: draft.closedLanes,
      grantsAllowed: !draft.emergencyStop && !draft.safeMode,
      unchangedSince: keepable(draft),
      yieldTo: (id, cell) => yieldTo(site, draft.reservations, id, cell, draft.nowMs, isWaiting),
    },
    vehicles,
    tickPriorityOrder(draft),
    stopAt,
  );
  for (const [id, a] of result) {
    const v = draft.vehicles.get(id)!;
    const waiting = a.blocked && v.speedMmps === 0;
    const waitingSinceMs = waiting ? (v.waitingSinceMs ?? draft.nowMs) : null;
    const blockedBy = a.blocked ? a.blockedBy : [];
    const unchanged =
      sameList(v.held, a.held) &&
      v.limit.laneIndex === a.limitLaneIndex &&
      v.limit.offsetMm === a.limitOffsetMm &&
      v.waitingSinceMs === waitingSinceMs &&
      sameList(v.blockedBy, blockedBy) &&
      (waiting || (!v.stalledNotified && !v.inDeadlock));
    if (unchanged) continue;
    patchVehicle(draft, id, {
      held: a.held,
      limit: { laneIndex: a.limitLaneIndex, offsetMm: a.limitOffsetMm },
      waitingSinceMs,
      stalledNotified: waiting ? v.stalledNotified : false,
      inDeadlock: waiting ? v.inDeadlock : false,
      blockedBy,
    });
  }
  return result;
}
