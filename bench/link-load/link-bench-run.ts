/**
 * The vehicle-link bench's coordinator: for each server mode (bare `ws`, our gateway) it forks a
 * fresh server process and a load-generator process, connects the links in batches, lets the
 * load run through a warm-up, measures a steady-state window on both sides at once, then stops
 * the load, lets messages in flight arrive, and compares what was sent with what was taken in.
 * Two cores: server and generator each get one; this process only waits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { machineBusyPercent, machineCpu, startChild, type BenchChild } from './ipc.ts';
import type { LinkMode, ServerTotals, ServerWindow } from './link-server.ts';
import type { GeneratorTotals, GeneratorWindow } from './load-generator.ts';
import { shift, type Summary } from './stats.ts';

export interface LinkBenchOptions {
  readonly links: number;
  /** Measured steady-state window, s. */
  readonly seconds: number;
  /** Load before the window opens (JIT, connection messages of every link), s. */
  readonly warmupSeconds: number;
  readonly modes: readonly LinkMode[];
  /** Links opened at a time while ramping up. */
  readonly batch?: number;
  readonly visualizationHz?: number;
  readonly stateHz?: number;
  /** Each link sends a `connection` ONLINE this often, s; its ack times the round trip. */
  readonly connectionEveryS?: number;
  /** Send slot width, ms: 1 spreads the sends evenly; 10 sends each tenth of the fleet's visualizations at once. */
  readonly slotMs?: number;
  readonly onProgress?: (line: string) => void;
}

export interface LinkBenchRow {
  readonly mode: LinkMode;
  readonly links: number;
  readonly seconds: number;
  /** Messages/s the generator sent in the window, all topics. */
  readonly offeredPerS: number;
  /** Messages/s the server took in during the window, all topics. */
  readonly achievedPerS: number;
  readonly statesPerS: number;
  /** Client send → state taken in (gateway: validated and translated), ms. */
  readonly ingest: Summary;
  /** `connection` → its ack, at the client, ms. */
  readonly ackRtt: Summary;
  /** Server CPU over the window, % of one core. */
  readonly serverCpuPct: number;
  readonly generatorCpuPct: number;
  /**
   * CPU the rest of the machine used in the window (not server, not generator), % of one core:
   * more than a few per cent means something else competed for the 2 cores and the figures suffer.
   */
  readonly othersCpuPct: number;
  readonly eventLoopP99Ms: number;
  readonly rssMiB: number;
  /** Server GC pauses in the window. */
  readonly gc: { count: number; major: number; totalMs: number; maxMs: number };
  readonly statesSent: number;
  readonly statesIngested: number;
  /** States sent but never taken in (must be 0). */
  readonly statesDropped: number;
  /** Messages the server refused, by link error type. */
  readonly refused: Record<string, number>;
  /** Errors the links received, keyed `errorType topic`. */
  readonly errorsReceived: Record<string, number>;
  readonly commandsDropped: Record<string, number>;
  readonly unexpectedCloses: number;
  readonly lateSlots: number;
  readonly stateBytes: number;
  readonly visualizationBytes: number;
  /** Clock offset corrected in `ingest` (server − generator), ms. */
  readonly clockOffsetMs: number;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

async function runCase(mode: LinkMode, o: LinkBenchOptions): Promise<LinkBenchRow> {
  const say = o.onProgress ?? (() => {});
  const children: BenchChild[] = [];
  try {
    const server = startChild(`${mode} server`, 'bench/link-load/link-server.ts');
    children.push(server);
    const gen = startChild('load generator', 'bench/link-load/load-generator.ts');
    children.push(gen);
    const { url } = await server.call<{ url: string }>('listen', { mode, links: o.links });
    const c = await gen.call<{ open: number; failed: number; ms: number }>('connect', { url, links: o.links, batch: o.batch ?? 50 });
    if (c.failed > 0) throw new Error(`${c.failed} of ${o.links} links failed to open`);
    say(`[${mode}] ${c.open} links open in ${(c.ms / 1000).toFixed(1)} s`);
    const offset = (await server.clockOffset()) - (await gen.clockOffset());
    await gen.call('run', { visualizationHz: o.visualizationHz ?? 10, stateHz: o.stateHz ?? 1, connectionEveryS: o.connectionEveryS ?? 5, slotMs: o.slotMs ?? 1 });
    say(`[${mode}] warming up ${o.warmupSeconds} s`);
    await sleep(o.warmupSeconds * 1000);
    await Promise.all([server.call('window-start'), gen.call('window-start')]);
    const machine = machineCpu();
    say(`[${mode}] measuring ${o.seconds} s`);
    await sleep(o.seconds * 1000);
    const machinePct = machineBusyPercent(machine);
    const [sw, gw] = await Promise.all([server.call<ServerWindow>('window-end'), gen.call<GeneratorWindow>('window-end')]);
    const gt = await gen.call<GeneratorTotals>('stop', { drainMs: 1500 });
    const st = await server.call<ServerTotals>('totals');
    await gen.call('close');
    await server.call('close').catch(() => undefined);
    const statesSent = gt.sent.state ?? 0;
    return {
      mode, links: o.links, seconds: sw.seconds,
      offeredPerS: sum(gw.sent) / gw.seconds,
      achievedPerS: sum(sw.accepted) / sw.seconds,
      statesPerS: (sw.accepted.state ?? 0) / sw.seconds,
      ingest: shift(sw.ingest, -offset),
      ackRtt: gw.ackRtt,
      serverCpuPct: sw.cpu.percent,
      generatorCpuPct: gw.cpu.percent,
      othersCpuPct: Math.max(0, machinePct - sw.cpu.percent - gw.cpu.percent),
      eventLoopP99Ms: sw.eventLoopP99Ms,
      rssMiB: sw.rssMiB,
      gc: sw.gc,
      statesSent,
      statesIngested: st.statesIngested,
      statesDropped: statesSent - st.statesIngested,
      refused: st.refused,
      errorsReceived: gt.errors,
      commandsDropped: st.commandsDropped,
      unexpectedCloses: gt.unexpectedCloses,
      lateSlots: gt.lateSlots,
      stateBytes: gt.stateBytes,
      visualizationBytes: gt.visualizationBytes,
      clockOffsetMs: offset,
    };
  } finally {
    await Promise.all(children.map((ch) => ch.stop()));
  }
}

/** Runs each mode in turn (never both at once: they would share the two cores). */
export async function runLinkBench(o: LinkBenchOptions): Promise<LinkBenchRow[]> {
  const rows: LinkBenchRow[] = [];
  for (const mode of o.modes) rows.push(await runCase(mode, o));
  return rows;
}
