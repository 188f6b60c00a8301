/**
 * `npm run bench`: runs every suite, prints its table, and rewrites bench/RESULTS.md with the
 * machine, date, Node version and command of each table. Benchmarks report; tests never assert
 * timings. `--only a,b` runs a subset for development and leaves RESULTS.md alone (see --help).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { runTickCase, tickCases, type TickRow } from './tick-time.ts';
import { runSimSpeed, type SimSpeedRow } from './sim-speed.ts';
import type { LinkBenchRow } from './link-load/link-bench-run.ts';
import type { IocBenchRow } from './link-load/ioc-bench-run.ts';
import { FULL, QUICK } from './mapf/cases.ts';
import { runTs } from './mapf/child-run.ts';
import { checkData } from './mapf/instances.ts';
import { machineLine } from './mapf/machine.ts';
import { createSuiteProgress } from './mapf/progress.ts';
import { fx, lifelongNotes, lifelongSummary, lifelongTable, microNotes, microTable, oneShotNotes, oneShotSummary, oneShotTable } from './mapf/render.ts';
import { runLifelong, runMicro, runOneShot } from './mapf/run-suites.ts';

const SUITES = ['tick', 'sim', 'mapf-one-shot', 'mapf-lifelong', 'micro', 'vehicle-link', 'ioc-fanout'] as const;
type Suite = (typeof SUITES)[number];

const program = new Command('run-all')
  .description('Run every benchmark suite and rewrite bench/RESULTS.md (npm run bench).')
  .option('--only <suites>', `comma-separated subset of ${SUITES.join(', ')}; prints the tables, does not touch RESULTS.md`, (v: string) => {
    const items = v.split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of items) if (!SUITES.includes(s as Suite)) throw new InvalidArgumentError(`unknown suite "${s}"; one of ${SUITES.join(', ')}`);
    return items as Suite[];
  })
  .option('--quick', 'smoke settings for the MAPF and live-gate suites; does not touch RESULTS.md')
  .option('--out <file>', 'write the results to this file instead (any run, also partial or quick)')
  .addHelpText('after', '\nA full run (no --only, no --quick) takes about 5 min on the 2-core machine; run nothing else meanwhile.');
program.parse();
const opts = program.opts<{ only?: Suite[]; quick?: boolean; out?: string }>();
const suites: readonly Suite[] = opts.only ?? SUITES;
const here = dirname(fileURLToPath(import.meta.url));
const target = opts.out ?? (opts.only || opts.quick ? null : join(here, 'RESULTS.md'));
const started = performance.now();
const bar = new cliProgress.SingleBar({ format: '{suite} [{bar}] {percentage}% {value}/{total}', noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr }, cliProgress.Presets.shades_classic);
const progress = createSuiteProgress();

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
const ms = (x: number) => x.toFixed(2);
const minutes = (msTotal: number) => (msTotal < 60_000 ? `${Math.round(msTotal / 1000)} s` : `${(msTotal / 60_000).toFixed(1)} min`);

const date = new Date().toISOString().slice(0, 10);
const sections: string[] = [];
const section = (title: string, text: string, t0: number) => {
  console.log(`\n${title}\n${text}\n`);
  sections.push(`## ${title}\n\n${text}\n\nSuite wall time: ${minutes(performance.now() - t0)}.`);
};

if ((suites.includes('mapf-one-shot') || suites.includes('mapf-lifelong')) && checkData()) {
  console.error(`run-all: ${checkData()}`);
  process.exit(1);
}
const mapf = opts.quick ? QUICK : FULL;

// Suite 1: engine tick time vs fleet size.
if (suites.includes('tick')) {
  const t0 = performance.now();
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
  section('Engine tick time vs fleet size', `Command: \`npm run bench\` (suite \`bench/tick-time.ts\`). \`step()\` alone is timed (virtual vehicles excluded) with 100 ms ticks after a warm-up, the fleet placed densely and fed a steady stream of orders. Targets (issue 3): ≤ 1 ms median at 200 IGVs, ≤ 10 ms at 2,000.\n\n${tickTable}`, t0);
}

// Suite 2: simulation speed.
if (suites.includes('sim')) {
  const t0 = performance.now();
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
  section('Simulation speed', `Command: \`npm run bench\` (suite \`bench/sim-speed.ts\`). A whole headless run of the scenario (1 s ticks, virtual vehicles, KPIs; trace off), seed 1. Targets (issue 4): 24 h of the phase-2 smart scenario in ≤ 10 s; the 7-day soak (phase 2, 2× demand, faults) in ≤ 60 s. The smart and soak runs include the traditional lane's queueing model (its warm-up weeks too).\n\n${simTable}`, t0);
}

// Suites 3–5: MAPF on the MovingAI benchmark (bench/mapf/).
const mapfCommand = (only: string) => `Command: \`npm run bench\`; alone: \`node bin/run-ts.mjs bench/mapf-bench.ts --only ${only}${opts.quick ? ' --quick' : ''}\`.`;
if (suites.includes('mapf-one-shot')) {
  const t0 = performance.now();
  const r = await runOneShot(mapf, progress);
  section('MAPF one-shot (MovingAI benchmark)', `${mapfCommand('one-shot')} ${oneShotNotes(mapf)}\n\n${oneShotTable(r.rows)}\n\n${oneShotSummary(r.rows, r.runs, mapf.timeLimitMs)}`, t0);
}
if (suites.includes('mapf-lifelong')) {
  const t0 = performance.now();
  const r = await runLifelong(mapf, progress);
  section('MAPF lifelong throughput', `${mapfCommand('lifelong')} ${lifelongNotes(mapf)}\n\n${lifelongTable(r.rows)}\n\n${lifelongSummary(r.rows)}`, t0);
}
if (suites.includes('micro')) {
  const t0 = performance.now();
  const rows = runMicro(mapf, progress);
  section('Micro-benchmarks (benchmark.js)', `${mapfCommand('micro')} ${microNotes(mapf)}\n\n${microTable(rows)}`, t0);
}

// Suites 6–7: the live gate's WebSocket benches (issue 5), whole processes with JSON output.
async function liveBench<T>(name: string, script: string, args: string[], render: (rows: T) => string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const json = join(dir, 'rows.json');
  const command = `node bin/run-ts.mjs ${script} ${args.join(' ')} --json FILE`;
  try {
    console.error(`${name}: ${command}`);
    const child = await runTs(script, [...args, '--json', json], { onStderrLine: (l) => console.error(`  [${name}] ${l}`) });
    let rows: T;
    try {
      rows = JSON.parse(readFileSync(json, 'utf8')) as T;
    } catch {
      return `Command: \`${command}\` (run by \`npm run bench\`). **Failed** (exit ${child.code}): ${child.stderr.trim().split('\n').slice(-3).join(' / ')}`;
    }
    const exit = child.code === 0 ? '' : ` The bench exited with code ${child.code}.`;
    return `Command: \`${command}\` (run by \`npm run bench\`; the table is rendered from its JSON).${exit}\n\n${render(rows)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const linkArgs = opts.quick ? ['--quick'] : ['--links', '1000', '--seconds', '30'];
if (suites.includes('vehicle-link')) {
  const t0 = performance.now();
  const text = await liveBench<LinkBenchRow[]>('vehicle-link', 'bench/vehicle-link-bench.ts', linkArgs, (rows) => {
    const t = table(
      ['server', 'links', 'offered msg/s', 'achieved msg/s', 'states/s', 'ingest p50 ms', 'ingest p99 ms', 'ack RTT p99 ms', 'server CPU % of a core', 'event-loop p99 ms', 'states sent', 'states dropped', 'refused', "other processes' CPU %"],
      rows.map((r) => [r.mode === 'bare' ? 'bare ws' : 'gateway', r.links, Math.round(r.offeredPerS), Math.round(r.achievedPerS), Math.round(r.statesPerS), fx(r.ingest.p50), fx(r.ingest.p99), fx(r.ackRtt.p99), fx(r.serverCpuPct, 1), fx(r.eventLoopP99Ms), r.statesSent, r.statesDropped, Object.values(r.refused).reduce((a, b) => a + b, 0), fx(r.othersCpuPct, 1)]),
    );
    const bare = rows.find((r) => r.mode === 'bare');
    const gw = rows.find((r) => r.mode === 'gateway');
    const ratio = bare && gw ? `\n\nGateway / bare: CPU ×${fx(gw.serverCpuPct / bare.serverCpuPct)}, ingest p99 ×${fx(gw.ingest.p99 / bare.ingest.p99)}, ack RTT p99 ×${fx(gw.ackRtt.p99 / bare.ackRtt.p99)}. Targets (issue 5): gateway p99 ingest < 10 ms, gateway CPU ≤ 2× the bare server's, no dropped state messages.` : '';
    const noisy = rows.filter((r) => r.othersCpuPct > 10).map((r) => `\n\nWARNING (${r.mode}): other processes used ${fx(r.othersCpuPct, 1)} % of a core during the window; the machine was not quiet.`).join('');
    return `Each link sends 1 Hz state + 10 Hz visualization (+ a \`connection\` every 5 s for the ack round trip); each server runs in its own process, the load generator in another, over loopback.\n\n${t}${ratio}${noisy}`;
  });
  section('Vehicle links (VDA 5050 over WebSocket)', text, t0);
}
const iocArgs = opts.quick ? ['--quick'] : ['--clients', '100', '--vehicles', '200', '--seconds', '20'];
if (suites.includes('ioc-fanout')) {
  const t0 = performance.now();
  const text = await liveBench<IocBenchRow>('ioc-fanout', 'bench/ioc-fanout-bench.ts', iocArgs, (r) => {
    const t = table(
      ['clients', 'IGVs (moving)', 'versions/s', 'patches/s per client', 'lag p50 ms', 'lag p99 ms', 'first-client lag p99 ms', 'server CPU % of a core', 'engine ms/tick p50', 'feed+fan-out ms/tick p50 / p99', 'MB/s to clients', 'KB per patch', 'mirrors equal'],
      [[r.clients, `${r.vehicles} (${r.movingVehicles})`, fx(r.versionsPerS, 1), fx(r.patchesPerClientPerS, 1), fx(r.lag.p50), fx(r.lag.p99), fx(r.firstLag.p99), fx(r.serverCpuPct, 1), fx(r.engineMs.p50), `${fx(r.feedMs.p50)} / ${fx(r.feedMs.p99)}`, fx(r.bytesPerS / 1e6), fx(r.bytesPerPatch / 1024, 1), `${r.mirrorsEqual}/${r.clients}`]],
    );
    return `A live gate (phase-2 map, 100 ms ticks, IGVs kept busy) fans its feed out to IOC clients over WebSockets, each keeping a mirror; server and clients in separate processes. Lag = hub publish → client mirror applied.\n\n${t}\n\nWindow ${fx(r.seconds, 0)} s; clients' CPU ${fx(r.clientsCpuPct, 1)} %; other processes' CPU ${fx(r.othersCpuPct, 1)} %; coalesced versions ${r.coalesced}; resyncs ${r.resyncs}; unexpected closes ${r.unexpectedCloses}.`;
  });
  section('IOC fan-out (WebSocket feed)', text, t0);
}

const wall = performance.now() - started;
console.error(`run-all: ${suites.length} suite(s) in ${minutes(wall)}`);
if (target !== null) {
  const what = opts.only || opts.quick ? `Partial run (\`npm run bench -- ${process.argv.slice(2).join(' ')}\`)` : `Rewritten by \`npm run bench\` (whole run: ${minutes(wall)})`;
  const text = `# Benchmark results\n\nMachine: ${machineLine()}. Date: ${date}. Node ${process.version}.\n${what}; figures vary by a few per cent between runs on this 2-core machine.\n\n${sections.join('\n\n')}\n`;
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
