/**
 * Phase 8: tell each vehicle its lanes, how far it may go, and whether to halt or charge. A
 * command goes out only when it differs from the last one; a vehicle whose link is lost gets
 * nothing (it finishes its released base and stops, as VDA 5050 prescribes).
 */
import type { Site } from '../site.ts';
import { vehicleIds, type Draft } from '../draft.ts';
import type { VehicleCommand } from '../../model/vehicle-command.ts';
import type { VehicleState } from '../../model/world.ts';
import { patchVehicle } from '../vehicle-records.ts';

/**
 * By vehicle id: its latest record whose command was found equal to its `lastCommandKey`, with
 * the fleet-wide stop it was worked out under.
 */
const told = new Map<string, { readonly v: VehicleState; readonly stopAll: boolean }>();

export function emitVehicleCommands(site: Site, draft: Draft): void {
  const stopAll = draft.emergencyStop || draft.safeMode;
  for (const id of vehicleIds(draft)) {
    const v = draft.vehicles.get(id)!;
    if (v.status === 'link-lost') continue;
    // The command is a function of the record (and of the fleet-wide stop): a record already
    // found to have been told it needs no second look.
    const known = told.get(id);
    if (known && known.v === v && known.stopAll === stopAll) continue;
    const command = commandOf(site, v, stopAll);
    const halt = command.halt;
    const chargeW = command.chargeW;
    const key = `${command.lanes.join('>')}|${command.limitLaneIndex}|${command.limitOffsetMm}|${halt}|${chargeW}|${command.laden}`;
    if (key === v.lastCommandKey) {
      told.set(id, { v, stopAll });
      continue;
    }
    draft.vehicleCommands.push(command);
    told.set(id, { v: patchVehicle(draft, id, { lastCommandKey: key }), stopAll });
  }
}

/**
 * The command that tells vehicle `v` what the engine wants of it now (also used to bring a vehicle
 * that reconnects up to date: the world already counts it as told).
 */
export function commandOf(site: Site, v: VehicleState, stopAll: boolean): VehicleCommand {
  const halt: VehicleCommand['halt'] = stopAll || v.status === 'broken' ? 'emergency' : v.paused ? 'service' : 'none';
  let chargeW = 0;
  if (v.charging && v.task) {
    const station = site.stations.get(v.task.legs[v.task.legIndex]!.station);
    chargeW = station?.kind === 'battery-swap' ? Math.ceil((v.spec.batteryWh * 3_600_000) / site.config.swapMs) : v.spec.chargePowerW;
  }
  return {
    vehicleId: v.id,
    lanes: [v.lane, ...v.route.slice(0, v.limit.laneIndex)],
    limitLaneIndex: v.limit.laneIndex,
    limitOffsetMm: v.limit.offsetMm,
    halt,
    chargeW,
    laden: v.load.length > 0,
  };
}
