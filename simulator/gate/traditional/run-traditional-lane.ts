/**
 * Runs the traditional lane on the trucks that do not take the smart lane, with the as-is queueing
 * model, over a run window preceded by a warm-up so its queues start at today's level.
 */
import { MS_PER_DAY, MS_PER_HOUR } from '../calendar.ts';
import type { TruckArrival } from '../demand/truck-demand.ts';
import { simulateAsIs } from '../as-is/run-as-is.ts';
import type { AsIsResult } from '../as-is/as-is-result.ts';
import type { AsIsParams } from '../as-is/as-is-params.ts';
import { listStream, takesSmartLane } from '../truck-list.ts';

export interface TraditionalRunWindow {
  /** First ms of the measured run (calendar ms, t = 0 is 1 Jan 2025). */
  readonly fromMs: number;
  /** Measured length, ms; rounded up to whole hours (the model samples on the hour). */
  readonly durationMs: number;
  readonly warmupDays: number;
}

/**
 * Simulates the traditional lane on the non-smart trucks of `trucks` (sorted by arrival, drawn
 * from at least `fromMs − warmupDays` on). Deterministic in `seed`.
 */
export function runTraditionalLane(params: AsIsParams, trucks: readonly TruckArrival[], window: TraditionalRunWindow, seed: number): AsIsResult {
  const warmupEndMs = window.fromMs;
  const startMs = warmupEndMs - window.warmupDays * MS_PER_DAY;
  const endMs = warmupEndMs + Math.ceil(window.durationMs / MS_PER_HOUR) * MS_PER_HOUR;
  const traditional = trucks.filter((t) => !takesSmartLane(t));
  return simulateAsIs(params, listStream(traditional), { startMs, warmupEndMs, endMs }, seed);
}
