/**
 * The IOC fan-out bench's coordinator: a feed server process (a live-ticking headless run at
 * 10 Hz through the real feed pipeline and IOC sockets) and a clients process (N mirrors over
 * real WebSockets). Measures a steady-state window, then stops the ticks, lets every mirror
 * catch up and compares each mirror's digest with the hub's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { machineBusyPercent, machineCpu, startChild, type BenchChild } from './ipc.ts';
import type { IocServerFinal, IocServerWindow } from './ioc-server.ts';
import type { ClientsWindow } from './ioc-clients.ts';
import type { Summary } from './stats.ts';

export interface IocBenchOptions {
  readonly clients: number;
  readonly vehicles: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly onProgress?: (line: string) => void;
}

export interface IocBenchRow {
  readonly clients: number;
  readonly vehicles: number;
  readonly movingVehicles: number;
  readonly seconds: number;
  /** Hub versions published per second (one per 100 ms tick that changed anything). */
  readonly versionsPerS: number;
  /** Patches (and snapshots) applied per client per second. */
  readonly patchesPerClientPerS: number;
  /** Hub publish → client mirror applied, ms, every client and version. */
  readonly lag: Summary;
  /**
   * The same for the first client to apply each version. All clients share one process, which
   * parses and applies a version for them one after another: `lag` includes that queue, this not.
   */
  readonly firstLag: Summary;
  /** Versions a client never saw on their own because it got them coalesced into a later patch. */
  readonly coalesced: number;
  readonly serverCpuPct: number;
  readonly clientsCpuPct: number;
  /** CPU the rest of the machine used in the window, % of one core (see LinkBenchRow.othersCpuPct). */
  readonly othersCpuPct: number;
  readonly engineMs: Summary;
  readonly feedMs: Summary;
  readonly eventLoopP99Ms: number;
  /** Bytes/s received by all clients together. */
  readonly bytesPerS: number;
  readonly bytesPerPatch: number;
  readonly snapshots: number;
  readonly resyncs: number;
  readonly deferred: number;
  readonly finalVersion: number;
  readonly digest: string;
  /** Mirrors whose digest equals the hub's at the end (must be all). */
  readonly mirrorsEqual: number;
  readonly unexpectedCloses: number;
}

export async function runIocBench(o: IocBenchOptions): Promise<IocBenchRow> {
  const say = o.onProgress ?? (() => {});
  const children: BenchChild[] = [];
  try {
    const server = startChild('IOC server', 'bench/link-load/ioc-server.ts');
    children.push(server);
    const fan = startChild('IOC clients', 'bench/link-load/ioc-clients.ts');
    children.push(fan);
    const { url } = await server.call<{ url: string }>('listen', { vehicles: o.vehicles });
    await fan.call('connect', { url, clients: o.clients });
    say(`[ioc] ${o.clients} clients connected; ${o.vehicles} vehicles; warming up ${o.warmupSeconds} s`);
    const offsetMs = (await fan.clockOffset()) - (await server.clockOffset());
    await sleep(o.warmupSeconds * 1000);
    await Promise.all([server.call('window-start'), fan.call('window-start')]);
    const machine = machineCpu();
    say(`[ioc] measuring ${o.seconds} s`);
    await sleep(o.seconds * 1000);
    const machinePct = machineBusyPercent(machine);
    const [sw, cw] = await Promise.all([server.call<IocServerWindow>('window-end'), fan.call<ClientsWindow>('window-end')]);
    const fin = await server.call<IocServerFinal>('finish');
    const settled = await fan.call<{ mirrors: { version: number; digest: string }[]; unexpectedCloses: number }>('settle', { version: fin.version, timeoutMs: 10_000 });
    const { lag, firstLag, coalesced } = await fan.call<{ lag: Summary; firstLag: Summary; coalesced: number }>('lags', { publishedAt: fin.publishedAt, offsetMs });
    await fan.call('close').catch(() => undefined);
    await server.call('close').catch(() => undefined);
    const applied = (cw.messages.patch ?? 0) + (cw.messages.snapshot ?? 0);
    return {
      clients: o.clients, vehicles: fin.vehicles, movingVehicles: sw.movingVehicles, seconds: sw.seconds,
      versionsPerS: sw.versions / sw.seconds,
      patchesPerClientPerS: applied / o.clients / cw.seconds,
      lag, firstLag, coalesced,
      serverCpuPct: sw.cpu.percent, clientsCpuPct: cw.cpu.percent,
      othersCpuPct: Math.max(0, machinePct - sw.cpu.percent - cw.cpu.percent),
      engineMs: sw.engineMs, feedMs: sw.feedMs, eventLoopP99Ms: sw.eventLoopP99Ms,
      bytesPerS: cw.bytes / cw.seconds,
      bytesPerPatch: applied > 0 ? cw.bytes / applied : 0,
      snapshots: fin.clients.reduce((n, c) => n + c.snapshots, 0),
      resyncs: cw.resyncs,
      deferred: fin.clients.reduce((n, c) => n + c.deferred, 0),
      finalVersion: fin.version,
      digest: fin.digest,
      mirrorsEqual: settled.mirrors.filter((m) => m.version === fin.version && m.digest === fin.digest).length,
      unexpectedCloses: settled.unexpectedCloses,
    };
  } finally {
    await Promise.all(children.map((ch) => ch.stop()));
  }
}
