/**
 * What a vehicle can do. Integer SI-derived units: mm, mm/s, mm/s², Wh, Wh per km.
 * Defaults are the facts sheet's IGV priors (../shared/domain/facts.md §4 and P47–P59).
 */
import { z } from 'zod';

export const VehicleSpecSchema = z
  .object({
    lengthMm: z.number().int().positive().default(15_600).describe('P51: 15–16.5 m (Tianjin ART 15.6 m)'),
    widthMm: z.number().int().positive().default(3_000).describe('P51: 2.55–3.0 m'),
    maxSpeedLadenMmps: z.number().int().positive().default(6_944).describe('P47: 25 km/h laden'),
    maxSpeedEmptyMmps: z.number().int().positive().default(8_333).describe('P47: 30 km/h empty'),
    accelLadenMmps2: z.number().int().positive().default(400).describe('P49: 0.3–0.5 m/s² laden'),
    accelEmptyMmps2: z.number().int().positive().default(650).describe('P49: 0.5–0.8 m/s² empty'),
    serviceBrakeMmps2: z.number().int().positive().default(750).describe('P50: 0.5–1.0 m/s²'),
    emergencyBrakeMmps2: z.number().int().positive().default(3_000).describe('P50: 2.5–3.5 m/s²'),
    capacity: z.number().int().positive().default(1).describe('containers carried at once (1 × 40 ft or 2 × 20 ft: P53)'),
    payloadKg: z.number().int().positive().default(60_000).describe('P53: 40–65 t rated'),
    batteryWh: z.number().int().positive().default(282_000).describe('P55: 282 kWh'),
    consumptionLadenWhPerKm: z.number().int().positive().default(1_600).describe('P56: 1.6 kWh/km laden (ESTIMATE)'),
    consumptionEmptyWhPerKm: z.number().int().positive().default(1_200).describe('P56: 1.2 kWh/km empty (ESTIMATE)'),
    chargePowerW: z.number().int().positive().default(188_000).describe('P57: full charge in 1.5 h (282 kWh / 1.5 h)'),
  })
  .strict();

export type VehicleSpec = z.infer<typeof VehicleSpecSchema>;

export const DEFAULT_VEHICLE_SPEC: VehicleSpec = Object.freeze(VehicleSpecSchema.parse({}));

export function maxSpeedMmps(spec: VehicleSpec, laden: boolean): number {
  return laden ? spec.maxSpeedLadenMmps : spec.maxSpeedEmptyMmps;
}

export function accelMmps2(spec: VehicleSpec, laden: boolean): number {
  return laden ? spec.accelLadenMmps2 : spec.accelEmptyMmps2;
}
