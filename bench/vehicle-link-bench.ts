/**
 * Vehicle-link bench (issue 5): N links at 1 Hz state + 10 Hz visualization (+ a `connection`
 * every 5 s for the ack round trip) against our gateway and against a bare `ws` server on the
 * same load, each in its own process, the load from a third. Prints one row per server and the
 * gateway/bare ratios.
 *
 * usage: node bin/run-ts.mjs bench/vehicle-link-bench.ts [--links 1000] [--seconds 20] [--quick]
 */
import { positive, positiveInt } from './cli-args.ts';
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { runLinkBench, type LinkBenchRow } from './link-load/link-bench-run.ts';
import type { LinkMode } from './link-load/link-server.ts';
import { fmt, markdownTable } from './link-load/stats.ts';


const program = new Command('vehicle-link-bench')
  .description('Measure the vehicle link (VDA 5050 over WebSocket) under load: achieved rate, ingest latency, ack round trip and server CPU of our gateway beside a bare ws server.')
  .option('--links <n>', 'vehicle links', positiveInt, 1000)
  .option('--seconds <s>', 'measured steady-state window, s', positive, 20)
  .option('--warmup <s>', 'load before the window opens, s', positive, 5)
  .option('--mode <mode>', 'which servers: both, bare or gateway', 'both')
  .option('--state-hz <hz>', 'states per link per second', positive, 1)
  .option('--viz-hz <hz>', 'visualization messages per link per second', positive, 10)
  .option('--slot-ms <ms>', 'send slot width: 1 = sends spread evenly, 10 = bursts of a tenth of the fleet', positive, 1)
  .option('--quick', 'smoke run: 100 links, 2 s warm-up, 5 s window')
  .option('--json <file>', 'also write the rows as JSON to this file')
  .addHelpText('after', `
Each server runs in its own process, the load generator in another (the machine has 2 cores),
connected over loopback. The gateway is the real vehicle-link hub (zod validation, identity,
headerId and rate checks, acks) with the real vehicle-link logic over a live gate ticking every
100 ms; the commands the logic produces are counted and dropped (the engine is not measured).
Ingest latency: client send → state validated and translated (gateway) or JSON-parsed (bare).`);

program.parse();
const opts = program.opts<{ links: number; seconds: number; warmup: number; mode: string; stateHz: number; vizHz: number; slotMs: number; quick?: boolean; json?: string }>();

function fail(message: string): never {
  console.error(`vehicle-link-bench: ${message}`);
  process.exit(1);
}

const modes: LinkMode[] = opts.mode === 'both' ? ['bare', 'gateway'] : opts.mode === 'bare' || opts.mode === 'gateway' ? [opts.mode] : fail(`--mode must be both, bare or gateway, not ${opts.mode}`);
const links = opts.quick ? 100 : opts.links;
const seconds = opts.quick ? 5 : opts.seconds;
const warmupSeconds = opts.quick ? 2 : opts.warmup;

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function report(rows: readonly LinkBenchRow[]): string {
  const table = markdownTable(
    ['server', 'links', 'offered msg/s', 'achieved msg/s', 'states/s', 'ingest p50 ms', 'ingest p99 ms', 'ack RTT p99 ms', 'server CPU % of a core', 'event-loop p99 ms', 'states sent', 'states dropped', 'refused'],
    rows.map((r) => [
      r.mode === 'bare' ? 'bare ws' : 'gateway', r.links, Math.round(r.offeredPerS), Math.round(r.achievedPerS), Math.round(r.statesPerS),
      fmt(r.ingest.p50, 2), fmt(r.ingest.p99, 2), fmt(r.ackRtt.p99, 2), fmt(r.serverCpuPct), fmt(r.eventLoopP99Ms), r.statesSent, r.statesDropped, total(r.refused),
    ]),
  );
  const lines = [table];
  const bare = rows.find((r) => r.mode === 'bare');
  const gw = rows.find((r) => r.mode === 'gateway');
  if (bare && gw) {
    lines.push('', `gateway / bare: CPU ×${fmt(gw.serverCpuPct / bare.serverCpuPct, 2)}, ingest p99 ×${fmt(gw.ingest.p99 / bare.ingest.p99, 2)}, ack RTT p99 ×${fmt(gw.ackRtt.p99 / bare.ackRtt.p99, 2)}`);
  }
  for (const r of rows) {
    const extra = [
      `window ${fmt(r.seconds)} s`, `generator CPU ${fmt(r.generatorCpuPct)} %`, `other processes' CPU ${fmt(r.othersCpuPct)} %`, `server RSS ${fmt(r.rssMiB, 0)} MiB`, `server GC pauses ${r.gc.count} (${r.gc.major} major; ${fmt(r.gc.totalMs, 0)} ms in all, longest ${fmt(r.gc.maxMs)} ms)`, `ingest p99.9 ${fmt(r.ingest.p999)} ms, max ${fmt(r.ingest.max)} ms`,
      `state ${r.stateBytes} B, visualization ${r.visualizationBytes} B`, `late generator slots ${r.lateSlots}`, `unexpected closes ${r.unexpectedCloses}`,
      `clock offset corrected ${fmt(r.clockOffsetMs, 3)} ms`,
    ];
    if (total(r.errorsReceived) > 0) extra.push(`errors received ${JSON.stringify(r.errorsReceived)}`);
    if (r.mode === 'gateway') extra.push(`commands counted and dropped ${JSON.stringify(r.commandsDropped)}`);
    lines.push(`${r.mode}: ${extra.join('; ')}`);
    if (r.othersCpuPct > 10) lines.push(`WARNING (${r.mode}): other processes used ${fmt(r.othersCpuPct)} % of a core during the window; the machine was not quiet, rerun for clean figures`);
  }
  return lines.join('\n');
}

try {
  const rows = await runLinkBench({ links, seconds, warmupSeconds, modes, stateHz: opts.stateHz, visualizationHz: opts.vizHz, slotMs: opts.slotMs, onProgress: (l) => console.error(l) });
  console.log(`\nVehicle links: ${links} links × (${opts.stateHz} Hz state + ${opts.vizHz} Hz visualization + connection every 5 s), sends in ${opts.slotMs} ms slots, ${seconds} s window\n`);
  console.log(report(rows));
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(rows, null, 2)}\n`);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
