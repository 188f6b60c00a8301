/**
 * Phase 3: give back the cells a vehicle's tail has left behind, so the vehicle following can
 * have them this very tick. Space ahead is never released here (the vehicle may be relying on it).
 */
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import { cellsFrom, makeTrack } from '../../motion/track.ts';
import { patchVehicle } from '../vehicle-records.ts';

export function releasePassedSpace(site: Site, draft: Draft): void {
  for (const v of [...draft.vehicles.values()]) {
    if (v.status === 'link-lost' || v.held.length === 0) continue;
    // Not moved nor changed since the last tick, whose release and allocation it went through.
    if (draft.previous.vehicles.get(v.id) === v) continue;
    const track = makeTrack(site.cells, v.trail, v.lane, v.offsetMm, []);
    const tail = track.nose - v.spec.lengthMm - site.config.gapMm;
    if (tail <= 0) continue;
    const behind = new Set<number>();
    for (const tc of cellsFrom(site.cells, track, 0)) {
      if (tc.end > tail) break;
      behind.add(tc.cell);
    }
    if (behind.size === 0) continue;
    const held = v.held.filter((c) => !behind.has(c));
    if (held.length !== v.held.length) patchVehicle(draft, v.id, { held });
  }
}
