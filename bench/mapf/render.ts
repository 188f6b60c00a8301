/**
 * Markdown tables of the MAPF suites, shared by bench/mapf-bench.ts and bench/run-all.ts, with
 * the reference figures of ../shared/planning.md beside ours and the P-goals read off them.
 */
import type { LifelongRow } from './lifelong-suite.ts';
import type { MicroRow } from './micro-suite.ts';
import type { OneShotRow, OneShotRun } from './one-shot-suite.ts';

export function mdTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Fixed digits, '–' for NaN/undefined. */
export const fx = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const ms0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toString() : '–');

export function oneShotTable(rows: readonly OneShotRow[]): string {
  return mdTable(
    ['map', 'N', 'solved (validated)', 'median ms', 'max ms', 'SoC / LB', 'makespan / LB', 'LaCAM3 solved', 'LaCAM3 median ms', 'LaCAM3 SoC / LB', 'SoC vs LaCAM3 (P3: ≤ 1.15)'],
    rows.map((r) => [
      r.map, r.agents, `${r.valid}/${r.runs}`, ms0(r.medianMs), ms0(r.maxMs), fx(r.socOverLb), fx(r.makespanOverLb),
      r.reference ? `${r.reference.solved}/5` : '–', r.reference ? r.reference.medianMs : '–', r.reference ? fx(r.reference.socOverLb) : '–',
      r.reference && Number.isFinite(r.socOverLb) ? fx(r.socOverLb / r.reference.socOverLb) : '–',
    ]),
  );
}

/** P2/P3 verdict lines and every run that did not count. */
export function oneShotSummary(rows: readonly OneShotRow[], runs: readonly OneShotRun[], timeLimitMs: number): string {
  const valid = runs.filter((r) => r.valid);
  const withRef = rows.filter((r) => r.reference && Number.isFinite(r.socOverLb));
  const within = withRef.filter((r) => r.socOverLb <= 1.15 * r.reference!.socOverLb);
  const slowest = Math.max(...runs.map((r) => r.runtimeMs));
  const lines = [
    `- P2 (every run solved within ${timeLimitMs / 1000} s, validated): **${valid.length}/${runs.length}**; slowest run ${ms0(slowest)} ms (LaCAM3: 95/95, max 15.1 s).`,
    `- P3 (mean SoC/LB ≤ 1.15 × LaCAM3's first solution): **${within.length}/${withRef.length}** cells.`,
  ];
  const failed = runs.filter((r) => !r.valid);
  if (failed.length > 0) {
    lines.push(`- Runs that did not count: ${failed.map((r) => `${r.map} N=${r.agents} random-${r.scen}: ${r.outcome} after ${ms0(r.runtimeMs)} ms${r.note ? ` (${r.note})` : ''}`).join('; ')}.`);
  }
  return lines.join('\n');
}

export function lifelongTable(rows: readonly LifelongRow[]): string {
  return mdTable(
    ['map', 'N', 'seeds × steps', 'throughput (goals/step)', 'per seed', 'JS-PIBT throughput', 'mean ms/step', 'p99 ms/step', 'max ms/step', 'JS-PIBT mean / p99 ms', 'fewest goals in a quarter', 'gridlock', 'JS-PIBT gridlock', 'escapes solved / tried'],
    rows.map((r) => [
      r.map, r.agents, `${r.seeds} × ${r.steps}`, fx(r.throughput), r.perSeed.map((x) => fx(x)).join(' / '), r.reference ? fx(r.reference.throughput) : '–', fx(r.meanMs, 3), fx(r.p99Ms, 3), fx(r.maxMs, 1),
      r.reference ? `${fx(r.reference.meanMs)} / ${fx(r.reference.p99Ms)}` : '–', r.minQuarter, r.gridlock ? '**yes**' : 'no', r.reference ? (r.reference.gridlock ? 'yes' : 'no') : '–',
      `${r.escapesSolved} / ${r.escapesTried}`,
    ]),
  );
}

/** P1, P4 and P5 verdict lines. */
export function lifelongSummary(rows: readonly LifelongRow[]): string {
  const lines: string[] = [];
  const w1000 = rows.find((r) => r.map === 'warehouse-10-20-10-2-1' && r.agents === 1000);
  if (w1000) {
    const ok = w1000.meanMs <= 1 && w1000.p99Ms <= 5;
    lines.push(`- P1 (per-step planning, warehouse 1000 agents: mean ≤ 1 ms, p99 ≤ 5 ms): mean **${fx(w1000.meanMs, 3)} ms**, p99 **${fx(w1000.p99Ms, 3)} ms** — ${ok ? 'met' : 'not met'}.`);
  }
  const locked = rows.filter((r) => r.gridlock);
  lines.push(`- P4 (no quarter without finished tasks, no gridlock): ${locked.length === 0 ? `**met** on all ${rows.length} cases` : `**not met** on ${locked.map((r) => `${r.map} N=${r.agents}`).join(', ')}`}.`);
  const p5 = rows.filter((r) => r.reference && (r.map === 'warehouse-10-20-10-2-1' || r.map === 'den312d'));
  if (p5.length > 0) {
    const below = p5.filter((r) => r.throughput < r.reference!.throughput);
    lines.push(`- P5 (mean throughput over the seeds ≥ JS-PIBT's single run, warehouse and den312d): ${below.length === 0 ? `**met** on all ${p5.length}` : `**not met** on ${below.map((r) => `${r.map} N=${r.agents} (${fx(r.throughput)} < ${fx(r.reference!.throughput)})`).join(', ')}`}.`);
  }
  return lines.join('\n');
}

export function microTable(rows: readonly MicroRow[]): string {
  return mdTable(
    ['benchmark', 'ops/s', '± rme', 'mean ms per op', 'samples', 'planning.md reference per op'],
    rows.map((r) => [r.name, Math.round(r.opsPerS).toLocaleString('en-US'), `${r.rmePct.toFixed(2)} %`, fx(r.meanMs, 3), r.samples, r.reference || '–']),
  );
}

export interface SectionSettings {
  readonly timeLimitMs: number;
  readonly seed: number;
  readonly scens: number;
  readonly steps: number;
  readonly seeds: number;
  readonly microMaxTimeS: number;
}

export function oneShotNotes(s: SectionSettings): string {
  return (
    `Each instance (the first N agents of \`random-k.scen\`, k = 1..${s.scens}) is solved by \`igv mapf --time-limit-ms ${s.timeLimitMs} --seed ${s.seed}\` ` +
    '(the engine planner: LaCAM over PIBT with swap, guide paths) in its own child process, one at a time; the solver stops itself at the limit ' +
    '(a hard kill 30 s later would count as a failure). Every solution is checked by `node ../shared/tools/check-mapf.mjs MAP SCEN SOLUTION.json` ' +
    'and counts only if the validator exits 0; SoC and makespan are the validator\'s recomputed figures, LB the sum / max of single-agent BFS distances, ' +
    'ratios averaged over validated runs. Runtime is the solver\'s wall time inside the process (distance tables, guide paths, search, like LaCAM3\'s ' +
    '"time to first solution incl. preprocessing"; process start-up excluded); median and max over all runs of the cell. LaCAM3 columns: ' +
    '../shared/planning.md (LaCAM3 first solution, measured on this machine). Last column: our mean SoC/LB over LaCAM3\'s.'
  );
}

export function lifelongNotes(s: SectionSettings): string {
  return (
    `Each run is \`igv mapf --lifelong --steps ${s.steps} --seed K\` (K = 1..${s.seeds}) in its own child process: starts and first goals from ` +
    '`random-1.scen`, then a new uniformly random free cell (seeded, not already another agent\'s goal) whenever an agent reaches its goal; PIBT per step ' +
    'on distance tables with crisscross guidance (moves against a row\'s or column\'s direction cost 2, so traffic forms one-way lanes), the swap ' +
    'operation only into dead ends, a stall watchdog handing stuck agents to a local LaCAM escape search. Throughput = goals reached per step; ' +
    'ms/step = wall time of one planning step (PIBT, escapes, new distance tables), mean and p99 averaged over seeds, max the worst. ' +
    'Gridlock = a seed in which no agent moved for 32 steps or a quarter of the run finished no goal. JS-PIBT columns: ../shared/planning.md (plain PIBT, no escape layer, one run).'
  );
}

export function microNotes(s: SectionSettings): string {
  return (
    `benchmark.js (maxTime ${s.microMaxTimeS} s per case, ops/s ± relative margin of error at 95 %). PIBT step: one step of the engine's PIBT with swap ` +
    '(engine/core/planner/mapf/pibt.ts; ordering and goal bookkeeping not timed), replayed from 1000 recorded steps that start from `random-1.scen` ' +
    'and give an agent a new random goal on arrival, so every step is busy. planning.md\'s "Per-tick cost of PIBT" figures (beside ours) timed ' +
    '1000 steps of plain one-shot PIBT that never finished these instances; the engine\'s PIBT with swap finishes them in a few hundred steps, ' +
    'hence the lifelong load. Distance table: one BFS to a scenario goal over the whole map, or with crisscross guidance (costs 1 and 2, as the ' +
    'lifelong runs use) one cheapest-cost search.'
  );
}
