/**
 * Truck arrivals at the Bắc Luân II cargo gate: a non-homogeneous Poisson process per direction,
 * drawn one simulated minute at a time from a seeded generator, modulated by the calendar's
 * season and diurnal profile. Tonnes are the primary unit (facts §7.2), so the truck rate is the
 * tonnage rate divided by the expected cargo per truck over the containerised / loose mix.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { DIRECTIONS, GOODS_TYPES, type Direction, type GoodsType } from '../../../engine/core/model/order.ts';
import { arrivalRateFactor, dayIndex, diurnalFactor, isOpen, MS_PER_DAY, MS_PER_MINUTE, seasonFactor, type CalendarParams } from '../calendar.ts';
import { drawBernoulli, drawIntBelow, drawPoisson, drawTriangularInt, drawWeighted } from './draws.ts';
import { surgeFactorAt, type SurgeWindow } from '../../faults/surge.ts';
import { directionShare, meanKgPerTruck, pilotGoodsTonnageShare, PILOT_GOODS, type TruckDemand } from './truck-demand-schema.ts';

export { TruckDemandSchema, type TruckDemand, PILOT_GOODS, meanKgPerTruck } from './truck-demand-schema.ts';

/** One truck reaching the exporting side's control area. `grossKg` is its cargo, kg. */
export type TruckArrival = {
  id: string;
  atMs: number;
  direction: Direction;
  goods: GoodsType;
  grossKg: number;
  containerised: boolean;
  /** Pilot goods under the pilot's rules; the smart lane also needs `containerised`. */
  pilotEligible: boolean;
  /** Box size, or the trailer length class of a non-containerised truck. */
  sizeFt: 20 | 40;
};

export interface TruckArrivalStream {
  /**
   * The arrivals with fromMs ≤ atMs < toMs, in arrival order. Windows must not overlap and must
   * come in increasing order; arrivals in a gap between windows are skipped (their ids are spent).
   * Splitting a window in two returns exactly the same arrivals.
   */
  next(fromMs: number, toMs: number): TruckArrival[];
}

const SEED_SALT = 0x7a_0c_4e;
const MINUTES_PER_DAY = MS_PER_DAY / MS_PER_MINUTE;

/**
 * Creates the arrival stream for `demand` under `calendar`. Expected trucks per day in a
 * direction = tonnesPerDay × multiplier × direction share × arrivalRateFactor / mean cargo per
 * truck; ids are `T-000001`, … in arrival order from t = 0; the same seed gives the same arrivals.
 * `surges` (absolute calendar ms, as every time here) multiply the rate of the minutes they cover.
 */
export function createTruckArrivals(demand: TruckDemand, calendar: CalendarParams, seed: number, surges: readonly SurgeWindow[] = []): TruckArrivalStream {
  const rng = xoroshiro128plus(seed ^ SEED_SALT);
  const perMinute = DIRECTIONS.map(
    (dir) => (demand.tonnesPerDay * demand.multiplier * directionShare(demand, dir) * 1000) / meanKgPerTruck(demand) / MINUTES_PER_DAY,
  );
  const rate = minuteRate(demand, calendar);
  const traits = createTraitDrawer(demand);
  let minute = 0;
  let serial = 0;
  let pending: TruckArrival[] = [];
  let lastToMs = Number.NEGATIVE_INFINITY;

  function drawMinute(m: number): void {
    const startMs = m * MS_PER_MINUTE;
    const factor = rate(startMs) * surgeFactorAt(surges, startMs);
    const drawn: Array<Omit<TruckArrival, 'id'> & { dirIndex: number }> = [];
    DIRECTIONS.forEach((direction, dirIndex) => {
      const n = drawPoisson(rng, perMinute[dirIndex]! * factor);
      for (let i = 0; i < n; i++) drawn.push({ atMs: startMs + traits.offsetMs(rng), direction, dirIndex, ...traits.draw(rng, direction) });
    });
    drawn.sort((a, b) => a.atMs - b.atMs || a.dirIndex - b.dirIndex);
    for (const { dirIndex: _, ...a } of drawn) pending.push({ id: `T-${String(++serial).padStart(6, '0')}`, ...a });
  }

  return {
    next(fromMs, toMs) {
      if (fromMs < lastToMs || toMs < fromMs) {
        throw new Error(`[truck-demand] windows must be increasing and not overlap [from=${fromMs}, to=${toMs}, lastTo=${lastToMs}]`);
      }
      lastToMs = toMs;
      while (minute * MS_PER_MINUTE < toMs) drawMinute(minute++);
      const out = pending.filter((a) => a.atMs >= fromMs && a.atMs < toMs);
      pending = pending.filter((a) => a.atMs >= toMs);
      return out;
    },
  };
}

/**
 * The rate multiplier of the minute starting at `startMs`. With arrivals during closure it is the
 * calendar's arrivalRateFactor; without, the day's expected volume is packed into its open minutes.
 */
function minuteRate(demand: TruckDemand, calendar: CalendarParams): (startMs: number) => number {
  if (demand.arrivalsDuringClosure) return (startMs) => arrivalRateFactor(calendar, startMs);
  let cachedDay = -1;
  let openWeight = 0;
  return (startMs) => {
    if (!isOpen(calendar, startMs)) return 0;
    const d = dayIndex(startMs);
    if (d !== cachedDay) {
      cachedDay = d;
      openWeight = 0;
      for (let m = 0; m < MINUTES_PER_DAY; m++) {
        const t = d * MS_PER_DAY + m * MS_PER_MINUTE;
        if (isOpen(calendar, t)) openWeight += diurnalFactor(calendar, t);
      }
    }
    return (seasonFactor(calendar, startMs) * diurnalFactor(calendar, startMs) * MINUTES_PER_DAY) / openWeight;
  };
}

/** Draws a truck's goods, box and load; the tonnage share of pilot-eligible goods is pilotGoodsShare. */
function createTraitDrawer(demand: TruckDemand) {
  const goodsWeights = Object.fromEntries(DIRECTIONS.map((dir) => [dir, GOODS_TYPES.map((g) => demand.goodsMix[dir][g])])) as Record<
    Direction,
    number[]
  >;
  const pilotTypeShare = pilotGoodsTonnageShare(demand);
  const eligibleGivenPilotGoods = pilotTypeShare > 0 ? Math.min(1, demand.pilotGoodsShare / pilotTypeShare) : 0;
  const [boxLo, boxHi] = demand.tonnesPerContainer;
  const looseMean = demand.tonnesPerTruck * 1000;
  const looseLo = Math.round(looseMean * (1 - demand.looseTruckSpread));
  const looseHi = Math.round(looseMean * (1 + demand.looseTruckSpread));
  const pilot = new Set<GoodsType>(PILOT_GOODS);

  return {
    offsetMs: (rng: RandomGenerator) => drawIntBelow(rng, MS_PER_MINUTE),
    draw(rng: RandomGenerator, direction: Direction) {
      const goods = GOODS_TYPES[drawWeighted(rng, goodsWeights[direction])]!;
      const containerised = drawBernoulli(rng, demand.containerisedShare);
      const sizeFt: 20 | 40 = drawBernoulli(rng, demand.share40ft) ? 40 : 20;
      const grossKg = containerised
        ? drawTriangularInt(rng, boxLo, demand.containerModeKg, boxHi)
        : looseLo + drawIntBelow(rng, looseHi - looseLo + 1);
      const pilotEligible = drawBernoulli(rng, eligibleGivenPilotGoods) && pilot.has(goods);
      return { goods, grossKg, containerised, pilotEligible, sizeFt };
    },
  };
}
