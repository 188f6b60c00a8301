/**
 * What a planner reads about a lane at capacity: throughput, clearance, utilisation and the
 * busiest resource, averaged over the seeds (clearance: the worst seed, as a target must hold in
 * every one of them).
 */
import { MS_PER_DAY } from '../gate/calendar.ts';
import type { QueueSeedRun, SmartSeedRun } from './lane-evaluators.ts';
import { mean } from './lane-evaluators.ts';

export interface QueueLaneFigures {
  tonnesPerDay: number;
  trucksPerDay: number;
  clearanceHours: { p50: number; p95: number };
  openHoursPerDay: number;
  /** Staffed step → busy share of the open hours, the busier direction, mean over seeds. */
  utilisation: Record<string, number>;
  busiestStep: string;
  meanTrucksInSystem: number;
  maxTrucksInSystem: number;
  stablePerSeed: boolean[];
}

export function describeQueueLane(runs: readonly QueueSeedRun[]): QueueLaneFigures {
  const steps = new Map<string, number[]>();
  for (const { result } of runs) {
    const per = new Map<string, number>();
    for (const dir of Object.values(result.utilisation)) for (const [k, u] of Object.entries(dir)) per.set(k, Math.max(per.get(k) ?? 0, u));
    for (const [k, u] of per) steps.set(k, [...(steps.get(k) ?? []), u]);
  }
  const utilisation = Object.fromEntries([...steps].map(([k, us]) => [k, r3(mean(us))]));
  const busiestStep = Object.entries(utilisation).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'none';
  const worst = (f: (r: QueueSeedRun) => number) => Math.max(...runs.map(f));
  return {
    tonnesPerDay: r1(mean(runs.map((r) => r.result.tonnesPerDay.total))),
    trucksPerDay: r1(mean(runs.map((r) => r.result.trucksPerDay.total))),
    clearanceHours: { p50: r1(worst((r) => r.result.clearanceHours.p50)), p95: r1(worst((r) => r.result.clearanceHours.p95)) },
    openHoursPerDay: r1(mean(runs.map((r) => r.result.openHours / ((r.result.endMs - r.result.warmupEndMs) / MS_PER_DAY)))),
    utilisation,
    busiestStep,
    meanTrucksInSystem: r1(mean(runs.map((r) => r.result.queue.meanInSystem))),
    maxTrucksInSystem: worst((r) => r.result.queue.maxInSystem),
    stablePerSeed: runs.map((r) => r.stable),
  };
}

export interface SmartLaneFigures {
  tonnesPerDay: number;
  movesPerDay: number;
  clearanceMinutes: { p50: number | null; p95: number | null };
  serviceMet: boolean;
  utilization: Record<string, number | null>;
  bottleneck: string;
  energyKwhPerMove: number | null;
  ordersFailed: number;
  engineFaults: number;
  stability: string[];
}

export function describeSmartLane(runs: readonly SmartSeedRun[]): SmartLaneFigures {
  const keys = Object.keys(runs[0]?.kpis.utilization ?? {});
  const utilization = Object.fromEntries(
    keys.map((k) => {
      const vs = runs.map((r) => r.kpis.utilization[k]).filter((v): v is number => typeof v === 'number');
      return [k, vs.length === 0 ? null : r3(mean(vs))];
    }),
  );
  const loads = Object.entries(utilization).filter((e): e is [string, number] => e[1] !== null && e[0] !== 'chargers');
  const bottleneck = loads.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'none';
  const worst = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : Math.max(...(xs as number[])));
  const perMove = runs.map((r) => r.kpis.energyKwhPerMove).filter((v): v is number => v !== null);
  return {
    tonnesPerDay: r1(mean(runs.map((r) => r.kpis.throughput.tonnesPerDay))),
    movesPerDay: r1(mean(runs.map((r) => r.kpis.throughput.movesPerDay))),
    clearanceMinutes: { p50: worst(runs.map((r) => r.kpis.clearanceMinutes.p50)), p95: worst(runs.map((r) => r.kpis.clearanceMinutes.p95)) },
    serviceMet: runs.every((r) => r.serviceMet),
    utilization,
    bottleneck: SMART_RESOURCE[bottleneck] ?? bottleneck,
    energyKwhPerMove: perMove.length === 0 ? null : r1(mean(perMove)),
    ordersFailed: runs.reduce((a, r) => a + r.kpis.orders.failed, 0),
    engineFaults: runs.reduce((a, r) => a + r.engineFaults, 0),
    stability: runs.map((r) => `seed ${r.seed}: ${r.stability.reason}`),
  };
}

const SMART_RESOURCE: Record<string, string> = {
  igv: 'IGV fleet',
  cranes: 'transfer cranes',
  gates: 'automated gates',
  scanners: 'NII scanners',
  inspectionBays: 'inspection bays',
};

function r1(x: number): number {
  return Math.round(x * 10) / 10;
}
function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
