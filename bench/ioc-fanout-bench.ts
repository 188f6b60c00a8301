/**
 * IOC fan-out bench (issue 5): a live-ticking gate (headless run of the phase-2 map, 10 Hz) fans
 * its feed out to N IOC clients over real WebSockets, each keeping a mirror. Prints patch rate
 * per client, publish → apply lag, server CPU, bytes/s, and whether every mirror ended equal to
 * the hub.
 *
 * usage: node bin/run-ts.mjs bench/ioc-fanout-bench.ts [--clients 100] [--seconds 20] [--quick]
 */
import { positive, positiveInt } from './cli-args.ts';
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { runIocBench, type IocBenchRow } from './link-load/ioc-bench-run.ts';
import { fmt, markdownTable } from './link-load/stats.ts';


const program = new Command('ioc-fanout-bench')
  .description('Measure the IOC feed fan-out: N clients with mirrors on a gate ticking at 10 Hz.')
  .option('--clients <n>', 'IOC clients', positiveInt, 100)
  .option('--vehicles <n>', 'IGVs on the phase-2 map (kept busy with orders)', positiveInt, 200)
  .option('--seconds <s>', 'measured steady-state window, s', positive, 20)
  .option('--warmup <s>', 'feed before the window opens, s', positive, 3)
  .option('--quick', 'smoke run: 10 clients, 50 vehicles, 1 s warm-up, 3 s window')
  .option('--json <file>', 'also write the row as JSON to this file')
  .addHelpText('after', `
The feed server (engine + virtual vehicles + feed pipeline + IOC sockets) runs in one process,
the clients in another (the machine has 2 cores). Lag: hub publish → client mirror applied;
the clients' process parses and applies each version for its clients one after another, so the
first client's lag is also shown (server + loopback only).
At the end the ticks stop, every mirror catches up, and its digest is compared with the hub's.`);

program.parse();
const opts = program.opts<{ clients: number; vehicles: number; seconds: number; warmup: number; quick?: boolean; json?: string }>();
const o = opts.quick
  ? { clients: 10, vehicles: 50, seconds: 3, warmupSeconds: 1 }
  : { clients: opts.clients, vehicles: opts.vehicles, seconds: opts.seconds, warmupSeconds: opts.warmup };

function report(r: IocBenchRow): string {
  const table = markdownTable(
    ['clients', 'IGVs (moving)', 'versions/s', 'patches/s per client', 'lag p50 ms', 'lag p99 ms', 'first-client lag p99 ms', 'server CPU % of a core', 'engine ms/tick p50', 'feed+fan-out ms/tick p50 / p99', 'MB/s to clients', 'KB per patch', 'mirrors equal'],
    [[
      r.clients, `${r.vehicles} (${r.movingVehicles})`, fmt(r.versionsPerS), fmt(r.patchesPerClientPerS), fmt(r.lag.p50, 2), fmt(r.lag.p99, 2), fmt(r.firstLag.p99, 2), fmt(r.serverCpuPct),
      fmt(r.engineMs.p50, 2), `${fmt(r.feedMs.p50, 2)} / ${fmt(r.feedMs.p99, 2)}`, fmt(r.bytesPerS / 1e6, 2), fmt(r.bytesPerPatch / 1024), `${r.mirrorsEqual}/${r.clients}`,
    ]],
  );
  return [
    table,
    `window ${fmt(r.seconds)} s; clients' CPU ${fmt(r.clientsCpuPct)} %; other processes' CPU ${fmt(r.othersCpuPct)} %; server event-loop lag p99 ${fmt(r.eventLoopP99Ms)} ms; lag max ${fmt(r.lag.max, 2)} ms; ` +
      `versions coalesced into a later patch ${r.coalesced}; snapshots ${r.snapshots}; resyncs ${r.resyncs}; sends deferred (buffer full) ${r.deferred}; ` +
      `unexpected closes ${r.unexpectedCloses}; final version ${r.finalVersion}, digest ${r.digest}`,
    ...(r.othersCpuPct > 10 ? [`WARNING: other processes used ${fmt(r.othersCpuPct)} % of a core during the window; the machine was not quiet, rerun for clean figures`] : []),
  ].join('\n');
}

try {
  const row = await runIocBench({ ...o, onProgress: (l) => console.error(l) });
  console.log(`\nIOC fan-out: ${o.clients} clients, ${o.vehicles} IGVs, 100 ms ticks, ${o.seconds} s window\n`);
  console.log(report(row));
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(row, null, 2)}\n`);
  if (row.mirrorsEqual !== row.clients) process.exitCode = 1;
} catch (err) {
  console.error(`ioc-fanout-bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
