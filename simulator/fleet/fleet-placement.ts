/**
 * Where a scenario's fleet starts: parking slots first, then chargers, then spread along the
 * running lanes (never inside a dead-end stall). The engine's own
 * placement rule decides what is free, so the commands built here are all accepted.
 */
import type { Command } from '../../engine/core/model/commands.ts';
import type { Site } from '../../engine/core/tick/site.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';
import type { VehicleSpec } from '../../engine/core/model/vehicle-spec.ts';
import { placeVehicle } from '../../engine/core/tick/vehicle-placement.ts';

export function fleetCommands(site: Site, count: number, idPrefix: string, spec: Partial<VehicleSpec>, socPercent: number, lengthMm: number): Command[] {
  const stationKinds = ['igv-parking', 'charger', 'battery-swap'];
  const candidates: ({ node: string } | { lane: string; offsetMm: number })[] = [];
  for (const kind of stationKinds) {
    for (const s of site.stations.values()) if (s.kind === kind) for (const node of s.nodes) candidates.push({ node });
  }
  // Then one vehicle per cell, nose at the cell's end, so bodies pack as densely as traffic
  // control allows (a stress test may ask for more vehicles than the yards can park).
  for (const laneId of site.cells.laneGraph.laneIds) {
    const lane = site.cells.lane(laneId);
    if (lane.singleTrackWith || site.deadEndLanes.has(laneId)) continue;
    const ids = site.cells.laneCells(laneId);
    for (let i = ids.length - 1; i >= 0; i--) candidates.push({ lane: laneId, offsetMm: site.cells.cells[ids[i]!]!.s1 });
  }

  const placed: Pick<VehicleState, 'id' | 'held'>[] = [];
  const commands: Command[] = [];
  const width = String(Math.max(2, String(count).length));
  for (const at of candidates) {
    if (commands.length >= count) break;
    const r = placeVehicle(site.cells, at, lengthMm, site.config.gapMm, placed as VehicleState[], new Set());
    if (!r.ok) continue;
    const id = `${idPrefix}${String(commands.length + 1).padStart(Number(width), '0')}`;
    placed.push({ id, held: r.placement.held });
    commands.push({ kind: 'AddVehicle', vehicleId: id, spec, at: 'node' in at ? at : { lane: at.lane, offsetMm: at.offsetMm }, socPercent });
  }
  if (commands.length < count) {
    throw new Error(`[fleet-placement] the map has room for ${commands.length} vehicles at the start, the scenario asks for ${count}`);
  }
  return commands;
}
