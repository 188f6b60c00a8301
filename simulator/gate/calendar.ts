/**
 * The gate calendar: simulated time ↔ local (Hanoi, UTC+7) clock and day, the as-is cargo opening
 * hours (weekday windows, the weekend pilot, Tết and other holidays), the seasonal demand profile
 * and the diurnal truck-arrival profile.
 *
 * Time is integer ms of simulated time; t = 0 is Monday 1 Jan 2025 00:00 local. The simulated year
 * has 365 days and repeats; weeks run independently of it (so in a second year 1 Jan is not a
 * Monday). China time is +1 h: the windows here are already in VN local time (facts §2.4).
 */
import { z } from 'zod';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365;

/** Days in each month of the simulated (non-leap) year, January first. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const hourOfDaySchema = z.number().min(0).max(24);
const windowsSchema = z
  .array(z.tuple([hourOfDaySchema, hourOfDaySchema]))
  .refine((ws) => ws.every(([s, e], i) => s < e && (i === 0 || ws[i - 1]![1] <= s)), {
    message: 'windows must be [startHour, endHour] with start < end, sorted and not overlapping',
  });
const dayOfYearList = z.array(z.number().int().min(0).max(DAYS_PER_YEAR - 1));

/** 2025 Tết: the lunar new year was 29 Jan (day 28); cargo closed for 8 days. */
const DEFAULT_TET_DAYS = [28, 29, 30, 31, 32, 33, 34, 35];
/** 1 Jan, Hùng Kings (7 Apr), 30 Apr, 1 May, National Day (2 Sep), as 0-based days of 2025. */
const DEFAULT_HOLIDAYS = [0, 96, 119, 120, 244];
/** Trucks come mostly in the day, bunching before the morning and afternoon openings. */
const DEFAULT_DIURNAL = [
  0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1.0, 1.6, 2.0, 1.8, 1.6, 1.3, 1.2, 1.5, 1.6, 1.5, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2,
];

export const CalendarParamsSchema = z
  .object({
    tetClosureDays: dayOfYearList
      .default(DEFAULT_TET_DAYS)
      .describe('days of the year (0-based, 0 = 1 Jan) cargo is closed for Tết; default 8 days, 29 Jan–5 Feb 2025 (P29: 7–8 days/yr)'),
    weekdayOpenWindows: windowsSchema
      .default([
        [8, 11],
        [13, 17],
      ])
      .describe('as-is cargo windows Mon–Fri, [startHour, endHour) local VN time; default 7 h/day (P27, ESTIMATE)'),
    weekendOpen: z.boolean().default(true).describe('whether the weekend pilot runs (from 7 Mar 2026; P28); false = closed Sat–Sun'),
    weekendOpenWindows: windowsSchema
      .default([
        [8, 11],
        [14, 17],
      ])
      .describe('weekend-pilot cargo windows Sat–Sun, [startHour, endHour) local VN time; 6 h/day (P28)'),
    holidays: dayOfYearList
      .default(DEFAULT_HOLIDAYS)
      .describe('other closed days of the year (0-based); default 5 public holidays (P30: ≈248 operating days/yr, ESTIMATE)'),
    peakSeasonMonths: z
      .array(z.number().int().min(1).max(12))
      .default([12, 1, 5, 6])
      .describe('months (1–12) of peak demand: pre-Tết Dec–Jan and the May–Jun fruit season (facts §2.4, ESTIMATE)'),
    peakSeasonFactor: z
      .number()
      .positive()
      .default(2)
      .describe(
        'demand in peak months as a multiple of the annual mean (P22: 2.0); off-peak months are scaled down so the year averages 1.0 (the 2025 mean)',
      ),
    diurnalWeights: z
      .array(z.number().nonnegative())
      .length(24)
      .refine((ws) => ws.some((w) => w > 0), { message: 'at least one diurnal weight must be positive' })
      .default(DEFAULT_DIURNAL)
      .describe('relative truck-arrival weights by local hour 0–23; normalised so a day averages 1 (ESTIMATE)'),
  })
  .strict()
  .refine((c) => peakDays(c.peakSeasonMonths) * c.peakSeasonFactor < DAYS_PER_YEAR, {
    message: 'peakSeasonFactor × peak days must stay below 365, or off-peak months would need a negative factor',
  });

export type CalendarParams = z.infer<typeof CalendarParamsSchema>;

/** Local day number since t = 0 (day 0 = Mon 1 Jan 2025). */
export function dayIndex(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Local hour of the day, 0–23. */
export function hourOfDay(ms: number): number {
  return Math.floor(msOfDay(ms) / MS_PER_HOUR);
}

/** Day of the week, 0 = Monday … 6 = Sunday. */
export function weekday(ms: number): number {
  return mod(dayIndex(ms), 7);
}

/** Day of the simulated year, 0-based (0 = 1 Jan); the 365-day year repeats for longer runs. */
export function dayOfYear(ms: number): number {
  return mod(dayIndex(ms), DAYS_PER_YEAR);
}

/** Month of the simulated year, 1–12. */
export function monthOfYear(ms: number): number {
  let d = dayOfYear(ms);
  for (let m = 0; m < MONTH_DAYS.length; m++) {
    if (d < MONTH_DAYS[m]!) return m + 1;
    d -= MONTH_DAYS[m]!;
  }
  return 12;
}

/**
 * Whether the as-is gate is open for cargo at `ms`: inside one of the day's windows
 * (start inclusive, end exclusive) and not a Tết or holiday day.
 */
export function isOpen(calendar: CalendarParams, ms: number): boolean {
  const t = msOfDay(ms);
  return openWindowsMs(calendar, dayIndex(ms)).some(([s, e]) => t >= s && t < e);
}

/**
 * The first instant ≥ `ms` at which the gate is open, in ms. `Infinity` when the calendar
 * has no open window at all (searched over one full week × year cycle).
 */
export function nextOpenMs(calendar: CalendarParams, ms: number): number {
  const first = dayIndex(ms);
  for (let d = first; d < first + 7 * DAYS_PER_YEAR; d++) {
    const base = d * MS_PER_DAY;
    for (const [s, e] of openWindowsMs(calendar, d)) {
      if (base + e > ms) return Math.max(ms, base + s);
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** Open hours of the as-is gate in [fromMs, toMs), in hours (fractional); 0 when toMs ≤ fromMs. */
export function openHoursBetween(calendar: CalendarParams, fromMs: number, toMs: number): number {
  let openMs = 0;
  for (let d = dayIndex(fromMs); d * MS_PER_DAY < toMs; d++) {
    const base = d * MS_PER_DAY;
    for (const [s, e] of openWindowsMs(calendar, d)) {
      openMs += Math.max(0, Math.min(toMs, base + e) - Math.max(fromMs, base + s));
    }
  }
  return openMs / MS_PER_HOUR;
}

/**
 * The seasonal demand multiplier at `ms` (dimensionless): `peakSeasonFactor` in peak months,
 * and in off-peak months the factor that makes the 365-day mean exactly 1.
 */
export function seasonFactor(calendar: CalendarParams, ms: number): number {
  const months = new Set(calendar.peakSeasonMonths);
  if (months.has(monthOfYear(ms))) return calendar.peakSeasonFactor;
  const pd = peakDays(calendar.peakSeasonMonths);
  return (DAYS_PER_YEAR - calendar.peakSeasonFactor * pd) / (DAYS_PER_YEAR - pd);
}

/** The diurnal arrival weight of the hour containing `ms`, normalised so the 24 hours average 1. */
export function diurnalFactor(calendar: CalendarParams, ms: number): number {
  const w = calendar.diurnalWeights;
  const sum = w.reduce((a, b) => a + b, 0);
  return ((w[hourOfDay(ms)] ?? 0) * 24) / sum;
}

/**
 * The truck-arrival rate multiplier at `ms` (dimensionless): season × normalised diurnal weight.
 * Over one whole day it averages the day's season factor; over the year, 1.
 */
export function arrivalRateFactor(calendar: CalendarParams, ms: number): number {
  return seasonFactor(calendar, ms) * diurnalFactor(calendar, ms);
}

/** Whether day `d` is closed all day for Tết or a holiday. */
export function isClosedDay(calendar: CalendarParams, d: number): boolean {
  const doy = mod(d, DAYS_PER_YEAR);
  return calendar.tetClosureDays.includes(doy) || calendar.holidays.includes(doy);
}

/** The open windows of day `d` as [start, end) ms after that day's midnight; empty when closed. */
function openWindowsMs(calendar: CalendarParams, d: number): Array<readonly [number, number]> {
  if (isClosedDay(calendar, d)) return [];
  const weekend = mod(d, 7) >= 5;
  if (weekend && !calendar.weekendOpen) return [];
  const windows = weekend ? calendar.weekendOpenWindows : calendar.weekdayOpenWindows;
  return windows.map(([s, e]) => [Math.round(s * MS_PER_HOUR), Math.round(e * MS_PER_HOUR)] as const);
}

function peakDays(months: readonly number[]): number {
  return [...new Set(months)].reduce((sum, m) => sum + (MONTH_DAYS[m - 1] ?? 0), 0);
}

function msOfDay(ms: number): number {
  return mod(ms, MS_PER_DAY);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
