/**
 * Demand surges: windows in which arrivals come `factor` times as often as the demand model says.
 * Scenarios give them in run hours; the truck demand draws on the calendar, so they are turned
 * into absolute calendar ms here (run start = startDay × MS_PER_DAY).
 */

/** A surge window, [fromMs, toMs) on the clock of the stream it is given to. */
export interface SurgeWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly factor: number;
}

/** The scenario's form: hours from the run start. */
export interface SurgeHours {
  readonly fromHour: number;
  readonly toHour: number;
  readonly factor: number;
}

const MS_PER_HOUR = 3_600_000;

/** Converts run-hour windows to ms windows on a clock where the run starts at `offsetMs` (0 for run time). */
export function surgeWindowsMs(surges: readonly SurgeHours[] | undefined, offsetMs = 0): SurgeWindow[] {
  return (surges ?? []).map((s) => ({
    fromMs: offsetMs + Math.round(s.fromHour * MS_PER_HOUR),
    toMs: offsetMs + Math.round(s.toHour * MS_PER_HOUR),
    factor: s.factor,
  }));
}

/** The demand multiplier at `ms`: the product of the factors of every window covering it (1 outside all). */
export function surgeFactorAt(windows: readonly SurgeWindow[], ms: number): number {
  let f = 1;
  for (const w of windows) if (ms >= w.fromMs && ms < w.toMs) f *= w.factor;
  return f;
}
