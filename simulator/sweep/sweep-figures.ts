/**
 * The sweep report's figures: throughput against fleet size (one chart per demand multiplier, a
 * line per layout and crane count) and clearance P95 against demand (one chart per layout, a line
 * per fleet size). The recommended configuration — or the closest one — is ringed.
 */
import { esc, fmt } from '../report/svg-primitives.ts';
import type { Sweep } from './sweep-schema.ts';
import type { SweepRun } from './run-sweep.ts';
import type { SweepRow } from './sweep-rows.ts';
import { configName, type ConfigSummary } from './sweep-select.ts';
import { SERIES_COLORS, seriesKey, xyChart, type XySeries } from './sweep-charts.ts';

export interface FiguresInput {
  readonly sweep: Sweep;
  readonly run: SweepRun;
  readonly baselineTonnesPerDay: number;
  /** The configuration to ring: the cheapest reaching the target, else the best, else null. */
  readonly pick: ConfigSummary | null;
}

type Metric = (r: SweepRow) => number | null;
const tonnes: Metric = (r) => r.outcome?.tonnesPerDay ?? null;
const p95: Metric = (r) => r.outcome?.clearanceP95Min ?? null;

/** Mean over seeds of `metric` at each x (runs without a value left out), and every seed's value. */
function series(name: string, color: string, rows: readonly SweepRow[], x: (r: SweepRow) => number, metric: Metric): XySeries {
  const byX = new Map<number, number[]>();
  const seeds: { x: number; y: number }[] = [];
  for (const r of rows) {
    const y = metric(r);
    if (y === null) continue;
    byX.set(x(r), [...(byX.get(x(r)) ?? []), y]);
    seeds.push({ x: x(r), y });
  }
  const points = [...byX].sort((a, b) => a[0] - b[0]).map(([px, ys]) => ({ x: px, y: ys.reduce((a, b) => a + b, 0) / ys.length }));
  return { name, color, points, seeds };
}

const meanAt = (s: XySeries, x: number) => s.points.find((p) => p.x === x)?.y;

function figure(title: string, svg: string, key: string, caption: string): string {
  return `<figure class="fig"><h3>${esc(title)}</h3>${svg}${key}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** The figures section as HTML. */
export function renderSweepFigures(f: FiguresInput): string {
  const { sweep, run, pick } = f;
  const rows = run.rows;
  const top = Math.max(...sweep.demandMultipliers);
  const targetTpd = sweep.target.multiple * f.baselineTonnesPerDay;
  const markColor = run.selection.cheapest ? '#2b8a3e' : '#d9480f';
  const markLabel = run.selection.cheapest ? 'cheapest reaching target' : 'closest (misses target)';
  const combos = sweep.layouts.flatMap((l) => [...new Set(rows.filter((r) => r.point.layout === l.name).map((r) => r.point.cranesPerSide))].sort((a, b) => a - b).map((k) => ({ layout: l.name, k })));
  const out: string[] = [];
  for (const m of [...sweep.demandMultipliers].sort((a, b) => a - b)) {
    const ss = combos.map((c, i) =>
      series(`${c.layout}, ${c.k} cranes/side`, SERIES_COLORS[i % SERIES_COLORS.length]!, rows.filter((r) => r.point.layout === c.layout && r.point.cranesPerSide === c.k && r.point.demandMultiplier === m), (r) => r.point.fleet, tonnes),
    );
    const pickIdx = pick && m === top ? combos.findIndex((c) => c.layout === pick.layout && c.k === pick.cranesPerSide) : -1;
    const y = pickIdx >= 0 ? meanAt(ss[pickIdx]!, pick!.fleet) : undefined;
    const svg = xyChart({
      label: `Throughput against fleet size at demand ×${fmt(m, 2)}`,
      xTitle: 'IGV fleet size',
      yTitle: 'throughput, t/day',
      unit: 't/day',
      xValues: sweep.fleet,
      series: ss,
      reference: { value: targetTpd, name: `${fmt(sweep.target.multiple, 2)}× baseline = ${fmt(targetTpd, 0)} t/day` },
      ...(y !== undefined && pick ? { mark: { x: pick.fleet, y, label: markLabel, color: markColor } } : {}),
    });
    out.push(figure(`Throughput vs fleet size, demand ×${fmt(m, 2)}`, svg, seriesKey(ss), `Tonnes per day through both lanes (the IGV lane's share is in the tables and sweep.csv), mean over ${sweep.seeds.length} seed(s) (faint dots: each seed), by layout and cranes per side.`));
  }
  for (const l of sweep.layouts) {
    const mine = rows.filter((r) => r.point.layout === l.name);
    const ks = [...new Set(mine.map((r) => r.point.cranesPerSide))];
    if (ks.length === 0) continue;
    const k = pick && pick.layout === l.name ? pick.cranesPerSide : Math.max(...ks);
    const ss = sweep.fleet.map((n, i) => series(`${n} IGVs`, SERIES_COLORS[i % SERIES_COLORS.length]!, mine.filter((r) => r.point.fleet === n && r.point.cranesPerSide === k), (r) => r.point.demandMultiplier, p95));
    const pickIdx = pick && pick.layout === l.name ? sweep.fleet.indexOf(pick.fleet) : -1;
    const y = pickIdx >= 0 ? meanAt(ss[pickIdx]!, top) : undefined;
    const svg = xyChart({
      label: `Clearance P95 against demand, ${l.name}`,
      xTitle: 'truck demand, × 2025',
      yTitle: 'clearance P95, min',
      unit: 'min',
      xValues: sweep.demandMultipliers,
      series: ss,
      reference: { value: sweep.target.clearanceP95Minutes, name: `target P95 ${fmt(sweep.target.clearanceP95Minutes, 0)} min` },
      ...(y !== undefined && pick ? { mark: { x: top, y, label: markLabel, color: markColor } } : {}),
    });
    const why = pick && pick.layout === l.name ? `the cranes of ${configName(pick)}` : 'the most cranes run on this layout';
    out.push(figure(`Clearance vs demand, ${l.name} (${k} cranes/side)`, svg, seriesKey(ss), `Smart-lane clearance P95, truck arrival to far-side drop-off, mean over seeds (faint dots: each seed), at ${k} cranes/side (${why}). Runs with no delivery are left out.`));
  }
  return `<div class="figs">${out.join('\n')}</div>`;
}
