/**
 * Sweep rows: a grid point with its outcome (or its error), its cost under the sweep's cost model
 * and whether it reaches the target; and the CSV they are written as. The CSV holds no wall-clock
 * figure, so the same sweep gives the same bytes whatever the number of workers.
 */
import type { SweepCosts, SweepPoint, SweepTarget } from './sweep-schema.ts';
import type { PointOutcome } from './sweep-point.ts';

export interface SweepRow {
  readonly point: SweepPoint;
  /** null when the point failed (see `error`). */
  readonly outcome: PointOutcome | null;
  readonly error: string | null;
  /** Cost of the point's configuration, in the sweep's cost units. */
  readonly cost: number;
  readonly reachesTarget: boolean;
}

/** Cost of a configuration: the layout's fixed cost + fleet × per IGV + 2 sides × cranes × per crane. */
export function configCost(costs: SweepCosts, layout: string, fleet: number, cranesPerSide: number): number {
  const cost = (costs.perLayout[layout] ?? 0) + fleet * costs.perIgv + 2 * cranesPerSide * costs.perCrane;
  // Rounded so float sums never print as 2553.0000000000005.
  return Math.round(cost * 100) / 100;
}

/**
 * A point reaches the target when the smart lane's queue is stable, the traditional lane (when run)
 * is stable too — "no worse than baseline" (facts §7.2) — the engine raised no fault, the
 * throughput of both lanes is at least `target.multiple` × the baseline and the smart lane's
 * clearance P95 is within target.
 */
export function meetsTarget(o: PointOutcome | null, target: SweepTarget): boolean {
  if (o === null || !o.stable || o.traditionalStable === false || o.engineFaults > 0) return false;
  return o.multiple >= target.multiple && o.clearanceP95Min !== null && o.clearanceP95Min <= target.clearanceP95Minutes;
}

/** Builds a row from a point and what its run gave. */
export function makeRow(point: SweepPoint, result: { ok: true; value: PointOutcome } | { ok: false; error: string }, costs: SweepCosts, target: SweepTarget): SweepRow {
  const outcome = result.ok ? result.value : null;
  return {
    point,
    outcome,
    error: result.ok ? null : result.error,
    cost: configCost(costs, point.layout, point.fleet, point.cranesPerSide),
    reachesTarget: meetsTarget(outcome, target),
  };
}

const OUTCOME_COLUMNS = [
  'simulatedHours',
  'tonnesPerDay',
  'smartTonnesPerDay',
  'traditionalTonnesPerDay',
  'multiple',
  'clearanceP50Min',
  'clearanceP95Min',
  'ordersCreated',
  'ordersDelivered',
  'ordersFailed',
  'ordersOpen',
  'igvUtilisation',
  'bottleneck',
  'energyKwh',
  'stable',
  'queueGrowth',
  'traditionalStable',
  'engineFaults',
] as const satisfies readonly (keyof PointOutcome)[];

export const CSV_COLUMNS = ['index', 'layout', 'fleet', 'cranesPerSide', 'demandMultiplier', 'seed', 'status', ...OUTCOME_COLUMNS, 'reachesTarget', 'cost', 'digest', 'error'] as const;

/** The rows as CSV (RFC 4180 quoting, LF line ends, header first); empty cells for missing values. */
export function toCsv(rows: readonly SweepRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const p = r.point;
    const o = r.outcome;
    const cells: unknown[] = [p.index, p.layout, p.fleet, p.cranesPerSide, p.demandMultiplier, p.seed, o ? 'ok' : 'error'];
    for (const c of OUTCOME_COLUMNS) cells.push(o ? o[c] : null);
    cells.push(r.reachesTarget, r.cost, o?.digest ?? null, r.error);
    lines.push(cells.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
