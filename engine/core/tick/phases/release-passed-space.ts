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
    const behind = new Set<number>();
    walk: for (let i = laneAt(track, 0); i < track.lanes.length; i++) {
      const s = track.starts[i]!;
      for (const c of track.infos[i]!.cells) {
        if (s + c.s1 <= 0) continue;
        if (s + c.s1 > tail) break walk;
        behind.add(c.id);
      }
    }
    if (behind.size === 0) continue;
    const held = v.held.filter((c) => !behind.has(c));
    if (held.length !== v.held.length) patchVehicle(draft, v.id, { held });
  }
}
