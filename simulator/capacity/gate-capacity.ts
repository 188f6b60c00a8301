/**
 * `igv capacity`: the capacity study of domain/facts.md §7.2. C0 is the largest stable demand of
 * the calibrated as-is gate; C1 that of the smart gate — the IGV lane and the traditional lane
 * side by side, each fed its own share of the same trucks. The two lanes share no resource, so
 * the gate is stable exactly when both lanes are, and C1 is the smaller of the two lanes'
 * capacities; the lane that gives out first is the binding constraint, and within it the busiest
 * resource.
 *
 * Capacities are demand multipliers of the 2025 demand model (1 = 4,509 t/day annual mean, P17),
 * so C0 and C1 are in the same unit whatever season each run sees; both lanes are judged in peak
 * season (P22), where the gate gives out first.
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { AsIsScenario } from '../gate/as-is/as-is-scenario.ts';
import { MS_PER_DAY, seasonFactor } from '../gate/calendar.ts';
import { traditionalAsIsParams } from '../gate/traditional/traditional-lane-params.ts';
import type { GateDemand, Scenario } from '../scenarios/scenario-schema.ts';
import { searchCapacity, type CapacityResult, type SearchProgress } from './bisection.ts';
import {
  evaluateAsIs,
  evaluateSmart,
  evaluateTraditional,
  mean,
  type QueueSeedRun,
  type QueueWindow,
  type SmartSeedRun,
  type SmartWindow,
} from './lane-evaluators.ts';
import { describeQueueLane, describeSmartLane, type QueueLaneFigures, type SmartLaneFigures } from './lane-figures.ts';

export interface CapacityStudyOptions {
  readonly scenario: Scenario & { demand: GateDemand };
  readonly map: IgvMap;
  readonly baseline: AsIsScenario;
  readonly seeds: readonly number[];
  /** Measured days of the queueing models after their warm-up (facts §7.2: a 4-week horizon). */
  readonly queueDays: number;
  readonly queueWarmupDays: number;
  /** Days of each smart-lane run; the stability rule drops the first half as warm-up. */
  readonly smartDays: number;
  /** Count the P34 service level (P50 ≤ 4 h, P95 ≤ 6 h) as part of "sustainable" for the smart lane. */
  readonly requireService: boolean;
  readonly tolerance: number;
  readonly onProgress?: (what: string, p: SearchProgress | null, simFraction?: number) => void;
}

export interface LaneSearch {
  readonly multiplier: number | null;
  readonly status: CapacityResult['status'];
  readonly bracket: CapacityResult['bracket'];
  readonly evaluations: CapacityResult['evaluations'];
  readonly note: string;
}

export function toLaneSearch(r: CapacityResult): LaneSearch {
  return { multiplier: r.multiplier, status: r.status, bracket: r.bracket, evaluations: r.evaluations, note: r.note };
}

export async function runCapacityStudy(o: CapacityStudyOptions) {
  const annualMean = o.scenario.demand.trucks.tonnesPerDay;
  const baselineMean = o.baseline.params.demand.tonnesPerDay;
  const queueWindow: QueueWindow = { startDay: o.baseline.params.startDay, warmupDays: o.queueWarmupDays, days: o.queueDays };
  const smartWindow: SmartWindow = { startDay: firstPeakDay(o.scenario.demand, queueWindow), days: o.smartDays };
  const progress = (what: string) => (p: SearchProgress) => o.onProgress?.(what, p);
  const quick = { lo: 0.25, hi: 1.5, tolerance: Math.min(o.tolerance, 0.02), maxEvaluations: 16, maxHi: 24 };

  // C0: the calibrated as-is gate.
  const asIs = evaluateAsIs(o.baseline.params, o.seeds, queueWindow);
  const c0 = await searchCapacity(asIs, { ...quick, onProgress: progress('C0 as-is') });
  const m0 = c0.multiplier;

  // C1: each lane of the smart gate on its own.
  const tradParams = traditionalAsIsParams(o.scenario.demand.traditionalLane, o.scenario.demand.trucks, o.scenario.demand.calendar);
  const traditional = evaluateTraditional(tradParams, o.scenario.demand, o.seeds, queueWindow);
  const tradSearch = o.scenario.demand.traditionalLane.enabled
    ? await searchCapacity(traditional, { ...quick, onProgress: progress('C1 traditional lane') })
    : null;
  const smart = evaluateSmart(o.scenario, o.map, o.seeds, smartWindow, o.requireService, (f) => o.onProgress?.('C1 smart lane', null, f));
  const smartSearch = await searchCapacity(smart, {
    lo: 0.25,
    hi: 1,
    tolerance: o.tolerance,
    maxEvaluations: 12,
    maxHi: 16,
    onProgress: progress('C1 smart lane'),
  });

  const mS = smartSearch.multiplier;
  const mT = tradSearch === null ? Number.POSITIVE_INFINITY : tradSearch.multiplier;
  const m1 = mS === null || mT === null ? null : Math.min(mS, mT);
  const bindingLane = m1 === null ? null : mS !== null && mS <= (mT ?? Infinity) ? 'smart' : 'traditional';

  // The lanes at C1: the binding lane's run at its capacity, the other lane run once more there.
  let smartAtC1: SmartSeedRun[] | null = null;
  let tradAtC1: QueueSeedRun[] | null = null;
  if (m1 !== null) {
    o.onProgress?.('lanes at C1', null);
    smartAtC1 = bindingLane === 'smart' ? (smartSearch.detail as SmartSeedRun[]) : smart(m1).detail;
    if (tradSearch !== null) tradAtC1 = bindingLane === 'traditional' ? (tradSearch.detail as QueueSeedRun[]) : traditional(m1).detail;
  }
  const smartFig: SmartLaneFigures | null = smartAtC1 ? describeSmartLane(smartAtC1) : null;
  const tradFig: QueueLaneFigures | null = tradAtC1 ? describeQueueLane(tradAtC1) : null;
  const asIsFig = c0.detail ? describeQueueLane(c0.detail as QueueSeedRun[]) : null;

  const openHoursC0 = asIsFig?.openHoursPerDay ?? Number.NaN;
  const c1Tonnes = m1 === null ? null : m1 * annualMean;
  const c0Tonnes = m0 === null ? null : m0 * baselineMean;
  const ratio = c0Tonnes && c1Tonnes !== null ? c1Tonnes / c0Tonnes : null;
  const perOpenHour = ratio === null ? null : (ratio * openHoursC0) / 24;
  const smartT = smartFig?.tonnesPerDay ?? 0;
  const tradT = tradFig?.tonnesPerDay ?? 0;
  const binding =
    bindingLane === 'smart'
      ? { lane: 'smart', resource: smartFig?.bottleneck ?? 'unknown' }
      : bindingLane === 'traditional'
        ? { lane: 'traditional', resource: tradFig?.busiestStep ?? 'unknown' }
        : null;
  const serviceMet = smartFig ? smartFig.serviceMet : false;
  // If pilot trucks may fall back to the traditional lane when the IGV lane is full (the pilot lets
  // only pilot goods INTO the smart lane; it does not forbid them the old one), the gate carries up
  // to each lane's capacity on its share of the demand. A bound computed from the two measured
  // capacities, not a simulated run: it assumes ideal routing of the overflow.
  const share = smartT + tradT > 0 ? smartT / (smartT + tradT) : null;
  const overflowM = mS !== null && mT !== null && Number.isFinite(mT) && share !== null ? mS * share + mT * (1 - share) : null;
  return {
    format: 'igv-capacity/1',
    scenario: o.scenario.name,
    baseline: o.baseline.name,
    seeds: [...o.seeds],
    unit: 'tonnes/day of laden cargo cleared, both directions (facts §7.2); multipliers are of the 2025 demand model',
    demandTonnesPerDayAtMultiplier1: annualMean,
    windows: {
      queueModels: { ...queueWindow, note: 'as-is gate and traditional lane: warm-up days, then measured days, from startDay (day of 2025)' },
      smartLane: { ...smartWindow, note: 'first peak-season day in the measured window; the first half of each run is warm-up' },
    },
    criterion: o.requireService ? 'stable queue and smart-lane P50 ≤ 4 h, P95 ≤ 6 h (P34)' : 'stable queue',
    c0: { multiplier: m0, tonnesPerDay: round(c0Tonnes), openHoursPerDay: round(openHoursC0, 2), search: toLaneSearch(c0), atCapacity: asIsFig },
    c1: {
      multiplier: m1,
      tonnesPerDay: round(c1Tonnes),
      openHoursPerDay: 24,
      binding,
      smartLaneShare: smartT + tradT > 0 ? round(smartT / (smartT + tradT), 3) : null,
      lanes: {
        smart: { multiplier: mS, search: toLaneSearch(smartSearch), atC1: smartFig },
        traditional: tradSearch === null ? null : { multiplier: mT, search: toLaneSearch(tradSearch), atC1: tradFig },
      },
    },
    ratio: { perDay: round(ratio, 3), perOpenHour: round(perOpenHour, 3) },
    withOverflow: {
      note: 'bound if pilot trucks fall back to the traditional lane when the IGV lane is full: smart-lane capacity × its tonnage share + traditional-lane capacity × the rest (computed from the two searched capacities, not simulated)',
      multiplier: round(overflowM, 3),
      tonnesPerDay: round(overflowM === null ? null : overflowM * annualMean),
      ratioPerDay: round(overflowM === null || !c0Tonnes ? null : (overflowM * annualMean) / c0Tonnes, 3),
    },
    target: { multiple: 3, reached: ratio !== null && ratio >= 3 && serviceMet, serviceLevelMetAtC1: serviceMet },
  };
}

export type CapacityStudy = Awaited<ReturnType<typeof runCapacityStudy>>;

/** First day from the measured window's start whose demand is in peak season (else that start). */
function firstPeakDay(demand: GateDemand, w: QueueWindow): number {
  const from = w.startDay + w.warmupDays;
  for (let d = from; d < from + 366; d++) if (seasonFactor(demand.calendar, d * MS_PER_DAY + MS_PER_DAY / 2) > 1) return d % 365;
  return from;
}

function round(x: number | null, d = 1): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;
}

export { mean };
