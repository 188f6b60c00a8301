/**
 * Energy arithmetic: Wh for a distance, laden or empty, and the reserve rule. Pure.
 */
import type { VehicleSpec } from '../model/vehicle-spec.ts';

/** Energy to drive `mm`, Wh (rounded up). */
export function driveWh(spec: VehicleSpec, mm: number, laden: boolean): number {
  const perKm = laden ? spec.consumptionLadenWhPerKm : spec.consumptionEmptyWhPerKm;
  return Math.ceil((mm * perKm) / 1_000_000);
}

/** The least charge a vehicle may plan to arrive at a charger with, Wh. */
export function reserveWh(spec: VehicleSpec, reservePercent: number): number {
  return Math.ceil((spec.batteryWh * reservePercent) / 100);
}
