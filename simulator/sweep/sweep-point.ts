/**
 * One grid point as one simulation: the layout's scenario with the point's fleet size, truck
 * demand multiplier and cranes per side put in, run for the sweep's hours, boiled down to the
 * figures a planner compares. Deterministic: the outcome depends only on the point, the scenario,
 * the map and the hours (no wall-clock figures in it).
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { Scenario } from '../scenarios/scenario-schema.ts';
import { runSimulation } from '../run-sim.ts';
import { judgeStability } from '../capacity/stability.ts';
import type { SweepPoint } from './sweep-schema.ts';

/** What one point measured (all from `result.kpis` but the stability verdicts and faults). */
export interface PointOutcome {
  readonly simulatedHours: number;
  /** Both lanes, t/day (what `multiple` is made of). */
  readonly tonnesPerDay: number;
  /** The IGV lane alone, t/day. */
  readonly smartTonnesPerDay: number;
  /** The traditional lane beside it, t/day (null when the scenario does not run it). */
  readonly traditionalTonnesPerDay: number | null;
  readonly multiple: number;
  readonly clearanceP50Min: number | null;
  readonly clearanceP95Min: number | null;
  readonly ordersCreated: number;
  readonly ordersDelivered: number;
  readonly ordersFailed: number;
  readonly ordersOpen: number;
  /** Share of IGV time driving, waiting or serving (0–1). */
  readonly igvUtilisation: number;
  readonly bottleneck: string;
  readonly energyKwh: number;
  /** `judgeStability` on the smart lane's consignments in the system (declaring or open orders), hourly. */
  readonly stable: boolean;
  /** Their growth extrapolated over the run, consignments (null when it could not be fitted). */
  readonly queueGrowth: number | null;
  /** The traditional lane's own stability verdict (null when the scenario does not run it). */
  readonly traditionalStable: boolean | null;
  readonly engineFaults: number;
  readonly digest: string;
}

/** The layout's scenario with the point's fleet, demand multiplier and cranes per side. */
export function pointScenario(base: Scenario, p: SweepPoint): Scenario {
  const demand = base.demand;
  if (demand.kind !== 'gate') throw new Error(`scenario ${base.name}: a sweep needs gate demand, not [${demand.kind}]`);
  return {
    ...base,
    fleet: { ...base.fleet, count: p.fleet },
    demand: {
      ...demand,
      trucks: { ...demand.trucks, multiplier: p.demandMultiplier },
      smartLane: { ...demand.smartLane, cranesPerSide: p.cranesPerSide },
    },
  };
}

/** Runs point `p` on `scenario` over `map` for `hours` (absent: the scenario's duration). */
export function runPoint(scenario: Scenario, map: IgvMap, p: SweepPoint, hours: number | undefined): PointOutcome {
  const result = runSimulation({ scenario: pointScenario(scenario, p), map, seed: p.seed, ...(hours !== undefined ? { hours } : {}) });
  const k = result.kpis;
  const verdict = judgeStability(result.queueSamples);
  return {
    simulatedHours: k.simulatedHours,
    tonnesPerDay: k.throughput.tonnesPerDay,
    smartTonnesPerDay: k.throughput.smartLane.tonnesPerDay,
    traditionalTonnesPerDay: k.throughput.traditionalLane?.tonnesPerDay ?? null,
    multiple: k.capacity.multiple,
    clearanceP50Min: k.clearanceMinutes.p50,
    clearanceP95Min: k.clearanceMinutes.p95,
    ordersCreated: k.orders.created,
    ordersDelivered: k.orders.delivered,
    ordersFailed: k.orders.failed,
    ordersOpen: k.orders.open,
    igvUtilisation: k.utilization.igv ?? 0,
    bottleneck: k.capacity.bottleneck,
    energyKwh: k.energyKwh,
    stable: verdict.stable,
    queueGrowth: Number.isFinite(verdict.growthOverHorizon) ? Math.round(verdict.growthOverHorizon * 10) / 10 : null,
    traditionalStable: result.traditional?.stable ?? null,
    engineFaults: result.faults.length,
    digest: result.digest,
  };
}

