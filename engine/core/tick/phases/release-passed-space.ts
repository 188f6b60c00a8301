/**
 * Phase 3: give back the cells a vehicle's tail has left behind, so the vehicle following can
 * have them this very tick. Space ahead is never released here (the vehicle may be relying on it).
 */
import type { Site } from '../site.ts';
import { vehicleIds, type Draft } from '../draft.ts';
import { recordTrack } from '../../motion/record-track.ts';
import { laneAt } from '../../motion/track.ts';
import { patchVehicle } from '../vehicle-records.ts';

export function releasePassedSpace(site: Site, draft: Draft): void {
  for (const id of vehicleIds(draft)) {
    const v = draft.vehicles.get(id)!;
    if (v.status === 'link-lost' || v.held.length === 0) continue;
    // Not moved nor changed since the last tick, whose release and allocation it went through.
    if (draft.previous.vehicles.get(v.id) === v) continue;
    // The track traffic control will use for this record (its cells up to the nose lane are the
    // trail's and the nose lane's, the same with or without the route).
    const track = recordTrack(site.cells, v);
    const tail = track.nose - v.spec.lengthMm - site.config.gapMm;
    if (tail <= 0) continue;
    // The cells wholly behind the tail (a few: the trail is trimmed to the body's reach).
    const behind = BEHIND;
    while (behind.length > 0) behind.pop(); // (`length = 0` would drop the backing store: a fresh one every vehicle)
    walk: for (let i = laneAt(track, 0); i < track.lanes.length; i++) {
      const s = track.starts[i]!;
      const list = track.infos[i]!.cells;
      for (let j = 0; j < list.length; j++) {
        const c = list[j]!;
        if (s + c.s1 <= 0) continue;
        if (s + c.s1 > tail) break walk;
        behind.push(c.id);
      }
    }
    if (behind.length === 0 || !v.held.some((c) => behind.includes(c))) continue;
    patchVehicle(draft, v.id, { held: v.held.filter((c) => !behind.includes(c)) });
  }
}

// Scratch list of the cells behind one vehicle's tail (never kept).
const BEHIND: number[] = [];
