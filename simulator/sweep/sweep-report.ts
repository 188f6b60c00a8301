/**
 * `sweep.html` of `igv sweep`: one self-contained page (inline CSS and SVG, no scripts) that
 * answers the planner's question first — which configuration is the cheapest to reach the target
 * at the highest demand, or which comes closest — then shows throughput against fleet size per
 * layout, clearance against demand, the configurations compared and every run. Deterministic: no
 * wall-clock figure, so 1 and N workers give the same page.
 */
import { REPORT_CSS } from '../report/report-style.ts';
import { esc, fmt, pct } from '../report/svg-primitives.ts';
import type { Sweep } from './sweep-schema.ts';
import type { SweepRun } from './run-sweep.ts';
import { configName, selectionSentence, shortfall, type ConfigSummary } from './sweep-select.ts';
import { renderSweepFigures } from './sweep-figures.ts';

export interface SweepReportInput {
  readonly sweep: Sweep;
  readonly run: SweepRun;
  /** Baseline t/day of the layouts' scenarios (P17), for the target line. */
  readonly baselineTonnesPerDay: number;
  /** Shown in the footer, e.g. the command line; escaped. */
  readonly generatedBy: string;
}

const EXTRA_CSS = `
.key{display:flex;flex-wrap:wrap;gap:4px 14px;margin:4px 0 0;padding:0;list-style:none;font-size:12px;color:#343a40}
.key svg{vertical-align:middle;margin-right:5px}
table.runs{width:100%;border-collapse:collapse;background:var(--card);font-size:12px;font-variant-numeric:tabular-nums}
table.runs th,table.runs td{padding:4px 8px;border-top:1px solid #f1f3f5;text-align:right;white-space:nowrap}
table.runs th{color:#495057;font-weight:600;position:sticky;top:0;background:#f8f9fa}
table.runs td.l,table.runs th.l{text-align:left;white-space:normal}
table.runs tr.pick td{background:var(--green-bg);font-weight:600}
table.runs tr.near td{background:var(--amber-bg);font-weight:600}
table.runs tr.err td{color:var(--red)}
details{margin-top:12px}summary{cursor:pointer;font-weight:600}
.scroll{overflow-x:auto}
`;

/** Renders the page as a string; every input string is escaped, no NaN reaches the output. */
export function renderSweepReport(input: SweepReportInput): string {
  const { sweep, run } = input;
  const sel = run.selection;
  const target = sweep.target;
  const pick = sel.cheapest ?? sel.best;
  const level = sel.cheapest ? 'lvl-green' : 'lvl-red';
  const head = sel.cheapest ? `Cheapest configuration reaching ${target.multiple}×: ${configName(sel.cheapest)}` : `No configuration reaches ${target.multiple}×`;
  const meta: [string, string][] = [
    ['points run', fmt(run.rows.length, 0)],
    ['failed', fmt(run.rows.filter((r) => r.outcome === null).length, 0)],
    ['simulated per point', run.hours === undefined ? 'scenario duration' : `${fmt(run.hours, 2)} h`],
    ['layouts', sweep.layouts.map((l) => l.name).join(', ')],
    ['IGVs', sweep.fleet.join(', ')],
    ['cranes/side', sweep.cranesPerSide.join(', ')],
    ['demand ×', sweep.demandMultipliers.join(', ')],
    ['seeds', sweep.seeds.join(', ')],
  ];
  const skipped = run.skipped.map((s) => `${s.layout}: ${s.cranesPerSide} cranes/side (its map has ${s.mapCranesPerSide})`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IGV sizing sweep: ${esc(sweep.name)}</title>
<style>${REPORT_CSS}${EXTRA_CSS}</style>
</head>
<body>
<main>
<header>
<div class="kicker">IGV sizing sweep · Bắc Luân II smart border gate</div>
<h1>${esc(sweep.name)}</h1>
${sweep.description ? `<p class="desc">${esc(sweep.description)}</p>` : ''}
<ul class="meta">${meta.map(([k, v]) => `<li><b>${esc(k)}</b>${esc(v)}</li>`).join('')}</ul>
</header>
<section class="verdict ${level}" id="verdict">
<h2 class="verdict-head">${esc(head)}</h2>
<p>${esc(capitalise(selectionSentence(sel, target, sweep.costs.unit)))}.</p>
<p class="fine">A point reaches the target when the smart lane's consignments in the system do not grow over the run's second half, the traditional lane beside it (when the scenario runs it) is stable too, the engine raised no fault, the throughput of both lanes is at least ${esc(fmt(target.multiple, 2))}× the ${esc(fmt(input.baselineTonnesPerDay, 0))} t/day 2025 baseline (capacity.multiple of igv-kpis/1) and the smart lane's clearance P95 is at most ${esc(fmt(target.clearanceP95Minutes, 0))} min. A configuration (layout, IGVs, cranes) counts only when every seed at the highest demand multiplier reaches it. Costs in ${esc(sweep.costs.unit)}: layout + IGVs × ${esc(fmt(sweep.costs.perIgv, 2))} + 2 × cranes/side × ${esc(fmt(sweep.costs.perCrane, 2))}.</p>
${skipped.length > 0 ? `<p class="fine">Skipped (more cranes than the map has): ${esc(skipped.join('; '))}.</p>` : ''}
</section>
<h2>Figures</h2>
${renderSweepFigures({ sweep, run, baselineTonnesPerDay: input.baselineTonnesPerDay, pick })}
<h2>Configurations at demand ×${esc(fmt(sel.demandMultiplier, 2))} <span class="muted">cheapest first</span></h2>
${configTable(sel.configs, pick, sel.cheapest !== null, sweep)}
<details>
<summary>Every run (${esc(fmt(run.rows.length, 0))})</summary>
${runsTable(run)}
</details>
<footer>Generated by ${esc(input.generatedBy)}. The same rows are in sweep.csv. Every cost is an ESTIMATE; figures of a short run are indicative only.</footer>
</main>
</body>
</html>
`;
}

function configTable(configs: readonly ConfigSummary[], pick: ConfigSummary | null, reached: boolean, sweep: Sweep): string {
  const sorted = [...configs].sort((a, b) => a.cost - b.cost || a.firstIndex - b.firstIndex);
  const head = ['layout', 'IGVs', 'cranes/side', `cost (${sweep.costs.unit})`, 'runs reaching', 'smart lane stable', 'mean multiple', 'worst P95 (min)', 'misses'];
  const body = sorted.map((c) => {
    const cls = c === pick ? (reached ? ' class="pick"' : ' class="near"') : '';
    const cells = [c.layout, fmt(c.fleet, 0), fmt(c.cranesPerSide, 0), fmt(c.cost, 2), `${c.reaching} of ${c.runs}`, `${c.stable} of ${c.runs}`, `${fmt(c.meanMultiple, 3)}×`, fmt(c.worstP95Min, 1), shortfall(c, sweep.target) || '—'];
    return `<tr${cls}>${cells.map((v, i) => `<td${i === 0 || i === cells.length - 1 ? ' class="l"' : ''}>${esc(v)}</td>`).join('')}</tr>`;
  });
  return `<div class="scroll"><table class="runs"><thead><tr>${head.map((h, i) => `<th${i === 0 || i === head.length - 1 ? ' class="l"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

function runsTable(run: SweepRun): string {
  const head = ['#', 'layout', 'IGVs', 'cranes/side', 'demand ×', 'seed', 't/day', 'IGV lane t/day', 'multiple', 'P50 (min)', 'P95 (min)', 'orders delivered/created', 'open', 'IGV util.', 'bottleneck', 'energy (kWh)', 'stable (smart / trad.)', 'reaches', 'cost'];
  const body = run.rows.map((r) => {
    const p = r.point;
    const o = r.outcome;
    const lead = [fmt(p.index, 0), p.layout, fmt(p.fleet, 0), fmt(p.cranesPerSide, 0), fmt(p.demandMultiplier, 2), fmt(p.seed, 0)];
    if (!o) return `<tr class="err">${lead.map((v) => `<td>${esc(v)}</td>`).join('')}<td class="l" colspan="${head.length - lead.length}">error: ${esc(r.error ?? 'unknown')}</td></tr>`;
    const cells = [...lead, fmt(o.tonnesPerDay, 1), fmt(o.smartTonnesPerDay, 1), `${fmt(o.multiple, 3)}×`, fmt(o.clearanceP50Min, 1), fmt(o.clearanceP95Min, 1), `${o.ordersDelivered}/${o.ordersCreated}`, fmt(o.ordersOpen, 0), pct(o.igvUtilisation, 0), o.bottleneck, fmt(o.energyKwh, 1), `${o.stable ? 'yes' : 'no'} / ${o.traditionalStable === null ? '–' : o.traditionalStable ? 'yes' : 'no'}`, r.reachesTarget ? 'yes' : 'no', fmt(r.cost, 2)];
    return `<tr>${cells.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`;
  });
  return `<div class="scroll"><table class="runs"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
