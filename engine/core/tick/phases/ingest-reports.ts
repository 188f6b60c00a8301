/**
 * Phase 2: take in what vehicles report (position, speed, battery). A vehicle only drives along
 * lanes it was given, so its new lane is its current one or one of its route; anything else is
 * refused as OFF_ROUTE and the last known position stands.
 */
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import type { Command } from '../../model/commands.ts';
import { REASONS } from '../../model/events.ts';
import { trimmedTrail } from '../../motion/track.ts';
import { patchVehicle } from '../vehicle-records.ts';

export function ingestVehicleReports(site: Site, draft: Draft, inbox: readonly Command[]): void {
  for (const cmd of inbox) {
    if (cmd.kind !== 'VehicleReport') continue;
    const v = draft.vehicles.get(cmd.vehicleId);
    if (!v) {
      draft.events.push({ kind: 'CommandRejected', command: 'VehicleReport', reason: REASONS.UNKNOWN_VEHICLE, detail: `no vehicle ${cmd.vehicleId}` });
      continue;
    }
    let { lane, trail, route } = v;
    if (cmd.lane !== v.lane) {
      const k = v.route.indexOf(cmd.lane);
      if (k < 0) {
        draft.events.push({
          kind: 'CommandRejected', command: 'VehicleReport', reason: REASONS.OFF_ROUTE,
          detail: `vehicle ${v.id} reported lane ${cmd.lane}, expected ${[v.lane, ...v.route].slice(0, 4).join(', ')}`,
        });
        continue;
      }
      trail = [...v.trail, v.lane, ...v.route.slice(0, k)];
      lane = cmd.lane;
      route = v.route.slice(k + 1);
    }
    if (lane === v.lane && cmd.offsetMm === v.offsetMm && cmd.speedMmps === v.speedMmps && cmd.socWh === v.socWh && cmd.odometerMm === v.odometerMm) {
      // Nothing moved: keep the record (its identity tells later phases nothing changed).
      continue;
    }
    const laneLen = site.cells.lane(lane).lengthMm;
    const offsetMm = Math.min(cmd.offsetMm, laneLen);
    const used = Math.max(0, v.socWh - cmd.socWh);
    patchVehicle(draft, v.id, {
      lane,
      offsetMm,
      route,
      // The same array when nothing is trimmed: the track of the new record is then derived from
      // the last one's (see record-track.ts) instead of laid out again.
      trail: trimmedTrail(site.cells, trail, offsetMm, v.spec.lengthMm + site.config.gapMm),
      // The limit counts lanes from the nose lane: moving on by k lanes moves it back by k.
      limit: lane === v.lane ? v.limit : { laneIndex: Math.max(0, v.limit.laneIndex - (v.route.indexOf(lane) + 1)), offsetMm: v.limit.offsetMm },
      speedMmps: cmd.speedMmps,
      socWh: cmd.socWh,
      odometerMm: cmd.odometerMm,
      energyUsedWh: v.charging ? v.energyUsedWh : v.energyUsedWh + used,
    });
  }
}
