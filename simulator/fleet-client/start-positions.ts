/**
 * Where a fleet of virtual IGVs starts: the same places the simulator's fleet placement
 * (simulator/fleet/fleet-placement.ts) gives, laid out with the engine's own placement rule in
 * the same order, so each vehicle stands where the engine will put it when it joins.
 */
import type { Site } from '../../engine/core/tick/site.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';
import { DEFAULT_VEHICLE_SPEC, VehicleSpecSchema, type VehicleSpec } from '../../engine/core/model/vehicle-spec.ts';
import { placeVehicle } from '../../engine/core/tick/vehicle-placement.ts';
import { fleetCommands } from '../fleet/fleet-placement.ts';
import type { IgvStart } from './virtual-igv.ts';

export interface StartPosition extends IgvStart {
  readonly serialNumber: string;
}

/** Start positions of `count` vehicles named `${idPrefix}01`…; throws when the map has no room for them. */
export function startPositions(site: Site, count: number, idPrefix = 'IGV-', spec: Partial<VehicleSpec> = {}, socPercent = 100): StartPosition[] {
  const full = VehicleSpecSchema.parse({ ...DEFAULT_VEHICLE_SPEC, ...spec });
  const commands = fleetCommands(site, count, idPrefix, spec, socPercent, full.lengthMm);
  const placed: Pick<VehicleState, 'id' | 'held'>[] = [];
  const out: StartPosition[] = [];
  for (const c of commands) {
    if (c.kind !== 'AddVehicle') continue;
    const r = placeVehicle(site.cells, c.at, full.lengthMm, site.config.gapMm, placed as VehicleState[], new Set());
    if (!r.ok) throw new Error(`[start-positions] ${c.vehicleId}: ${r.detail}`);
    placed.push({ id: c.vehicleId, held: r.placement.held });
    out.push({ serialNumber: c.vehicleId, spec: full, lane: r.placement.lane, offsetMm: r.placement.offsetMm, trail: r.placement.trail, socPercent });
  }
  return out;
}
