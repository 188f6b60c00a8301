/**
 * What an as-is run reports, and the summaries computed from the raw run: clearance percentiles,
 * queue statistics, delivered tonnes per day and the stability judgement.
 */
import { DIRECTIONS, type Direction } from '../../../engine/core/model/order.ts';
import { MS_PER_DAY, MS_PER_HOUR } from '../calendar.ts';
import type { StaffedStep } from './process-steps.ts';

/** A truck released on the far side inside the measurement window. */
export interface ClearedTruck {
  readonly id: string;
  readonly direction: Direction;
  readonly grossKg: number;
  readonly arrivalMs: number;
  readonly releaseMs: number;
}

export type PerDirection<T> = Record<Direction, T>;

/** The state on the hour, inside the measurement window. */
export interface QueueSample {
  readonly atMs: number;
  /** Arrived and not yet released (waiting, in service or crossing). */
  readonly inSystem: PerDirection<number>;
  /** Waiting for a server at any step (not in service, not crossing). */
  readonly waiting: PerDirection<number>;
}

export interface Stability {
  readonly stable: boolean;
  /** Mean trucks in the system (both directions) over the second and the last quarter of the window. */
  readonly secondQuarterMean: number;
  readonly lastQuarterMean: number;
  readonly rule: string;
}

export interface AsIsResult {
  /** Run bounds, ms: the run is [startMs, endMs); measurement is [warmupEndMs, endMs). */
  readonly startMs: number;
  readonly warmupEndMs: number;
  readonly endMs: number;
  /** Open hours of the gate in the measurement window. */
  readonly openHours: number;
  /** Released inside the measurement window, in release order. */
  readonly cleared: readonly ClearedTruck[];
  /** Whole run, warm-up included: arrived = cleared + inSystem, exactly (inSystem is counted at the stations). */
  readonly counts: { readonly arrived: number; readonly cleared: number; readonly inSystem: number };
  /** Measurement window only: inSystemAtStart + arrived = cleared + inSystemAtEnd. */
  readonly windowCounts: { readonly arrived: number; readonly cleared: number; readonly inSystemAtStart: number; readonly inSystemAtEnd: number };
  readonly queueSamples: readonly QueueSample[];
  /** Over the hourly samples, both directions together, trucks. */
  readonly queue: { readonly meanInSystem: number; readonly maxInSystem: number; readonly meanWaiting: number; readonly maxWaiting: number };
  /** Busy server-time / (servers × open time) in the window; above 1 when services run past closing. */
  readonly utilisation: PerDirection<Record<StaffedStep, number>>;
  /** Cargo released per calendar day of the window, t/day. */
  readonly tonnesPerDay: PerDirection<number> & { readonly total: number };
  /** Trucks released per calendar day of the window. */
  readonly trucksPerDay: PerDirection<number> & { readonly total: number };
  /** Clearance (release − arrival) of the trucks released in the window, hours; NaN when none. */
  readonly clearanceHours: { readonly p50: number; readonly p95: number; readonly mean: number };
  readonly stable: boolean;
  readonly stability: Stability;
}

/** Nearest-rank percentile (0 < p ≤ 1) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Clearance percentiles and mean, hours, of `cleared`. */
export function clearanceHours(cleared: readonly ClearedTruck[]): AsIsResult['clearanceHours'] {
  const ms = cleared.map((t) => t.releaseMs - t.arrivalMs).sort((a, b) => a - b);
  const mean = ms.length === 0 ? Number.NaN : ms.reduce((a, b) => a + b, 0) / ms.length;
  return { p50: percentile(ms, 0.5) / MS_PER_HOUR, p95: percentile(ms, 0.95) / MS_PER_HOUR, mean: mean / MS_PER_HOUR };
}

/** Tonnes and trucks released per calendar day of a window `windowMs` long. */
export function deliveredPerDay(cleared: readonly ClearedTruck[], windowMs: number): Pick<AsIsResult, 'tonnesPerDay' | 'trucksPerDay'> {
  const days = windowMs / MS_PER_DAY;
  const t = { 'VN-CN': 0, 'CN-VN': 0 };
  const n = { 'VN-CN': 0, 'CN-VN': 0 };
  for (const c of cleared) {
    t[c.direction] += c.grossKg / 1000;
    n[c.direction] += 1;
  }
  const per = (r: PerDirection<number>) => ({ 'VN-CN': r['VN-CN'] / days, 'CN-VN': r['CN-VN'] / days, total: (r['VN-CN'] + r['CN-VN']) / days });
  return { tonnesPerDay: per(t), trucksPerDay: per(n) };
}

/** Mean and max over the hourly samples, both directions summed. */
export function queueStats(samples: readonly QueueSample[]): AsIsResult['queue'] {
  const sys = samples.map((s) => sum(s.inSystem));
  const wait = samples.map((s) => sum(s.waiting));
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return { meanInSystem: mean(sys), maxInSystem: Math.max(0, ...sys), meanWaiting: mean(wait), maxWaiting: Math.max(0, ...wait) };
}

/** Relative growth allowed between the second and the last quarter. */
export const STABILITY_TOLERANCE = 0.25;
/** Absolute slack, trucks, so a nearly empty gate is not judged unstable by a handful of trucks. */
export const STABILITY_SLACK_TRUCKS = 25;

/**
 * Stable when the queue is not growing over the window: the mean number in the system over the
 * last quarter of the hourly samples is at most (1 + STABILITY_TOLERANCE) × that of the second
 * quarter + STABILITY_SLACK_TRUCKS. The first quarter is skipped as it may still carry the
 * warm-up's transient. Whole weeks per quarter (a 4-week window) compare like with like.
 */
export function judgeStability(samples: readonly QueueSample[]): Stability {
  const q = Math.floor(samples.length / 4);
  const meanOf = (from: number, to: number) => {
    const xs = samples.slice(from, to).map((s) => sum(s.inSystem));
    return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const secondQuarterMean = meanOf(q, 2 * q);
  const lastQuarterMean = meanOf(samples.length - q, samples.length);
  return {
    stable: lastQuarterMean <= (1 + STABILITY_TOLERANCE) * secondQuarterMean + STABILITY_SLACK_TRUCKS,
    secondQuarterMean,
    lastQuarterMean,
    rule: `mean in system over the last quarter ≤ ${1 + STABILITY_TOLERANCE} × that of the second quarter + ${STABILITY_SLACK_TRUCKS} trucks`,
  };
}

function sum(r: PerDirection<number>): number {
  return DIRECTIONS.reduce((a, d) => a + r[d], 0);
}
