import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarParamsSchema, hourOfDay, isOpen, MS_PER_DAY, seasonFactor } from '../../simulator/gate/calendar.ts';
import { createTruckArrivals, TruckDemandSchema, type TruckArrival } from '../../simulator/gate/demand/truck-demand.ts';

const D = MS_PER_DAY;
/** Days 60–89: 2–31 March, off-peak, no Tết or holiday. */
const FROM = 60 * D;
const TO = 90 * D;
const DAYS = 30;

const calendar = CalendarParamsSchema.parse({});
const demand = TruckDemandSchema.parse({});
const tonnes = (as: readonly TruckArrival[]) => as.reduce((s, a) => s + a.grossKg, 0) / 1000;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('given 2025 demand over 30 off-peak days at multiplier 1', () => {
  let arrivals: TruckArrival[] = [];
  beforeAll(() => {
    arrivals = createTruckArrivals(demand, calendar, 7).next(FROM, TO);
  });

  it('delivers the season-scaled tonnes per day within ±5 %', () => {
    const target = demand.tonnesPerDay * seasonFactor(calendar, FROM);
    expect(tonnes(arrivals) / DAYS / target).toBeGreaterThan(0.95);
    expect(tonnes(arrivals) / DAYS / target).toBeLessThan(1.05);
  });

  it('sends 81 % ± 3 points of the tonnage CN→VN (P23)', () => {
    const cn = tonnes(arrivals.filter((a) => a.direction === 'CN-VN')) / tonnes(arrivals);
    expect(Math.abs(cn - 0.81)).toBeLessThan(0.03);
  });

  it('loads a non-containerised truck with 16.4 t on average (P19) and a container within 15–22 t (P54)', () => {
    const loose = arrivals.filter((a) => !a.containerised).map((a) => a.grossKg);
    const boxes = arrivals.filter((a) => a.containerised).map((a) => a.grossKg);
    expect(Math.abs(mean(loose) - 16_400)).toBeLessThan(500);
    expect(Math.min(...boxes)).toBeGreaterThanOrEqual(15_000);
    expect(Math.max(...boxes)).toBeLessThanOrEqual(22_000);
    expect(Math.abs(mean(boxes) - 18_000)).toBeLessThan(300);
    expect(Math.abs(boxes.length / arrivals.length - demand.containerisedShare)).toBeLessThan(0.03);
  });

  it('makes about 60 % of the tonnage pilot-eligible, never for goods outside the pilot (P25)', () => {
    expect(arrivals.some((a) => a.goods === 'other' && a.pilotEligible)).toBe(false);
    const share = tonnes(arrivals.filter((a) => a.pilotEligible)) / tonnes(arrivals);
    expect(Math.abs(share - demand.pilotGoodsShare)).toBeLessThan(0.03);
  });

  it('carries mostly electronics and other goods CN→VN and fruit and seafood VN→CN', () => {
    const vn = arrivals.filter((a) => a.direction === 'VN-CN');
    const cn = arrivals.filter((a) => a.direction === 'CN-VN');
    expect(vn.filter((a) => a.goods === 'fruit-vegetables' || a.goods === 'frozen-seafood').length / vn.length).toBeGreaterThan(0.75);
    expect(cn.filter((a) => a.goods === 'electronics' || a.goods === 'other').length / cn.length).toBeGreaterThan(0.85);
  });

  it('spreads arrivals over the day by the diurnal weights: the busiest hour far above 03:00', () => {
    const byHour = Array.from({ length: 24 }, () => 0);
    for (const a of arrivals) byHour[hourOfDay(a.atMs)]!++;
    const w = calendar.diurnalWeights;
    const busiest = w.indexOf(Math.max(...w));
    expect(byHour[busiest]!).toBeGreaterThan(3 * byHour[3]!);
    const expectedShare = w[busiest]! / w.reduce((a, b) => a + b, 0);
    expect(Math.abs(byHour[busiest]! / arrivals.length / expectedShare - 1)).toBeLessThan(0.25);
  });

  it('numbers trucks T-000001… in arrival order, all inside the window', () => {
    for (let i = 1; i < arrivals.length; i++) {
      expect(arrivals[i]!.atMs).toBeGreaterThanOrEqual(arrivals[i - 1]!.atMs);
      expect(Number(arrivals[i]!.id.slice(2))).toBe(Number(arrivals[i - 1]!.id.slice(2)) + 1);
    }
    expect(arrivals.every((a) => a.atMs >= FROM && a.atMs < TO && /^T-\d{6}$/.test(a.id))).toBe(true);
    expect(createTruckArrivals(demand, calendar, 7).next(0, D)[0]!.id).toBe('T-000001');
  });

  it('doubles the number of trucks when the multiplier is 2', () => {
    const doubled = createTruckArrivals({ ...demand, multiplier: 2 }, calendar, 7).next(FROM, TO);
    // Both counts are Poisson (~3,800 and ~7,600): the ratio's sd is ≈0.04, so ±0.15 is ≈4 sd.
    expect(doubled.length / arrivals.length).toBeGreaterThan(1.85);
    expect(doubled.length / arrivals.length).toBeLessThan(2.15);
  });
});

describe('given a seeded stream', () => {
  it('gives identical arrivals for the same seed and different ones for another seed', () => {
    const a = createTruckArrivals(demand, calendar, 42).next(0, 3 * D);
    const b = createTruckArrivals(demand, calendar, 42).next(0, 3 * D);
    const c = createTruckArrivals(demand, calendar, 43).next(0, 3 * D);
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('returns the same arrivals over [a,b] then [b,c] as over [a,c], even splitting minutes', () => {
    const a = 0.5 * D;
    const c = 3 * D;
    const whole = createTruckArrivals(demand, calendar, 5).next(a, c);
    // Boundaries every 1,000,003 ms fall mid-minute, many in busy hours.
    const split = createTruckArrivals(demand, calendar, 5);
    const parts: TruckArrival[] = [];
    for (let b = a; b < c; b = Math.min(c, b + 1_000_003)) parts.push(...split.next(b, Math.min(c, b + 1_000_003)));
    expect(whole.length).toBeGreaterThan(300);
    expect(parts).toEqual(whole);
  });

  it('refuses a window that overlaps the previous one', () => {
    const s = createTruckArrivals(demand, calendar, 1);
    s.next(0, D);
    expect(() => s.next(D - 1, 2 * D)).toThrow(/overlap/);
  });
});

describe('given arrivals only while the gate is open', () => {
  it('puts every arrival in an open minute and keeps an open day’s tonnage, none on a Tết day', () => {
    const onlyOpen = TruckDemandSchema.parse({ arrivalsDuringClosure: false });
    const s = createTruckArrivals(onlyOpen, calendar, 9);
    const tet = s.next(28 * D, 36 * D);
    const march = s.next(FROM, TO);
    expect(tet).toHaveLength(0);
    expect(march.every((a) => isOpen(calendar, Math.floor(a.atMs / 60_000) * 60_000))).toBe(true);
    const target = onlyOpen.tonnesPerDay * seasonFactor(calendar, FROM);
    expect(Math.abs(tonnes(march) / DAYS / target - 1)).toBeLessThan(0.05);
  });
});

describe('given demand parameters', () => {
  it('rejects a pilot-goods share larger than the goods mix can hold', () => {
    expect(TruckDemandSchema.safeParse({ pilotGoodsShare: 0.95 }).success).toBe(false);
    expect(TruckDemandSchema.safeParse({ containerModeKg: 30_000 }).success).toBe(false);
  });
});
