/**
 * The traditional lane beside the smart lane: trucks with drivers and the manual process of the
 * calibrated as-is model (its defaults are the 2025 calibration), serving every truck that does
 * not take the IGV lane. Planners flip its hours and staffing to see what the hours alone buy
 * (facts §7.1: 24/7 is ≈4.8× the open hours).
 */
import { z } from 'zod';
import { AsIsParamsSchema, type AsIsParams } from '../as-is/as-is-params.ts';
import type { CalendarParams } from '../calendar.ts';
import type { TruckDemand } from '../demand/truck-demand.ts';

export const TRADITIONAL_HOURS = ['2025', 'weekend-pilot', '24-7'] as const;

export const TraditionalLaneSchema = z
  .object({
    enabled: z.boolean().default(true).describe('serve the non-pilot trucks on the traditional lane (false: the run counts only the smart lane)'),
    hours: z
      .enum(TRADITIONAL_HOURS)
      .default('weekend-pilot')
      .describe(
        "opening hours of the traditional lane: '2025' weekdays 08–11, 13–17 (P27), weekends closed; 'weekend-pilot' adds Sat–Sun 08–11, 14–17 (P28, since Mar 2026); '24-7' every agency staffs round the clock (P37's target applied to the old lane too)",
      ),
    staffingFactor: z
      .number()
      .positive()
      .max(20)
      .default(1)
      .describe('multiplies every server count of the calibrated 2025 staffing (ESTIMATE: 1 = today\'s desks and officers), rounded up'),
    warmupDays: z
      .number()
      .int()
      .min(0)
      .max(60)
      .default(14)
      .describe('days simulated before the run starts so the lane starts with today\'s queues, not empty (its clearance is 1–2 days, P33)'),
  })
  .strict();

export type TraditionalLane = z.infer<typeof TraditionalLaneSchema>;

/** As-is parameters of the traditional lane: the calibrated process, the lane's hours and staffing. */
export function traditionalAsIsParams(lane: TraditionalLane, demand: TruckDemand, calendar: CalendarParams): AsIsParams {
  const base = AsIsParamsSchema.parse({ calendar, demand });
  const scaled = Object.fromEntries(
    Object.entries(base.staffing).map(([dir, s]) => [dir, Object.fromEntries(Object.entries(s).map(([k, n]) => [k, Math.ceil(n * lane.staffingFactor)]))]),
  ) as AsIsParams['staffing'];
  return { ...base, staffing: scaled, calendar: laneCalendar(lane.hours, calendar) };
}

function laneCalendar(hours: TraditionalLane['hours'], calendar: CalendarParams): CalendarParams {
  if (hours === '2025') return { ...calendar, weekendOpen: false };
  if (hours === 'weekend-pilot') return { ...calendar, weekendOpen: true };
  // Round the clock; Tết stays closed on both sides (P29).
  return { ...calendar, weekdayOpenWindows: [[0, 24]], weekendOpen: true, weekendOpenWindows: [[0, 24]], holidays: [] };
}
