/**
 * The as-is gate model on small cases that can be checked by hand: one truck or a regular
 * stream, deterministic service times, hand-picked opening hours.
 */
import { describe, expect, it } from 'vitest';
import type { GoodsType } from '../../engine/core/model/order.ts';
import type { TruckArrival, TruckArrivalStream } from '../../simulator/gate/demand/truck-demand.ts';
import { AsIsParamsSchema, type AsIsParams } from '../../simulator/gate/as-is/as-is-params.ts';
import { createEventQueue } from '../../simulator/gate/as-is/event-queue.ts';
import { simulateAsIs } from '../../simulator/gate/as-is/run-as-is.ts';
import { createDraws } from '../../simulator/gate/as-is/service-draws.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const ONE_SERVER = { declarationDesks: 1, documentOfficers: 1, inspectionTeams: 1, quarantineTeams: 1, farSideDesks: 1, farSideInspectionTeams: 1 };
const ALWAYS_OPEN = {
  tetClosureDays: [],
  holidays: [],
  weekdayOpenWindows: [[0, 24]],
  weekendOpen: true,
  weekendOpenWindows: [[0, 24]],
};

/**
 * One declaration desk of `serviceMin` minutes and a one-hour crossing; every other step takes no
 * time and no truck is inspected or sampled unless `extra` says so.
 */
function singleDesk(serviceMin: number, extra: Record<string, unknown> = {}): AsIsParams {
  return AsIsParamsSchema.parse({
    declarationMs: [serviceMin * MIN, serviceMin * MIN],
    firstTimeShare: 0,
    documentCheckMs: [0, 0],
    inspectionProbability: 0,
    quarantineProbability: 0,
    crossingMs: [HOUR, HOUR],
    farSideAcceptanceMs: [0, 0],
    farSideInspectionProbability: 0,
    staffing: { 'VN-CN': ONE_SERVER, 'CN-VN': ONE_SERVER },
    calendar: ALWAYS_OPEN,
    ...extra,
  });
}

function truck(i: number, atMs: number, goods: GoodsType = 'other'): TruckArrival {
  return { id: `T-${i}`, atMs, direction: 'CN-VN', goods, grossKg: 16_000, containerised: true, pilotEligible: false, sizeFt: 40 };
}

function listStream(trucks: TruckArrival[]): TruckArrivalStream {
  return { next: (from, to) => trucks.filter((t) => t.atMs >= from && t.atMs < to) };
}

/** Runs from t = 0 (a Monday) for `days`, measuring from the start; clearance per truck, minutes. */
function clearanceMin(params: AsIsParams, trucks: TruckArrival[], days = 14) {
  const result = simulateAsIs(params, listStream(trucks), { startMs: 0, warmupEndMs: 0, endMs: days * DAY }, 1);
  const byId = new Map(result.cleared.map((c) => [c.id, c]));
  return { result, minutes: trucks.map((t) => ((byId.get(t.id)?.releaseMs ?? Number.NaN) - t.atMs) / MIN), byId };
}

describe('given one desk with deterministic service and no closures (a D/D/1 queue)', () => {
  it('clears every truck in service + crossing when arrivals are spaced wider than the service', () => {
    const trucks = Array.from({ length: 30 }, (_, i) => truck(i, HOUR + i * 10 * MIN));
    const { minutes } = clearanceMin(singleDesk(5), trucks);
    expect(minutes).toEqual(trucks.map(() => 65));
  });

  it('grows the wait linearly, by the service − spacing gap per truck, when arrivals are closer than the service', () => {
    const trucks = Array.from({ length: 30 }, (_, i) => truck(i, HOUR + i * 5 * MIN));
    const { minutes } = clearanceMin(singleDesk(10), trucks);
    // Truck k starts at 10k min after the first arrival, so it waits 5k min: clearance 70 + 5k.
    expect(minutes).toEqual(trucks.map((_, k) => 70 + 5 * k));
  });

  it('conserves trucks when the run ends with some still queued', () => {
    const trucks = Array.from({ length: 30 }, (_, i) => truck(i, HOUR + i * MIN));
    const result = simulateAsIs(singleDesk(10), listStream(trucks), { startMs: 0, warmupEndMs: 0, endMs: 3 * HOUR }, 1);
    expect(result.counts.arrived).toBe(30);
    expect(result.counts.cleared).toBeGreaterThan(0);
    expect(result.counts.inSystem).toBeGreaterThan(0);
    expect(result.counts.arrived).toBe(result.counts.cleared + result.counts.inSystem);
  });
});

describe('given the 2025 opening hours (weekdays 08–11 and 13–17)', () => {
  const hours = { calendar: { tetClosureDays: [], holidays: [], weekendOpen: false } };
  const saturday20h = 5 * DAY + 20 * HOUR;
  const monday8h = 7 * DAY + 8 * HOUR;

  it('serves nothing over a closed weekend: a truck arriving Saturday 20:00 is released at Monday 08:00 + service + crossing', () => {
    const { byId } = clearanceMin(singleDesk(5, hours), [truck(1, saturday20h)]);
    expect(byId.get('T-1')?.releaseMs).toBe(monday8h + 5 * MIN + HOUR);
  });

  it('serves on Sunday morning instead when the weekend pilot runs', () => {
    const pilot = { calendar: { ...hours.calendar, weekendOpen: true } };
    const { byId } = clearanceMin(singleDesk(5, pilot), [truck(1, saturday20h)]);
    expect(byId.get('T-1')?.releaseMs).toBe(6 * DAY + 8 * HOUR + 5 * MIN + HOUR);
  });

  it('lets a service in hand at closing time finish, and starts the next step only at the next opening', () => {
    // Declaration 16:55–17:05 on Monday (not paused), document check Tuesday 08:00–08:05, crossing to 09:05.
    const params = singleDesk(10, { ...hours, documentCheckMs: [5 * MIN, 5 * MIN] });
    const { byId } = clearanceMin(params, [truck(1, 7 * DAY + 16 * HOUR + 55 * MIN)]);
    expect(byId.get('T-1')?.releaseMs).toBe(8 * DAY + 9 * HOUR + 5 * MIN);
  });
});

describe('given the optional holds', () => {
  const at = 2 * HOUR;

  it('adds exactly the inspection duration when the inspection probability goes from 0 to 1', () => {
    const never = clearanceMin(singleDesk(5, { inspectionProbability: 0, inspectionMs: [90 * MIN, 90 * MIN] }), [truck(1, at)]);
    const always = clearanceMin(singleDesk(5, { inspectionProbability: 1, inspectionMs: [90 * MIN, 90 * MIN] }), [truck(1, at)]);
    expect(never.minutes[0]).toBe(65);
    expect(always.minutes[0]! - never.minutes[0]!).toBe(90);
  });

  it('samples fruit for quarantine but never electronics or other goods', () => {
    const params = singleDesk(5, { quarantineProbability: 1, quarantineMs: [2 * HOUR, 2 * HOUR] });
    const { minutes } = clearanceMin(params, [truck(1, at, 'fruit-vegetables'), truck(2, 12 * HOUR, 'electronics'), truck(3, 20 * HOUR, 'other')]);
    expect(minutes).toEqual([185, 65, 65]);
  });
});

describe('given the building blocks', () => {
  it('keeps the weekend pilot off by default, also when only part of the calendar is given', () => {
    expect(AsIsParamsSchema.parse({}).calendar.weekendOpen).toBe(false);
    expect(AsIsParamsSchema.parse({ calendar: { holidays: [] } }).calendar.weekendOpen).toBe(false);
    expect(AsIsParamsSchema.parse({ calendar: { weekendOpen: true } }).calendar.weekendOpen).toBe(true);
  });

  it('pops simultaneous events in the order they were scheduled', () => {
    const q = createEventQueue<string>();
    q.schedule(5, 'b1');
    q.schedule(1, 'a');
    q.schedule(5, 'b2');
    q.schedule(5, 'b3');
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()].map((e) => e?.event)).toEqual(['a', 'b1', 'b2', 'b3', undefined]);
  });

  it('draws durations inside the range, centred on its midpoint, and the same ones for the same seed', () => {
    const a = createDraws(7, 1);
    const b = createDraws(7, 1);
    const xs = Array.from({ length: 4000 }, () => a.duration([5 * MIN, 30 * MIN]));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(5 * MIN);
    expect(Math.max(...xs)).toBeLessThanOrEqual(30 * MIN);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length / MIN).toBeCloseTo(17.5, 0);
    expect(Array.from({ length: 4000 }, () => b.duration([5 * MIN, 30 * MIN]))).toEqual(xs);
  });
});
