/**
 * Phase 8: tell each vehicle its lanes, how far it may go, and whether to halt or charge. A
 * command goes out only when it differs from the last one; a vehicle whose link is lost gets
 * nothing (it finishes its released base and stops, as VDA 5050 prescribes).
 */
import type { Site } from '../site.ts';
import type { Draft } from '../draft.ts';
import type { VehicleCommand } from '../../model/vehicle-command.ts';
import { patchVehicle } from '../vehicle-records.ts';

export function emitVehicleCommands(site: Site, draft: Draft): void {
  for (const id of [...draft.vehicles.keys()].sort()) {
    const v = draft.vehicles.get(id)!;
    if (v.status === 'link-lost') continue;
    const halt: VehicleCommand['halt'] =
      draft.emergencyStop || draft.safeMode || v.status === 'broken' ? 'emergency' : v.paused ? 'service' : 'none';
    let chargeW = 0;
    if (v.charging && v.task) {
      const station = site.stations.get(v.task.legs[v.task.legIndex]!.station);
      chargeW = station?.kind === 'battery-swap' ? Math.ceil((v.spec.batteryWh * 3_600_000) / site.config.swapMs) : v.spec.chargePowerW;
    }
    const command: VehicleCommand = {
      vehicleId: id,
      lanes: [v.lane, ...v.route.slice(0, v.limit.laneIndex)],
      limitLaneIndex: v.limit.laneIndex,
      limitOffsetMm: v.limit.offsetMm,
      halt,
      chargeW,
      laden: v.load.length > 0,
    };
    const key = `${command.lanes.join('>')}|${command.limitLaneIndex}|${command.limitOffsetMm}|${halt}|${chargeW}|${command.laden}`;
    if (key === v.lastCommandKey) continue;
    draft.vehicleCommands.push(command);
    patchVehicle(draft, id, { lastCommandKey: key });
  }
}
