import { describe, expect, it } from 'vitest';
import {
  arrivalRateFactor,
  CalendarParamsSchema,
  dayIndex,
  dayOfYear,
  diurnalFactor,
  hourOfDay,
  isOpen,
  monthOfYear,
  MS_PER_DAY,
  MS_PER_HOUR,
  nextOpenMs,
  openHoursBetween,
  seasonFactor,
  weekday,
} from '../../simulator/gate/calendar.ts';

const H = MS_PER_HOUR;
const D = MS_PER_DAY;
/** Day 70 = Monday 12 Mar: an ordinary week (no Tết, no holiday) runs days 70–76. */
const ORDINARY_MONDAY = 70;
const at = (day: number, hour: number, minute = 0) => day * D + hour * H + minute * 60_000;

const pilot = CalendarParamsSchema.parse({});
const noPilot = CalendarParamsSchema.parse({ weekendOpen: false });

describe('given the simulated clock (t = 0 is Monday 1 Jan 2025 00:00 local)', () => {
  it('reads day, hour, weekday and day of year when t = 0', () => {
    expect([dayIndex(0), hourOfDay(0), weekday(0), dayOfYear(0), monthOfYear(0)]).toEqual([0, 0, 0, 0, 1]);
  });

  it('reads Friday 18:30 of the first week when t = 4 d 18.5 h', () => {
    const t = at(4, 18, 30);
    expect([dayIndex(t), hourOfDay(t), weekday(t), dayOfYear(t)]).toEqual([4, 18, 4, 4]);
  });

  it('reads 1 Mar as day 59, a Thursday, month 3 when t = 59 d 23:59', () => {
    const t = at(59, 23, 59);
    expect([hourOfDay(t), weekday(t), dayOfYear(t), monthOfYear(t)]).toEqual([23, 3, 59, 3]);
    expect(monthOfYear(at(58, 12))).toBe(2);
  });

  it('repeats the 365-day year while weeks run on when t = 365 d + 1 h', () => {
    const t = at(365, 1);
    expect([dayIndex(t), hourOfDay(t), weekday(t), dayOfYear(t), monthOfYear(t)]).toEqual([365, 1, 1, 0, 1]);
    expect(dayOfYear(at(364, 12))).toBe(364);
    expect(monthOfYear(at(364, 12))).toBe(12);
  });
});

describe('given the default as-is opening hours', () => {
  it('is open inside weekday windows and closed outside them when on an ordinary Monday', () => {
    const d = ORDINARY_MONDAY;
    expect([8, 9, 10.99, 13, 16.99].map((h) => isOpen(pilot, d * D + h * H))).toEqual([true, true, true, true, true]);
    expect([3, 7.99, 11, 12, 17, 23].map((h) => isOpen(pilot, d * D + h * H))).toEqual([false, false, false, false, false, false]);
  });

  it('opens Saturday 08–11 and 14–17 when the weekend pilot is on, and not at all when it is off', () => {
    const sat = ORDINARY_MONDAY + 5;
    expect([9, 13, 14.5, 17].map((h) => isOpen(pilot, at(sat, 0) + h * H))).toEqual([true, false, true, false]);
    expect([9, 14.5].map((h) => isOpen(noPilot, at(sat, 0) + h * H))).toEqual([false, false]);
    expect(isOpen(pilot, at(sat + 1, 9))).toBe(true);
  });

  it('is closed all day when the day is a Tết or holiday day', () => {
    for (const day of [28, 29, 32, 35]) expect(isOpen(pilot, at(day, 9)), `day ${day}`).toBe(false);
    expect(isOpen(pilot, at(36, 9))).toBe(true);
    expect(isOpen(pilot, at(0, 9))).toBe(false); // 1 Jan
    expect(isOpen(pilot, at(1, 9))).toBe(true);
  });

  it('finds Saturday 08:00 when asked on a Friday evening with the pilot, and Monday 08:00 without', () => {
    const friday = ORDINARY_MONDAY + 4;
    expect(nextOpenMs(pilot, at(friday, 18))).toBe(at(friday + 1, 8));
    expect(nextOpenMs(noPilot, at(friday, 18))).toBe(at(friday + 3, 8));
  });

  it('returns the instant itself when open, the afternoon window from the lunch break, and the first day after Tết', () => {
    expect(nextOpenMs(pilot, at(ORDINARY_MONDAY, 9, 17))).toBe(at(ORDINARY_MONDAY, 9, 17));
    expect(nextOpenMs(pilot, at(ORDINARY_MONDAY, 11))).toBe(at(ORDINARY_MONDAY, 13));
    expect(nextOpenMs(pilot, at(29, 10))).toBe(at(36, 8));
  });

  it('returns Infinity when no window is ever open', () => {
    const never = CalendarParamsSchema.parse({ weekdayOpenWindows: [], weekendOpen: false });
    expect(nextOpenMs(never, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts 47 open hours in an ordinary week with the pilot and 35 without (P31)', () => {
    const from = at(ORDINARY_MONDAY, 0);
    expect(openHoursBetween(pilot, from, from + 7 * D)).toBe(47);
    expect(openHoursBetween(noPilot, from, from + 7 * D)).toBe(35);
  });

  it('counts partial windows when the interval starts and ends inside them', () => {
    expect(openHoursBetween(pilot, at(ORDINARY_MONDAY, 9, 30), at(ORDINARY_MONDAY, 14))).toBe(2.5);
    expect(openHoursBetween(pilot, at(ORDINARY_MONDAY, 14), at(ORDINARY_MONDAY, 9))).toBe(0);
  });

  it('counts no open hours over the Tết week', () => {
    expect(openHoursBetween(pilot, at(28, 0), at(35, 0))).toBe(0);
  });
});

describe('given the demand profile', () => {
  it('averages the season factor to 1.0 over the year, with 2.0 in peak months and less off-peak', () => {
    const days = Array.from({ length: 365 }, (_, d) => seasonFactor(pilot, at(d, 12)));
    expect(days.reduce((a, b) => a + b, 0) / 365).toBeCloseTo(1, 9);
    expect(seasonFactor(pilot, at(10, 12))).toBe(2); // January
    expect(seasonFactor(pilot, at(70, 12))).toBeLessThan(1); // March
  });

  it('still averages 1.0 over the year when the peak months and factor change', () => {
    const cal = CalendarParamsSchema.parse({ peakSeasonMonths: [2, 9], peakSeasonFactor: 1.5 });
    const mean = Array.from({ length: 365 }, (_, d) => seasonFactor(cal, at(d, 0))).reduce((a, b) => a + b, 0) / 365;
    expect(mean).toBeCloseTo(1, 9);
  });

  it('averages the diurnal factor to 1.0 over a day, busier at 08:00 than at 03:00', () => {
    const hours = Array.from({ length: 24 }, (_, h) => diurnalFactor(pilot, at(70, h)));
    expect(hours.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1, 12);
    expect(diurnalFactor(pilot, at(70, 8))).toBeGreaterThan(diurnalFactor(pilot, at(70, 3)));
  });

  it('averages the arrival-rate factor over a day to that day’s season factor', () => {
    const day = 70;
    const mean = Array.from({ length: 24 }, (_, h) => arrivalRateFactor(pilot, at(day, h))).reduce((a, b) => a + b, 0) / 24;
    expect(mean).toBeCloseTo(seasonFactor(pilot, at(day, 0)), 12);
  });
});

describe('given calendar parameters', () => {
  it('rejects overlapping or inverted windows', () => {
    expect(CalendarParamsSchema.safeParse({ weekdayOpenWindows: [[8, 12], [11, 17]] }).success).toBe(false);
    expect(CalendarParamsSchema.safeParse({ weekdayOpenWindows: [[11, 8]] }).success).toBe(false);
  });

  it('rejects a peak factor that would need a negative off-peak factor', () => {
    expect(CalendarParamsSchema.safeParse({ peakSeasonMonths: [1, 2, 3, 4, 5, 6, 7], peakSeasonFactor: 2 }).success).toBe(false);
  });
});
