/**
 * `igv-kpis/1` (DESIGN §7): the figures of one run, with the contract's field names exactly.
 * Fields may be added; none may be renamed.
 */
import type { World } from '../../engine/core/model/world.ts';
import type { Collected } from './kpi-collector.ts';
import type { AsIsResult } from '../gate/as-is/as-is-result.ts';
import { traditionalLaneFigures } from './traditional-lane-kpis.ts';

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
  /** The traditional lane over the same window, when the scenario runs one. */
  traditional?: AsIsResult | null;
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
  const smartTonnesPerDay = (c.deliveredKg['VN-CN'] + c.deliveredKg['CN-VN']) / 1000 / days;
  const lane = traditionalLaneFigures(input.traditional ?? null);
  const tonnesPerDay = smartTonnesPerDay + (lane?.tonnesPerDay ?? 0);
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
    ...(lane?.loads ?? []),
  ];
  loads.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const open = [...world.orders.values()].filter((o) => o.status !== 'delivered' && o.status !== 'failed').length;
  const energyWh = [...world.vehicles.values()].reduce((a, v) => a + v.energyUsedWh, 0);
  // Vehicle-equivalents (facts §7.2): a laden IGV move and a cleared truck count one each.
  const perDay = (dir: 'VN-CN' | 'CN-VN') => ({
    tonnesPerDay: c.deliveredKg[dir] / 1000 / days + (lane?.byDirection[dir].tonnesPerDay ?? 0),
    movesPerDay: c.deliveredMoves[dir] / days + (lane?.byDirection[dir].trucksPerDay ?? 0),
  });
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
      movesPerDay: round(c.delivered / days + (lane?.trucksPerDay ?? 0), 1),
      byDirection: { 'VN-CN': roundAll(perDay('VN-CN')), 'CN-VN': roundAll(perDay('CN-VN')) },
      smartLane: { tonnesPerDay: round(smartTonnesPerDay, 1), movesPerDay: round(c.delivered / days, 1) },
      traditionalLane: lane === null ? null : { tonnesPerDay: round(lane.tonnesPerDay, 1), trucksPerDay: round(lane.trucksPerDay, 1) },
    },
    // The smart lane's consignments (the 4–6 h target, P34), truck arrival to far-side release.
    clearanceMinutes: {
      p50: roundOrNull(percentile(c.clearanceMinutes, 50)),
      p95: roundOrNull(percentile(c.clearanceMinutes, 95)),
      traditionalLane: lane === null ? null : { p50: roundOrNull(lane.clearanceMinutes.p50), p95: roundOrNull(lane.clearanceMinutes.p95) },
    },
    capacity: {
      baselineTonnesPerDay: input.baselineTonnesPerDay,
      multiple: round(tonnesPerDay / input.baselineTonnesPerDay, 3),
      perOpenHour: round(tonnesPerDay / 24 / (input.baselineTonnesPerDay / BASELINE_OPEN_HOURS_PER_DAY), 3),
      bottleneck: loads[0]![0],
      smartLaneShare: tonnesPerDay > 0 ? round(smartTonnesPerDay / tonnesPerDay, 3) : null,
    },
    // Flat, so a bottleneck name finds its load; traditional-lane steps appear as `traditional-<step>`.
    utilization: Object.fromEntries(
      [...Object.entries(utilization), ...(lane?.loads ?? [])].map(([k, v]) => [k, v === null ? null : round(v, 4)]),
    ) as Record<string, number | null>,
    energyKwh: round(energyWh / 1000, 1),
    energyKwhPerMove: c.delivered > 0 ? round(energyWh / 1000 / c.delivered, 2) : null,
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
