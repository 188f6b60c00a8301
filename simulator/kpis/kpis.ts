/**
 * `igv-kpis/1` (DESIGN §7): the figures of one run, with the contract's field names exactly.
 * Fields may be added; none may be renamed.
 */
import type { World } from '../../engine/core/model/world.ts';
import type { Collected } from './kpi-collector.ts';

/** P32: today's rate per open hour (≈ 950 t/h, 7 open hours on a weekday). */
export const BASELINE_OPEN_HOURS_PER_DAY = 7;

export interface KpiInput {
  scenario: string;
  seed: number;
  simulatedHours: number;
  wallSeconds: number;
  tickMs: number;
  baselineTonnesPerDay: number;
  world: World;
  collected: Collected;
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function buildKpis(input: KpiInput) {
  const { world, collected: c } = input;
  const days = input.simulatedHours / 24;
  const tonnes = (c.deliveredKg['VN-CN'] + c.deliveredKg['CN-VN']) / 1000;
  const tonnesPerDay = tonnes / days;
  const vehicles = world.vehicles.size;
  const vt = c.vehicleTicks;
  const allTicks = Object.values(vt).reduce((a, b) => a + b, 0) || 1;
  const simulatedMs = input.simulatedHours * 3_600_000;
  const stationUtil = (kind: string) => {
    const n = c.stationsByKind.get(kind) ?? 0;
    return n === 0 ? null : (c.serviceMsByKind.get(kind) ?? 0) / (n * simulatedMs);
  };
  const utilization = {
    igv: (vt.driving + vt.waiting + vt.serving) / allTicks,
    cranes: stationUtil('transfer-crane'),
    gates: stationUtil('automated-gate'),
    scanners: stationUtil('nii-scanner'),
    inspectionBays: stationUtil('inspection-bay'),
    chargers: stationUtil('charger'),
  };
  const loads: [string, number][] = [
    ['igv-fleet', utilization.igv],
    ['transfer-cranes', utilization.cranes ?? 0],
    ['automated-gates', utilization.gates ?? 0],
    ['nii-scanners', utilization.scanners ?? 0],
    ['inspection-bays', utilization.inspectionBays ?? 0],
  ];
  loads.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const open = [...world.orders.values()].filter((o) => o.status !== 'delivered' && o.status !== 'failed').length;
  const energyWh = [...world.vehicles.values()].reduce((a, v) => a + v.energyUsedWh, 0);
  const perDay = (kg: number, moves: number) => ({ tonnesPerDay: kg / 1000 / days, movesPerDay: moves / days });
  return {
    format: 'igv-kpis/1',
    scenario: input.scenario,
    seed: input.seed,
    simulatedHours: input.simulatedHours,
    wallSeconds: round(input.wallSeconds, 3),
    tickMs: input.tickMs,
    vehicles,
    orders: { created: c.created, delivered: c.delivered, failed: c.failed, open },
    throughput: {
      tonnesPerDay: round(tonnesPerDay, 1),
      movesPerDay: round(c.delivered / days, 1),
      byDirection: {
        'VN-CN': roundAll(perDay(c.deliveredKg['VN-CN'], c.deliveredMoves['VN-CN'])),
        'CN-VN': roundAll(perDay(c.deliveredKg['CN-VN'], c.deliveredMoves['CN-VN'])),
      },
    },
    clearanceMinutes: { p50: roundOrNull(percentile(c.clearanceMinutes, 50)), p95: roundOrNull(percentile(c.clearanceMinutes, 95)) },
    capacity: {
      baselineTonnesPerDay: input.baselineTonnesPerDay,
      multiple: round(tonnesPerDay / input.baselineTonnesPerDay, 3),
      perOpenHour: round(tonnesPerDay / 24 / (input.baselineTonnesPerDay / BASELINE_OPEN_HOURS_PER_DAY), 3),
      bottleneck: loads[0]![0],
    },
    utilization: Object.fromEntries(Object.entries(utilization).map(([k, v]) => [k, v === null ? null : round(v, 4)])),
    energyKwh: round(energyWh / 1000, 1),
    safety: {
      minGapM: Number.isFinite(c.minGapM) ? round(c.minGapM, 2) : null,
      deadlocksResolved: world.counters.deadlocksResolved,
      deadlocksDetected: world.counters.deadlocksDetected,
      maxWaitS: round(world.counters.maxWaitMs / 1000, 1),
      stalls: world.counters.stalls,
    },
    simSpeed: {
      vehicleUpdatesPerSecond: Math.round((allTicks / Math.max(input.wallSeconds, 1e-6))),
      realtimeFactor: round((input.simulatedHours * 3600) / Math.max(input.wallSeconds, 1e-6), 1),
    },
  };
}

export type Kpis = ReturnType<typeof buildKpis>;

function round(x: number, d: number): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}
function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x, 1);
}
function roundAll(o: { tonnesPerDay: number; movesPerDay: number }) {
  return { tonnesPerDay: round(o.tonnesPerDay, 1), movesPerDay: round(o.movesPerDay, 1) };
}
