/**
 * MAPF benchmark (issue 7): the engine planner on the MovingAI benchmark in ../shared/mapf.
 * One-shot (every listed map × N × scenario random-1..5, each in its own process, every solution
 * validated by check-mapf), lifelong throughput and per-step cost, and benchmark.js
 * micro-benchmarks. Prints markdown tables; `npm run bench` runs the same suites into RESULTS.md.
 *
 * usage: node bin/run-ts.mjs bench/mapf-bench.ts [--quick] [--only one-shot,lifelong,micro] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { FULL, QUICK, type MapfBenchSettings } from './mapf/cases.ts';
import { checkData, MAPS, type MapName } from './mapf/instances.ts';
import { machineLine } from './mapf/machine.ts';
import { createSuiteProgress } from './mapf/progress.ts';
import { lifelongNotes, lifelongSummary, lifelongTable, microNotes, microTable, oneShotNotes, oneShotSummary, oneShotTable } from './mapf/render.ts';
import { MAPF_SUITES, runLifelong, runMicro, runOneShot, type MapfResults, type MapfSuite } from './mapf/run-suites.ts';

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};
const list = <T extends string>(allowed: readonly T[], what: string) => (v: string): T[] => {
  const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const s of items) if (!allowed.includes(s as T)) throw new InvalidArgumentError(`unknown ${what} "${s}"; one of ${allowed.join(', ')}`);
  if (items.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${what}s`);
  return items as T[];
};

const program = new Command('mapf-bench')
  .description('Benchmark the engine MAPF planner (PIBT + LaCAM) on the MovingAI maps in ../shared/mapf: one-shot success / runtime / quality, lifelong throughput and per-step cost, micro-benchmarks.')
  .option('--quick', 'smoke run: smallest N per map on random-1 (10 s limit), 300-step lifelong runs with one seed, short micro-benchmarks')
  .option('--only <suites>', `comma-separated subset of ${MAPF_SUITES.join(', ')}`, list(MAPF_SUITES, 'suite'))
  .option('--maps <maps>', 'comma-separated subset of the maps (one-shot and lifelong)', list(MAPS, 'map'))
  .option('--time-limit-ms <t>', 'one-shot: wall-clock limit per instance, ms (default 30000; quick 10000)', positiveInt)
  .option('--scens <k>', 'one-shot: scenarios random-1..k (default 5; quick 1)', positiveInt)
  .option('--steps <s>', 'lifelong: steps per run (default 2000; quick 300)', positiveInt)
  .option('--seeds <k>', 'lifelong: seeds 1..k per case (default 3; quick 1)', positiveInt)
  .option('--keep <dir>', 'one-shot: keep the igv-mapf/1 solution files in this directory')
  .option('--json <file>', 'also write settings, every run and the rows as JSON to this file')
  .addHelpText('after', `
One-shot: each instance runs \`igv mapf\` in its own child process (the solver's own deadline,
a hard kill 30 s after it); a solution counts only if ../shared/tools/check-mapf.mjs exits 0.
Lifelong: \`igv mapf --lifelong\` per (map, N, seed), in child processes. Micro: benchmark.js,
in process. Progress on stderr; tables (markdown) on stdout. Reference figures (LaCAM3, JS-PIBT,
pibt2) come from ../shared/planning.md.`);

program.parse();
const opts = program.opts<{ quick?: boolean; only?: MapfSuite[]; maps?: MapName[]; timeLimitMs?: number; scens?: number; steps?: number; seeds?: number; keep?: string; json?: string }>();

function fail(message: string): never {
  console.error(`mapf-bench: ${message}`);
  process.exit(1);
}

const base = opts.quick ? QUICK : FULL;
const settings: MapfBenchSettings = {
  ...base,
  maps: opts.maps ?? base.maps,
  timeLimitMs: opts.timeLimitMs ?? base.timeLimitMs,
  scens: opts.scens ?? base.scens,
  steps: opts.steps ?? base.steps,
  seeds: opts.seeds ?? base.seeds,
};
if (settings.scens > 5) fail('--scens must be 1..5 (random-1..5 are shipped)');
const suites = opts.only ?? [...MAPF_SUITES];
const missing = checkData();
if (missing) fail(missing);

const progress = createSuiteProgress();
const results: MapfResults = {};
const out: string[] = [`MAPF benchmark — ${machineLine()}; Node ${process.version}; ${new Date().toISOString()}`];
try {
  if (suites.includes('one-shot')) {
    const r = (results.oneShot = await runOneShot(settings, progress, opts.keep));
    out.push(`## MAPF one-shot\n\n${oneShotNotes(settings)}\n\n${oneShotTable(r.rows)}\n\n${oneShotSummary(r.rows, r.runs, settings.timeLimitMs)}`);
  }
  if (suites.includes('lifelong')) {
    const r = (results.lifelong = await runLifelong(settings, progress));
    out.push(`## MAPF lifelong\n\n${lifelongNotes(settings)}\n\n${lifelongTable(r.rows)}\n\n${lifelongSummary(r.rows)}`);
  }
  if (suites.includes('micro')) {
    results.micro = runMicro(settings, progress);
    out.push(`## Micro-benchmarks\n\n${microNotes(settings)}\n\n${microTable(results.micro)}`);
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
console.log(out.join('\n\n'));
if (opts.json) {
  const doc = { format: 'igv-mapf-bench/1', machine: machineLine(), node: process.version, date: new Date().toISOString(), command: process.argv.slice(1).join(' '), settings, ...results };
  try {
    writeFileSync(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
  } catch (err) {
    fail(`cannot write ${opts.json}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
