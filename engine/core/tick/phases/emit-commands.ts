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
 * the fleet-wide stop and the site it was worked out under (entries are updated in place).
 */
const told = new Map<string, { v: VehicleState; stopAll: boolean; site: Site }>();

export function emitVehicleCommands(site: Site, draft: Draft): void {
  const stopAll = draft.emergencyStop || draft.safeMode;
  for (const id of vehicleIds(draft)) {
    const v = draft.vehicles.get(id)!;
    if (v.status === 'link-lost') continue;
    // The command is a function of the record (and of the fleet-wide stop): a record already
    // found to have been told it needs no second look, nor does one that differs from it only in
    // fields the command does not read (a vehicle driving on within its limit) and was told the same.
    const known = told.get(id);
    if (known && known.stopAll === stopAll && known.site === site) {
      if (known.v === v) continue;
      if (v.lastCommandKey === known.v.lastCommandKey && sameCommand(known.v, v)) {
        known.v = v;
        continue;
      }
    }
    const command = commandOf(site, v, stopAll);
    const halt = command.halt;
    const chargeW = command.chargeW;
    const key = `${command.lanes.join('>')}|${command.limitLaneIndex}|${command.limitOffsetMm}|${halt}|${chargeW}|${command.laden}`;
    if (key === v.lastCommandKey) {
      remember(id, v, stopAll, site);
      continue;
    }
    draft.vehicleCommands.push(command);
    remember(id, patchVehicle(draft, id, { lastCommandKey: key }), stopAll, site);
  }
}

function remember(id: string, v: VehicleState, stopAll: boolean, site: Site): void {
  const known = told.get(id);
  if (known) {
    known.v = v;
    known.stopAll = stopAll;
    known.site = site;
  } else told.set(id, { v, stopAll, site });
}

/**
 * True when `commandOf` reads the same of both records (some fields more strictly than it needs).
 * Keep in step with `commandOf`: a field it starts reading must be compared here too.
 */
function sameCommand(a: VehicleState, b: VehicleState): boolean {
  if (a.id !== b.id || a.lane !== b.lane || a.limit.laneIndex !== b.limit.laneIndex || a.limit.offsetMm !== b.limit.offsetMm) return false;
  if (a.status !== b.status || a.paused !== b.paused || a.charging !== b.charging || a.task !== b.task || a.spec !== b.spec) return false;
  if (a.load.length > 0 !== b.load.length > 0) return false;
  if (a.route === b.route) return true;
  // The lanes released: the route up to the limit's lane (a negative index slices from the end: not this shortcut).
  const n = a.limit.laneIndex;
  if (n < 0) return false;
  const na = Math.min(n, a.route.length);
  if (na !== Math.min(n, b.route.length)) return false;
  for (let i = 0; i < na; i++) if (a.route[i] !== b.route[i]) return false;
  return true;
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
