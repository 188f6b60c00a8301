/**
 * The report's six figures built from the per-hour samples and the KPIs: throughput by
 * direction, clearance-time distribution, utilisation, queue length, cumulative energy and the
 * fleet by state. Each figure is a titled SVG with a one-line caption on how to read it.
 */
import type { Kpis } from '../kpis/kpis.ts';
import { VEHICLE_STATES, type Collected, type HourSample, type VehicleStateName } from '../kpis/kpi-collector.ts';
import { bottleneckOf, CLEARANCE_P50_MAX_MIN, CLEARANCE_P95_MAX_MIN, TARGET_MULTIPLE } from './report-verdict.ts';
import { hBarChart, histogram, lineChart, stackedBarChart } from './svg-charts.ts';
import { esc, fmt, pct } from './svg-primitives.ts';

const COLORS = {
  vnCn: '#1c7ed6',
  cnVn: '#e8590c',
  total: '#495057',
  target: '#2b8a3e',
  queue: '#ae3ec9',
  energy: '#f59f00',
  p50: '#1864ab',
  p95: '#c2255c',
} as const;

const STATE_COLORS: Record<VehicleStateName, string> = {
  driving: '#2f9e44',
  waiting: '#f08c00',
  serving: '#1c7ed6',
  charging: '#7048e8',
  idle: '#ced4da',
  faulted: '#e03131',
};

/** An hour sample placed on the time axis: [x0, x1) hours, x1 clipped to the end of the run. */
interface Slot {
  readonly s: HourSample;
  readonly x0: number;
  readonly x1: number;
}

/**
 * Samples on the time axis. The collector closes one extra, zero-length hour when a run ends on
 * an hour boundary; it carries no deliveries and would only draw an empty bar past the end.
 */
function slots(c: Collected, simulatedHours: number): Slot[] {
  const end = Number.isFinite(simulatedHours) && simulatedHours > 0 ? simulatedHours : 1;
  return c.hours
    .filter((s) => s.hour < end || s.deliveredMoves['VN-CN'] + s.deliveredMoves['CN-VN'] > 0)
    .map((s) => ({ s, x0: s.hour, x1: Math.max(s.hour + Math.min(1, end - s.hour), s.hour + 1e-6) }));
}

function figure(title: string, svg: string, caption: string, wide = false): string {
  return `<figure class="fig${wide ? ' wide' : ''}"><h3>${esc(title)}</h3>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** The six figures' HTML, in reading order for the page grid (wide, half, half, half, half, wide). */
export function renderFigures(kpis: Kpis, c: Collected): string {
  const sl = slots(c, kpis.simulatedHours);
  const xMax = Math.max(kpis.simulatedHours > 0 ? kpis.simulatedHours : 1, ...sl.map((x) => x.x1));
  const noDeliveries = c.delivered === 0 ? 'no deliveries in this run' : null;
  const noSamples = sl.length === 0 ? 'no hourly samples' : null;
  const rate = (x: Slot, t: number) => ({ x0: x.x0, x1: x.x1, y: t / (x.x1 - x.x0) });
  const targetRate = (kpis.capacity.baselineTonnesPerDay * TARGET_MULTIPLE) / 24;

  const throughput = lineChart({
    label: 'Throughput by direction, tonnes per hour',
    wide: true,
    xMax,
    xTitle: 'simulated time (h)',
    yTitle: 'delivered (t/h)',
    unit: 't/h',
    series: [
      { name: 'VN→CN', color: COLORS.vnCn, points: [], spans: sl.map((x) => rate(x, x.s.deliveredTonnes['VN-CN'])) },
      { name: 'CN→VN', color: COLORS.cnVn, points: [], spans: sl.map((x) => rate(x, x.s.deliveredTonnes['CN-VN'])) },
      { name: 'both directions', color: COLORS.total, dashed: true, points: [], spans: sl.map((x) => rate(x, x.s.deliveredTonnes['VN-CN'] + x.s.deliveredTonnes['CN-VN'])) },
    ],
    reference: Number.isFinite(targetRate) ? { value: targetRate, name: `3× target, ${fmt(targetRate, 0)} t/h`, color: COLORS.target } : undefined,
    note: noSamples ?? noDeliveries,
  });

  const { p50, p95 } = kpis.clearanceMinutes;
  const clearance = histogram({
    label: 'Clearance time distribution, minutes',
    values: c.clearanceMinutes,
    xTitle: 'clearance time, release to delivery (min)',
    yTitle: 'deliveries',
    markers: [
      { value: p50, name: `P50 ${fmt(p50, 0)} min`, color: COLORS.p50 },
      { value: p95, name: `P95 ${fmt(p95, 0)} min`, color: COLORS.p95 },
    ],
    targets: [
      { value: CLEARANCE_P50_MAX_MIN, name: '4 h' },
      { value: CLEARANCE_P95_MAX_MIN, name: '6 h' },
    ],
    emptyNote: 'no deliveries, so no clearance times',
  });

  const hot = bottleneckOf(kpis.capacity.bottleneck)?.key;
  const u = (key: string) => ({ value: kpis.utilization[key] ?? null, highlight: key === hot && (kpis.utilization[key] ?? 0) > 0 });
  const utilisation = hBarChart({
    label: 'Utilisation by resource',
    xTitle: 'busy share of the run (%)',
    naNote: 'none on this map',
    items: [
      { label: 'IGV fleet', ...u('igv') },
      { label: 'transfer cranes', ...u('cranes') },
      { label: 'automated gates', ...u('gates') },
      { label: 'NII scanners', ...u('scanners') },
      { label: 'inspection bays', ...u('inspectionBays') },
      { label: 'chargers', ...u('chargers') },
      ...Object.keys(kpis.utilization)
        .filter((k) => k.startsWith('traditional-'))
        .map((k) => ({ label: `traditional lane: ${k.slice('traditional-'.length)}`, ...u(k) })),
    ],
  });

  const queue = lineChart({
    label: 'Queue length, open orders at the end of each hour',
    xMax,
    xTitle: 'simulated time (h)',
    yTitle: 'open orders',
    unit: 'orders',
    yInteger: true,
    series: [{ name: 'open orders', color: COLORS.queue, area: true, points: sl.length ? [[0, 0] as const, ...sl.map((x) => [x.x1, x.s.openOrders] as const)] : [] }],
    note: noSamples,
  });

  const energy = lineChart({
    label: 'Cumulative energy used by the fleet, kWh',
    xMax,
    xTitle: 'simulated time (h)',
    yTitle: 'energy used (kWh)',
    unit: 'kWh',
    series: [{ name: 'energy', color: COLORS.energy, area: true, points: sl.length ? [[0, 0] as const, ...sl.map((x) => [x.x1, x.s.energyKwh] as const)] : [] }],
    note: noSamples,
  });

  const allTicks = VEHICLE_STATES.reduce((a, st) => a + c.vehicleTicks[st], 0);
  const fleet = stackedBarChart({
    label: 'Fleet by state at the end of each hour',
    wide: true,
    bins: sl.map((x) => ({ x0: x.x0, x1: x.x1 })),
    xMax,
    xTitle: 'simulated time (h)',
    yTitle: 'vehicles',
    yInteger: true,
    series: VEHICLE_STATES.map((st) => ({
      name: allTicks > 0 ? `${st} ${pct(c.vehicleTicks[st] / allTicks, 0)}` : st,
      color: STATE_COLORS[st],
      values: sl.map((x) => x.s.fleet[st]),
    })),
    note: noSamples,
  });

  return [
    figure('Throughput by direction', throughput, `Tonnes delivered in each simulated hour, by direction; the green dashed line is the round-the-clock rate that ${TARGET_MULTIPLE}× the ${fmt(kpis.capacity.baselineTonnesPerDay, 0)} t/day baseline needs (compare the grey line with it).`, true),
    figure('Clearance time', clearance, 'How many deliveries took how long from release to delivery; coloured lines mark P50 and P95, dashed ones the 4 h and 6 h targets (P34).'),
    figure('Utilisation', utilisation, 'Share of the run each resource was busy (IGVs: driving, waiting or serving); the binding constraint is drawn in red.'),
    figure('Queue length', queue, 'Orders waiting for or assigned to an IGV at the end of each hour; a line that keeps rising means demand outruns the lane.'),
    figure('Cumulative energy', energy, 'Energy drawn by the whole fleet since the start; the steeper the line, the higher the power draw (kWh per hour).'),
    figure('Fleet by state', fleet, 'Vehicles in each state at the end of each hour (bar height = fleet size); the legend gives each state\u2019s share of the whole run.', true),
  ].join('\n');
}
