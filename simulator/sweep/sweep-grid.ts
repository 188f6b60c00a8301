/**
 * Expanding a sweep into its grid points, in a fixed order (layout, fleet, cranes, demand, seed —
 * each in the order the file lists them) so rows line up whatever the number of workers. A cranes
 * value above what a layout's map has is skipped and reported, not an error.
 */
import type { Sweep, SweepPoint } from './sweep-schema.ts';

/** A layout × cranes combination left out of the grid, and why. */
export interface SkippedCranes {
  readonly layout: string;
  readonly cranesPerSide: number;
  readonly mapCranesPerSide: number;
}

/**
 * The grid of `sweep` over `layouts` (name → transfer cranes per side on its map). Indices run
 * 0…n-1 in the returned order.
 */
export function expandGrid(sweep: Sweep, layouts: readonly { name: string; cranesPerSide: number }[]): { points: SweepPoint[]; skipped: SkippedCranes[] } {
  const points: SweepPoint[] = [];
  const skipped: SkippedCranes[] = [];
  for (const layout of layouts) {
    for (const k of sweep.cranesPerSide) {
      if (k > layout.cranesPerSide) skipped.push({ layout: layout.name, cranesPerSide: k, mapCranesPerSide: layout.cranesPerSide });
    }
    for (const fleet of sweep.fleet) {
      for (const cranesPerSide of sweep.cranesPerSide) {
        if (cranesPerSide > layout.cranesPerSide) continue;
        for (const demandMultiplier of sweep.demandMultipliers) {
          for (const seed of sweep.seeds) points.push({ index: points.length, layout: layout.name, fleet, cranesPerSide, demandMultiplier, seed });
        }
      }
    }
  }
  return { points, skipped };
}
