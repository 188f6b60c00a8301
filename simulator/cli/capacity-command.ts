/**
 * `igv capacity --scenario FILE --baseline FILE`: the capacity study of facts §7.2 — C0 of the
 * calibrated as-is gate, C1 of the smart gate (IGV lane + traditional lane), their ratio per day
 * and per open hour, the smart-lane share, clearance against 4–6 h and the binding constraint.
 * Writes OUT/capacity.json (igv-capacity/1) and OUT/capacity.html; prints the answer.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenarioFile } from '../scenarios/load-scenario.ts';
import { loadAsIsScenario } from '../gate/as-is/as-is-scenario.ts';
import { runCapacityStudy, type CapacityStudy } from '../capacity/gate-capacity.ts';
import { renderCapacityReport } from '../capacity/capacity-report.ts';
import type { GateDemand, Scenario } from '../scenarios/scenario-schema.ts';

export interface CapacityCommandOptions {
  scenario: string;
  baseline: string;
  out: string;
  seeds: string;
  smartDays: string;
  queueDays: string;
  warmupDays: string;
  tolerance: string;
  criterion: string;
  progress?: boolean;
}

export function registerCapacityCommand(program: Command): void {
  program
    .command('capacity')
    .description('capacity study: C0 (as-is) and C1 (smart lane + traditional lane) by bisection on demand; does the gate reach 3×, and what limits it?')
    .requiredOption('--scenario <file>', 'smart scenario (igv-scenario/1 with gate demand), e.g. simulator/scenarios/smart-phase2.json')
    .requiredOption('--baseline <file>', 'as-is scenario (igv-as-is/1), e.g. simulator/scenarios/as-is-2025.json')
    .option('--out <dir>', 'output folder for capacity.json and capacity.html', 'run/capacity')
    .option('--seeds <list>', 'comma-separated seeds; a demand counts as sustainable only if every seed is', '1,2')
    .option('--smart-days <n>', 'simulated days per smart-lane run (the first half is warm-up)', '4')
    .option('--queue-days <n>', 'measured days of the as-is and traditional-lane runs (facts §7.2: 4 weeks)', '28')
    .option('--warmup-days <n>', 'warm-up days of the as-is and traditional-lane runs', '7')
    .option('--tolerance <x>', 'relative width of the final bracket of the smart-lane search', '0.05')
    .option('--criterion <c>', "'service': stable and smart lane P50 ≤ 4 h, P95 ≤ 6 h (P34); 'stable': queues only", 'service')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: CapacityCommandOptions) => {
      process.exitCode = await runCapacityCommand(opts);
    });
}

export async function runCapacityCommand(opts: CapacityCommandOptions): Promise<number> {
  const seeds = opts.seeds.split(',').map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => !Number.isSafeInteger(s))) return fail(`--seeds must be comma-separated integers, got [${opts.seeds}]`);
  const smartDays = intIn(opts.smartDays, 1, 60);
  const queueDays = intIn(opts.queueDays, 4, 120);
  const warmupDays = intIn(opts.warmupDays, 0, 60);
  const tolerance = Number(opts.tolerance);
  if (smartDays === null) return fail(`--smart-days must be an integer 1–60, got [${opts.smartDays}]`);
  if (queueDays === null) return fail(`--queue-days must be an integer 4–120, got [${opts.queueDays}]`);
  if (warmupDays === null) return fail(`--warmup-days must be an integer 0–60, got [${opts.warmupDays}]`);
  if (!(tolerance > 0 && tolerance < 1)) return fail(`--tolerance must be a fraction between 0 and 1, got [${opts.tolerance}]`);
  if (opts.criterion !== 'service' && opts.criterion !== 'stable') return fail(`--criterion must be 'service' or 'stable', got [${opts.criterion}]`);
  const loaded = await loadScenarioFile(opts.scenario);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`igv capacity: ${e}\n`);
    return 1;
  }
  if (loaded.scenario.demand.kind !== 'gate') return fail(`${opts.scenario}: the scenario's demand must be of kind 'gate' (trucks through the gate process), got '${loaded.scenario.demand.kind}'`);
  const baseline = await loadAsIsScenario(opts.baseline);
  if (!baseline.ok) {
    for (const e of baseline.errors) process.stderr.write(`igv capacity: ${e}\n`);
    return 1;
  }
  const bar =
    opts.progress === false
      ? null
      : new cliProgress.SingleBar(
          { format: 'igv capacity [{bar}] {value} runs | {what} | {last}', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
  bar?.start(40, 0, { what: 'C0 as-is', last: '' });
  let runs = 0;
  const started = performance.now();
  const study = await runCapacityStudy({
    scenario: loaded.scenario as Scenario & { demand: GateDemand },
    map: loaded.map,
    baseline: baseline.scenario,
    seeds,
    queueDays,
    queueWarmupDays: warmupDays,
    smartDays,
    requireService: opts.criterion === 'service',
    tolerance,
    onProgress: (what, p, f) => {
      if (p) runs++;
      const last = p ? `${p.record.multiplier.toFixed(3)}× ${p.record.stable ? 'stable' : 'unstable'}` : f !== undefined ? `simulating ${Math.round(f * 100)} %` : '';
      bar?.update(Math.min(runs, 40), { what, last });
    },
  });
  bar?.stop();
  mkdirSync(opts.out, { recursive: true });
  const command = `igv capacity --scenario ${opts.scenario} --baseline ${opts.baseline} --seeds ${seeds.join(',')} --criterion ${opts.criterion}`;
  writeFileSync(join(opts.out, 'capacity.json'), `${JSON.stringify(study, null, 2)}\n`);
  writeFileSync(join(opts.out, 'capacity.html'), renderCapacityReport(study, command));
  process.stdout.write(`${summary(study)}\nwrote ${relative('.', join(opts.out, 'capacity.json'))}, ${relative('.', join(opts.out, 'capacity.html'))} in ${Math.round((performance.now() - started) / 1000)} s\n`);
  return 0;
}

/** The answer in a few lines a planner can paste. */
export function summary(s: CapacityStudy): string {
  const f = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const smart = s.c1.lanes.smart.atC1;
  return [
    `igv capacity: ${s.scenario} vs ${s.baseline} (seeds ${s.seeds.join(',')})`,
    `  C0 as-is        ${f(s.c0.multiplier, 3)}× demand = ${f(s.c0.tonnesPerDay, 0)} t/day (${f(s.c0.openHoursPerDay, 1)} open h/day)`,
    `  C1 smart gate   ${f(s.c1.multiplier, 3)}× demand = ${f(s.c1.tonnesPerDay, 0)} t/day (24 h/day); smart lane alone ${f(s.c1.lanes.smart.multiplier, 3)}×, traditional lane alone ${f(s.c1.lanes.traditional?.multiplier ?? null, 3)}×`,
    `  C1/C0           ${f(s.ratio.perDay, 2)}× per day, ${f(s.ratio.perOpenHour, 2)}× per open hour; smart-lane share ${s.c1.smartLaneShare === null ? '–' : `${(s.c1.smartLaneShare * 100).toFixed(0)} %`}`,
    `  with overflow   ${f(s.withOverflow.ratioPerDay, 2)}× per day if pilot trucks may fall back to the traditional lane (bound from the two lane capacities)`,
    `  clearance at C1 smart lane P50 ${f(smart?.clearanceMinutes.p50 == null ? null : smart.clearanceMinutes.p50 / 60, 1)} h, P95 ${f(smart?.clearanceMinutes.p95 == null ? null : smart.clearanceMinutes.p95 / 60, 1)} h (target ≤ 4 h, ≤ 6 h)`,
    `  binding         ${s.c1.binding ? `${s.c1.binding.lane} lane: ${s.c1.binding.resource}` : 'not determined'}`,
    `  3× target       ${s.target.reached ? 'REACHED' : 'NOT reached'}`,
  ].join('\n');
}

function intIn(s: string, lo: number, hi: number): number | null {
  const n = Number(s);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : null;
}

function fail(message: string): number {
  process.stderr.write(`igv capacity: ${message}\n`);
  return 1;
}
