/**
 * `igv sweep --file FILE --out DIR [--workers N] [--hours H] [--no-progress]`: runs an igv-sweep/1
 * grid (layouts × fleet sizes × cranes × demand × seeds) in worker threads and writes DIR/sweep.csv
 * and DIR/sweep.html. Both files are the same whatever the number of workers; wall time goes to
 * stderr only. Exit 0 when every point ran, 1 when one failed or the input is wrong.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import cliProgress from 'cli-progress';
import { loadSweepFile } from '../sweep/load-sweep.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import { toCsv } from '../sweep/sweep-rows.ts';
import { renderSweepReport } from '../sweep/sweep-report.ts';
import { selectionSentence } from '../sweep/sweep-select.ts';

export interface SweepCommandOptions {
  file: string;
  out: string;
  workers?: string;
  hours?: string;
  progress?: boolean;
}

export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('run a sizing grid (layouts × IGV fleet × cranes × demand × seeds) in parallel; writes sweep.csv and sweep.html')
    .requiredOption('--file <file>', 'igv-sweep/1 JSON file (e.g. simulator/sweeps/phase-sizing.json)')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--workers <n>', `worker threads (default: ${availableParallelism()}, the available parallelism)`)
    .option('--hours <h>', 'simulated hours per point (default: the sweep file\'s hours)')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: SweepCommandOptions) => {
      process.exitCode = await runSweepCommand(opts);
    });
}

export async function runSweepCommand(opts: SweepCommandOptions): Promise<number> {
  const workers = opts.workers === undefined ? availableParallelism() : Number(opts.workers);
  if (!(Number.isSafeInteger(workers) && workers >= 1 && workers <= 256)) return fail(`--workers must be an integer from 1 to 256, got [${opts.workers}]`);
  const hours = opts.hours === undefined ? undefined : Number(opts.hours);
  if (hours !== undefined && !(hours > 0 && hours <= 24 * 400)) return fail(`--hours must be a number of hours > 0, got [${opts.hours}]`);
  const loaded = await loadSweepFile(opts.file);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`igv sweep: ${e}\n`);
    return 1;
  }
  const { sweep, layouts } = loaded;
  const bar =
    opts.progress === false
      ? null
      : new cliProgress.SingleBar(
          { format: 'igv sweep [{bar}] {percentage}% | {value}/{total} points | {eta_formatted} left', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
  const started = performance.now();
  let run;
  try {
    run = await runSweep({
      sweep,
      layouts,
      workers,
      ...(hours !== undefined ? { hours } : {}),
      onStart: (total) => bar?.start(total, 0),
      onPoint: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  mkdirSync(opts.out, { recursive: true });
  writeFileSync(join(opts.out, 'sweep.csv'), toCsv(run.rows));
  const baseline = layouts[0]?.scenario.baselineTonnesPerDay ?? 4_509;
  writeFileSync(join(opts.out, 'sweep.html'), renderSweepReport({ sweep, run, baselineTonnesPerDay: baseline, generatedBy: `igv sweep --file ${opts.file}${hours !== undefined ? ` --hours ${hours}` : ''}` }));
  const failed = run.rows.filter((r) => r.outcome === null);
  const skipped = run.skipped.map((s) => `${s.layout} × ${s.cranesPerSide} cranes/side`).join(', ');
  process.stdout.write(
    `igv sweep: ${sweep.name}: ${run.rows.length} points (${failed.length} failed${skipped ? `; skipped ${skipped}: more cranes than the map has` : ''})\n` +
      `${selectionSentence(run.selection, sweep.target, sweep.costs.unit)}\n` +
      `wrote ${['sweep.csv', 'sweep.html'].map((f) => relative('.', join(opts.out, f))).join(', ')}\n`,
  );
  process.stderr.write(`igv sweep: ${run.rows.length} points on ${Math.min(workers, Math.max(1, run.rows.length))} worker(s) in ${seconds.toFixed(1)} s wall time\n`);
  if (failed.length > 0) process.stderr.write(`igv sweep: ${failed.length} point(s) failed; first: point ${failed[0]!.point.index}: ${failed[0]!.error}\n`);
  return failed.length > 0 ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`igv sweep: ${message}\n`);
  return 1;
}
