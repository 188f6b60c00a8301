/**
 * The fault model of a scenario as the run needs it: the commands to merge into `faults`, and the
 * surge windows for the demand stream on the clock that stream draws on.
 */
import type { IgvMap, StationKind } from '../../maps/schema/map-schema.ts';
import type { Command } from '../../engine/core/model/commands.ts';
import type { Scenario } from '../scenarios/scenario-schema.ts';
import { MS_PER_DAY } from '../gate/calendar.ts';
import { expandFaultModel, type FaultContext, type TimedCommand } from './expand-fault-model.ts';
import { surgeWindowsMs, type SurgeWindow } from './surge.ts';

/** What the map offers a fault model: its station ids by kind and its lane ids, sorted. */
export function mapFaultTargets(map: IgvMap): Pick<FaultContext, 'stationIdsByKind' | 'laneIds'> {
  const stationIdsByKind: Partial<Record<StationKind, string[]>> = {};
  for (const s of map.stations) (stationIdsByKind[s.kind] ??= []).push(s.id);
  for (const ids of Object.values(stationIdsByKind)) ids.sort();
  return { stationIdsByKind, laneIds: map.lanes.map((l) => l.id).sort() };
}

/**
 * The commands of the scenario's `faultModel` for the vehicles `fleet` adds, over `durationMs` of
 * run time ([] without a model). Throws on lanes, stations or kinds the map does not have.
 */
export function scenarioFaultCommands(scenario: Scenario, map: IgvMap, fleet: readonly Command[], durationMs: number, seed: number): TimedCommand[] {
  if (!scenario.faultModel) return [];
  const vehicleIds = fleet.flatMap((c) => (c.kind === 'AddVehicle' ? [c.vehicleId] : []));
  return expandFaultModel(scenario.faultModel, { vehicleIds, ...mapFaultTargets(map), durationMs, seed });
}

/**
 * The scenario's surges on the clock its demand draws on: absolute calendar ms for gate demand
 * (run start = startDay × 86,400,000 ms), run ms for rate demand.
 */
export function scenarioSurges(scenario: Scenario): SurgeWindow[] {
  const offset = scenario.demand.kind === 'gate' ? scenario.demand.startDay * MS_PER_DAY : 0;
  return surgeWindowsMs(scenario.faultModel?.surges, offset);
}
