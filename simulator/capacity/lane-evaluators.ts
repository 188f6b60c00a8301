/**
 * The three models the capacity search bisects on, each as `evaluate(multiplier)`: the as-is gate
 * (C0), the traditional lane beside the smart lane, and the smart (IGV) lane itself. Every one runs
 * all its seeds and calls a multiplier stable only when every seed is stable (a planner should not
 * be sold a capacity that one unlucky week breaks); throughput is the mean over the seeds.
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { AsIsParams } from '../gate/as-is/as-is-params.ts';
import type { AsIsResult } from '../gate/as-is/as-is-result.ts';
import { runAsIs, simulateAsIs } from '../gate/as-is/run-as-is.ts';
import { MS_PER_DAY } from '../gate/calendar.ts';
import { createTruckArrivals } from '../gate/demand/truck-demand.ts';
import { takesSmartLane } from '../gate/truck-list.ts';
import type { GateDemand, Scenario } from '../scenarios/scenario-schema.ts';
import { runSimulation } from '../run-sim.ts';
import type { Kpis } from '../kpis/kpis.ts';
import { judgeStability, type StabilityVerdict } from './stability.ts';
import type { Evaluation } from './bisection.ts';

/** P34: the smart lane's service level, truck arrival to release on the far side. */
export const SERVICE_P50_MAX_MIN = 240;
export const SERVICE_P95_MAX_MIN = 360;

/** Run window of the queueing (as-is) models, calendar days of 2025. */
export interface QueueWindow {
  readonly startDay: number;
  readonly warmupDays: number;
  readonly days: number;
}

/** What each seed of an as-is or traditional-lane run reports back. */
export interface QueueSeedRun {
  readonly seed: number;
  readonly stable: boolean;
  readonly result: AsIsResult;
}

export function evaluateAsIs(params: AsIsParams, seeds: readonly number[], window: QueueWindow) {
  return (multiplier: number): Evaluation & { detail: QueueSeedRun[] } => {
    const runs = seeds.map((seed) => {
      const result = runAsIs(params, { seed, days: window.days, warmupDays: window.warmupDays, multiplier, startDay: window.startDay });
      return { seed, stable: result.stable, result };
    });
    return summariseQueue(runs);
  };
}

/**
 * The traditional lane beside the smart lane: the trucks of the smart scenario's demand at
 * `multiplier` that do not take the IGV lane, served by the lane's as-is process and hours.
 */
export function evaluateTraditional(params: AsIsParams, demand: GateDemand, seeds: readonly number[], window: QueueWindow) {
  return (multiplier: number): Evaluation & { detail: QueueSeedRun[] } => {
    const startMs = window.startDay * MS_PER_DAY;
    const warmupEndMs = startMs + window.warmupDays * MS_PER_DAY;
    const runs = seeds.map((seed) => {
      const all = createTruckArrivals({ ...demand.trucks, multiplier }, demand.calendar, seed);
      const traditional = { next: (from: number, to: number) => all.next(from, to).filter((t) => !takesSmartLane(t)) };
      const result = simulateAsIs(params, traditional, { startMs, warmupEndMs, endMs: warmupEndMs + window.days * MS_PER_DAY }, seed);
      return { seed, stable: result.stable, result };
    });
    return summariseQueue(runs);
  };
}

function summariseQueue(runs: QueueSeedRun[]): Evaluation & { detail: QueueSeedRun[] } {
  return {
    stable: runs.every((r) => r.stable),
    throughputPerDay: mean(runs.map((r) => r.result.tonnesPerDay.total)),
    detail: runs,
  };
}

/** What each seed of a smart-lane run reports back. */
export interface SmartSeedRun {
  readonly seed: number;
  readonly stable: boolean;
  readonly serviceMet: boolean;
  readonly stability: StabilityVerdict;
  readonly kpis: Kpis;
  readonly engineFaults: number;
}

export interface SmartWindow {
  /** Day of 2025 the run starts on (its first half is the warm-up the stability rule drops). */
  readonly startDay: number;
  readonly days: number;
}

/**
 * The smart lane alone (the traditional lane is evaluated on its own: the two share no resource)
 * at `multiplier` × the scenario's truck demand. With `requireService`, a multiplier counts as
 * sustainable only when the queue is stable AND clearance meets P34 (P50 ≤ 4 h, P95 ≤ 6 h).
 */
export function evaluateSmart(
  scenario: Scenario & { demand: GateDemand },
  map: IgvMap,
  seeds: readonly number[],
  window: SmartWindow,
  requireService: boolean,
  onSimProgress?: (fraction: number) => void,
) {
  return (multiplier: number): Evaluation & { detail: SmartSeedRun[] } => {
    const runs = seeds.map((seed, i) => {
      const s: Scenario = {
        ...scenario,
        durationHours: window.days * 24,
        demand: {
          ...scenario.demand,
          startDay: window.startDay,
          trucks: { ...scenario.demand.trucks, multiplier },
          traditionalLane: { ...scenario.demand.traditionalLane, enabled: false },
        },
      };
      const result = runSimulation({
        scenario: s,
        map,
        seed,
        ...(onSimProgress ? { onProgress: (ms: number, total: number) => onSimProgress((i + ms / total) / seeds.length) } : {}),
      });
      // A lane moving hundreds of boxes a day has a few more or less in hand at any hour: growth
      // below two hours' deliveries over the horizon is noise, not a growing queue.
      const stability = judgeStability(result.queueSamples, { minTolerance: Math.max(5, result.kpis.throughput.movesPerDay / 12) });
      const { p50, p95 } = result.kpis.clearanceMinutes;
      const serviceMet = p50 !== null && p95 !== null && p50 <= SERVICE_P50_MAX_MIN && p95 <= SERVICE_P95_MAX_MIN;
      return { seed, stable: stability.stable && result.faults.length === 0, serviceMet, stability, kpis: result.kpis, engineFaults: result.faults.length };
    });
    return {
      stable: runs.every((r) => r.stable && (!requireService || r.serviceMet)),
      throughputPerDay: mean(runs.map((r) => r.kpis.throughput.tonnesPerDay)),
      detail: runs,
    };
  };
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}
