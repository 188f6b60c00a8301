/**
 * `igv sim --scenario FILE --seed N --out DIR [--hours H] [--trace]`: runs a headless
 * simulation and writes DIR/kpis.json (igv-kpis/1), DIR/report.html and, with --trace,
 * DIR/trace.jsonl (igv-trace/1). Exit 0 on a completed run.
 */
import type { Command } from 'commander';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenarioFile } from '../scenarios/load-scenario.ts';
import { runSimulation } from '../run-sim.ts';
import { renderReport } from '../report/render-report.ts';

export interface SimCommandOptions {
  scenario: string;
  seed: string;
  out: string;
  hours?: string;
  trace?: boolean;
  progress?: boolean;
}

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('run a headless simulation of a scenario; writes kpis.json, report.html and optionally trace.jsonl')
    .requiredOption('--scenario <file>', 'igv-scenario/1 JSON file')
    .requiredOption('--seed <n>', 'random seed (integer)')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--hours <h>', 'simulated hours (default: the scenario duration)')
    .option('--trace', 'also write trace.jsonl (igv-trace/1)')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: SimCommandOptions) => {
      process.exitCode = await runSimCommand(opts);
    });
}

export async function runSimCommand(opts: SimCommandOptions): Promise<number> {
  const seed = Number(opts.seed);
  if (!Number.isSafeInteger(seed)) return fail(`--seed must be an integer, got [${opts.seed}]`);
  const hours = opts.hours === undefined ? undefined : Number(opts.hours);
  if (hours !== undefined && !(hours > 0 && hours <= 24 * 400)) return fail(`--hours must be a number of hours > 0, got [${opts.hours}]`);
  const loaded = await loadScenarioFile(opts.scenario);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`igv sim: ${e}\n`);
    return 1;
  }
  mkdirSync(opts.out, { recursive: true });
  const tracePath = join(opts.out, 'trace.jsonl');
  const traceFd = opts.trace ? openSync(tracePath, 'w') : null;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    if (traceFd === null || buffer.length === 0) return;
    writeSync(traceFd, buffer.join(''));
    buffer = [];
    buffered = 0;
  };
  const bar = opts.progress === false ? null : new cliProgress.SingleBar(
    { format: 'igv sim [{bar}] {percentage}% | {value}/{total} simulated h | {eta_formatted} left', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const total = hours ?? loaded.scenario.durationHours;
  bar?.start(Math.round(total * 10) / 10, 0);
  try {
    const result = runSimulation({
      scenario: loaded.scenario,
      map: loaded.map,
      seed,
      ...(hours !== undefined ? { hours } : {}),
      ...(traceFd !== null
        ? {
            trace: (line: string) => {
              buffer.push(line, '\n');
              buffered += line.length + 1;
              if (buffered > 1 << 20) flush();
            },
          }
        : {}),
      onProgress: (simMs) => bar?.update(Math.round(simMs / 360_000) / 10),
      wallClock: () => performance.now(),
    });
    flush();
    bar?.update(Math.round(total * 10) / 10);
    bar?.stop();
    const kpis = { ...result.kpis, digest: result.digest, engineFaults: result.faults.length };
    writeFileSync(join(opts.out, 'kpis.json'), `${JSON.stringify(kpis, null, 2)}\n`);
    writeFileSync(join(opts.out, 'report.html'), renderReport({ kpis: result.kpis, collected: result.collected, scenario: loaded.scenario, generatedBy: `igv sim --seed ${seed}` }));
    const k = result.kpis;
    process.stdout.write(
      `igv sim: ${loaded.scenario.name}, seed ${seed}, ${k.simulatedHours} h, ${k.vehicles} IGVs: ` +
        `${k.orders.delivered}/${k.orders.created} orders delivered, ${k.throughput.tonnesPerDay} t/day ` +
        `(${k.capacity.multiple}× the ${k.capacity.baselineTonnesPerDay} t/day baseline), clearance P50 ${k.clearanceMinutes.p50 ?? '–'} min, ` +
        `bottleneck ${k.capacity.bottleneck}; ${k.simSpeed.realtimeFactor}× real time\n` +
        `wrote ${['kpis.json', 'report.html', ...(traceFd !== null ? ['trace.jsonl'] : [])].map((f) => relative('.', join(opts.out, f))).join(', ')}\n`,
    );
    if (result.faults.length > 0) process.stderr.write(`igv sim: ${result.faults.length} engine fault(s); first: ${result.faults[0]!.message}\n`);
    return result.faults.length > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    if (traceFd !== null) closeSync(traceFd);
  }
}

function fail(message: string): number {
  process.stderr.write(`igv sim: ${message}\n`);
  return 1;
}
