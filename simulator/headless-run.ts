/**
 * A headless run: the engine runtime driven by a stepped clock, with virtual vehicles advancing
 * inside each tick. Per tick: the inbox (scheduled commands, then last tick's vehicle reports) goes
 * to the runtime; the vehicles take the commands that came out, drive one tick and report.
 * Nothing here reads a clock; the same inputs give the same run.
 */
import type { Command } from '../engine/core/model/commands.ts';
import type { Site } from '../engine/core/tick/site.ts';
import type { World } from '../engine/core/model/world.ts';
import { createEngineRuntime, type EngineRuntime, type TickOutcome } from '../engine/runtime/engine-runtime.ts';
import type { JournalPort } from '../engine/runtime/journal.ts';
import { advanceVehicle, createVirtualVehicle, type VirtualVehicleState } from './vehicles/virtual-vehicle.ts';

export interface HeadlessRun {
  readonly runtime: EngineRuntime;
  readonly vehicles: ReadonlyMap<string, VirtualVehicleState>;
  /** Runs one tick; `commands` go to the engine before the vehicles' reports. */
  tick(commands?: readonly Command[]): TickOutcome;
}

export function createHeadlessRun(site: Site, initial: World, journal: JournalPort | null = null): HeadlessRun {
  const runtime = createEngineRuntime(site, initial, journal);
  const vehicles = new Map<string, VirtualVehicleState>();
  const silent = new Set<string>();
  let reports: Command[] = [];
  let ids: string[] = [];
  return {
    runtime,
    vehicles,
    tick(commands = []) {
      const outcome = runtime.tick([...commands, ...reports]);
      const world = outcome.world;
      for (const e of outcome.events) {
        if (e.kind === 'VehicleAdded') {
          const v = world.vehicles.get(e.vehicleId)!;
          vehicles.set(v.id, createVirtualVehicle(v.id, v.spec, v.lane, v.offsetMm, v.trail, v.socWh));
        } else if (e.kind === 'VehicleLinkLost') silent.add(e.vehicleId);
        else if (e.kind === 'VehicleLinkRestored') silent.delete(e.vehicleId);
      }
      for (const c of outcome.vehicleCommands) {
        const v = vehicles.get(c.vehicleId);
        if (v && !silent.has(c.vehicleId)) v.command = c;
      }
      reports = [];
      // Vehicles are only ever added: sort their ids again only when one was.
      if (ids.length !== vehicles.size) ids = [...vehicles.keys()].sort();
      for (const id of ids) {
        const report = advanceVehicle(site.cells, vehicles.get(id)!, world.tickMs);
        if (!silent.has(id)) reports.push(report);
      }
      return outcome;
    },
  };
}
