/**
 * Every field of the igv-kpis/1 object as small grouped tables with readable labels and units.
 * Walks the object itself, so fields added to the contract later still appear (under their raw
 * path) without touching this file.
 */
import type { Kpis } from '../kpis/kpis.ts';
import { hours } from './report-verdict.ts';
import { esc, fmt, pct } from './svg-primitives.ts';

interface FieldSpec {
  readonly label: string;
  /** Formats a number; default is `fmt` with up to 3 decimals and the unit appended. */
  readonly unit?: string;
  readonly show?: (v: number) => string;
}

const minutes = (v: number) => `${fmt(v, 1)} min (${hours(v)})`;

const FIELDS: Record<string, FieldSpec> = {
  format: { label: 'format' },
  scenario: { label: 'scenario' },
  seed: { label: 'seed' },
  simulatedHours: { label: 'simulated time', unit: 'h' },
  wallSeconds: { label: 'wall-clock time', unit: 's' },
  tickMs: { label: 'engine tick', unit: 'ms' },
  vehicles: { label: 'vehicles (IGVs)' },
  'orders.created': { label: 'created' },
  'orders.delivered': { label: 'delivered' },
  'orders.failed': { label: 'failed' },
  'orders.open': { label: 'still open at the end' },
  'throughput.tonnesPerDay': { label: 'tonnes per day', unit: 't/day' },
  'throughput.movesPerDay': { label: 'moves per day', unit: 'moves/day' },
  'throughput.byDirection.VN-CN.tonnesPerDay': { label: 'VN→CN tonnes', unit: 't/day' },
  'throughput.byDirection.VN-CN.movesPerDay': { label: 'VN→CN moves', unit: 'moves/day' },
  'throughput.byDirection.CN-VN.tonnesPerDay': { label: 'CN→VN tonnes', unit: 't/day' },
  'throughput.byDirection.CN-VN.movesPerDay': { label: 'CN→VN moves', unit: 'moves/day' },
  'throughput.smartLane.tonnesPerDay': { label: 'smart (IGV) lane tonnes', unit: 't/day' },
  'throughput.smartLane.movesPerDay': { label: 'smart lane laden IGV moves', unit: 'moves/day' },
  'throughput.traditionalLane.tonnesPerDay': { label: 'traditional lane tonnes', unit: 't/day' },
  'throughput.traditionalLane.trucksPerDay': { label: 'traditional lane trucks cleared', unit: 'trucks/day' },
  'clearanceMinutes.traditionalLane.p50': { label: 'traditional lane P50', show: minutes },
  'clearanceMinutes.traditionalLane.p95': { label: 'traditional lane P95', show: minutes },
  'capacity.smartLaneShare': { label: 'smart-lane share of tonnes', show: (v) => pct(v, 1) },
  energyKwhPerMove: { label: 'energy per laden IGV move', unit: 'kWh' },
  'clearanceMinutes.p50': { label: 'P50 (median)', show: minutes },
  'clearanceMinutes.p95': { label: 'P95', show: minutes },
  'capacity.baselineTonnesPerDay': { label: '2025 baseline (P17)', unit: 't/day' },
  'capacity.multiple': { label: 'multiple of baseline, per day (target 3×)', show: (v) => `${fmt(v, 3)}×` },
  'capacity.perOpenHour': { label: 'multiple per open hour (P32)', show: (v) => `${fmt(v, 3)}×` },
  'capacity.bottleneck': { label: 'binding constraint' },
  'utilization.igv': { label: 'IGV fleet (busy share)', show: (v) => pct(v, 1) },
  'utilization.cranes': { label: 'transfer cranes', show: (v) => pct(v, 1) },
  'utilization.gates': { label: 'automated gates', show: (v) => pct(v, 1) },
  'utilization.scanners': { label: 'NII scanners', show: (v) => pct(v, 1) },
  'utilization.inspectionBays': { label: 'inspection bays', show: (v) => pct(v, 1) },
  'utilization.chargers': { label: 'chargers', show: (v) => pct(v, 1) },
  energyKwh: { label: 'energy used by the fleet', unit: 'kWh' },
  'safety.minGapM': { label: 'smallest gap between vehicles', unit: 'm' },
  'safety.deadlocksResolved': { label: 'deadlocks resolved' },
  'safety.deadlocksDetected': { label: 'deadlocks detected' },
  'safety.maxWaitS': { label: 'longest wait of a vehicle', unit: 's' },
  'safety.stalls': { label: 'stalls' },
  'simSpeed.vehicleUpdatesPerSecond': { label: 'vehicle updates per second', unit: '/s' },
  'simSpeed.realtimeFactor': { label: 'faster than real time', show: (v) => `${fmt(v, 1)}×` },
};

const GROUPS: Record<string, string> = {
  orders: 'Orders',
  throughput: 'Throughput',
  clearanceMinutes: 'Clearance time',
  capacity: 'Capacity',
  utilization: 'Utilisation',
  energyKwh: 'Energy',
  safety: 'Safety',
  simSpeed: 'Simulator speed',
};

/** One table row: the field's dotted path in kpis.json, its label and its formatted value (HTML-escaped). */
export interface KpiRow {
  readonly path: string;
  readonly group: string;
  readonly label: string;
  readonly value: string;
}

/** Every leaf of `kpis` in object order; null shows as "n/a", unknown fields by their path. */
export function kpiRows(kpis: Kpis): KpiRow[] {
  const rows: KpiRow[] = [];
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
      return;
    }
    const spec = FIELDS[path];
    const top = path.split('.')[0]!;
    rows.push({ path, group: GROUPS[top] ?? 'Run', label: spec?.label ?? path, value: formatValue(v, spec) });
  };
  walk(kpis, '');
  return rows;
}

function formatValue(v: unknown, spec: FieldSpec | undefined): string {
  if (v === null || v === undefined) return 'n/a';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'n/a';
    if (spec?.show) return spec.show(v);
    return spec?.unit ? `${fmt(v, 3)} ${spec.unit}` : fmt(v, 3);
  }
  return esc(Array.isArray(v) ? JSON.stringify(v) : String(v));
}

/** The KPI section: one small table per group, laid out in a responsive grid. */
export function renderKpiTable(kpis: Kpis): string {
  const groups = new Map<string, KpiRow[]>();
  for (const r of kpiRows(kpis)) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const tables = [...groups].map(
    ([g, rows]) =>
      `<table class="kpi"><caption>${esc(g)}</caption><tbody>${rows
        .map((r) => `<tr data-path="${esc(r.path)}"><th scope="row">${esc(r.label)}</th><td>${r.value}</td></tr>`)
        .join('')}</tbody></table>`,
  );
  return `<section id="kpis"><h2>All figures <span class="muted">(kpis.json, igv-kpis/1)</span></h2><div class="kpi-grid">${tables.join('')}</div></section>`;
}
