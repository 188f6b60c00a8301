/**
 * `npm run bench`: runs every suite, prints its table, and rewrites bench/RESULTS.md with the
 * machine, date, Node version and command of each table. Benchmarks report; tests never assert
 * timings.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { runTickCase, tickCases, type TickRow } from './tick-time.ts';
import { runSimSpeed, type SimSpeedRow } from './sim-speed.ts';

const here = dirname(fileURLToPath(import.meta.url));
const bar = new cliProgress.SingleBar({ format: '{suite} [{bar}] {percentage}% {value}/{total}', noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr }, cliProgress.Presets.shades_classic);

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
const ms = (x: number) => x.toFixed(2);

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}`;
const date = new Date().toISOString().slice(0, 10);
const sections: string[] = [];

// Suite 1: engine tick time vs fleet size.
const cases = tickCases();
const tickRows: TickRow[] = [];
bar.start(cases.length, 0, { suite: 'tick time' });
for (const c of cases) {
  tickRows.push(runTickCase(c));
  bar.increment();
}
bar.stop();
const tickTable = table(
  ['map', 'IGVs', 'cells', 'ticks timed', 'median ms', 'p99 ms', 'mean ms'],
  tickRows.map((r) => [r.case, r.vehicles, r.cells, r.ticks, ms(r.medianMs), ms(r.p99Ms), ms(r.meanMs)]),
);
console.log(`\nEngine tick time (step() only, 100 ms ticks, fleet busy with orders)\n${tickTable}\n`);
sections.push(`## Engine tick time vs fleet size\n\nCommand: \`npm run bench\` (suite \`bench/tick-time.ts\`). \`step()\` alone is timed (virtual vehicles excluded) with 100 ms ticks after a warm-up, the fleet placed densely and fed a steady stream of orders. Targets (issue 3): ≤ 1 ms median at 200 IGVs, ≤ 10 ms at 2,000.\n\n${tickTable}`);

// Suite 2: simulation speed.
const simRows: SimSpeedRow[] = [];
for (const [name, hours] of [['smoke-phase1', 24], ['smoke-phase2', 24], ['smart-phase1', 24], ['smart-phase2', 24], ['soak-phase2-7d', 168]] as const) {
  bar.start(hours, 0, { suite: `sim ${name}` });
  simRows.push(runSimSpeed(name, hours, (done) => bar.update(Math.round(done / 360_000) / 10)));
  bar.stop();
}
const simTable = table(
  ['scenario', 'simulated h', 'IGVs', 'wall s', 'simulated h per wall s', 'vehicle-updates per s', 'delivered'],
  simRows.map((r) => [r.scenario, r.hours, r.vehicles, r.wallS.toFixed(1), r.simHoursPerWallS.toFixed(2), Math.round(r.vehicleUpdatesPerS), r.delivered]),
);
console.log(`\nSimulation speed (1 s ticks, whole headless run incl. virtual vehicles, trace off)\n${simTable}\n`);
sections.push(`## Simulation speed\n\nCommand: \`npm run bench\` (suite \`bench/sim-speed.ts\`). A whole headless run of the scenario (1 s ticks, virtual vehicles, KPIs; trace off), seed 1. Targets (issue 4): 24 h of the phase-2 smart scenario in ≤ 10 s; the 7-day soak (phase 2, 2× demand, faults) in ≤ 60 s. The smart and soak runs include the traditional lane's queueing model (its warm-up weeks too).\n\n${simTable}`);

const text = `# Benchmark results\n\nMachine: ${machine}. Date: ${date}. Node ${process.version}.\nRewritten by \`npm run bench\`; figures vary by a few per cent between runs on this 2-core machine.\n\n${sections.join('\n\n')}\n`;
writeFileSync(join(here, 'RESULTS.md'), text);
console.log(`wrote ${join('bench', 'RESULTS.md')}`);
