/**
 * The plumbing between a bench coordinator and its child processes (servers, load generators):
 * request/answer over Node's IPC channel, one shared high-resolution clock, and a clock-offset
 * estimate so latencies measured across two processes (sent in one, received in the other) are
 * exact to a fraction of a millisecond.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Wall time in ms since 1970 with sub-ms resolution; comparable between processes once offsets are known. */
export const clock = (): number => performance.timeOrigin + performance.now();

type Handler = (args: Record<string, unknown>) => unknown;

interface Request {
  readonly id: number;
  readonly cmd: string;
  readonly args: Record<string, unknown>;
}
interface Answer {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

/**
 * Child side: answers the coordinator's requests with `handlers` (sync or async). `clock` is
 * built in. The child exits when the coordinator disconnects.
 */
export function serveIpc(handlers: Record<string, Handler>): void {
  if (!process.send) throw new Error('this script is a bench child: start it with child_process.fork');
  const all: Record<string, Handler> = { clock: () => clock(), ...handlers };
  process.on('message', (raw) => {
    const req = raw as Request;
    const handler = all[req.cmd];
    const answer = (a: Answer) => process.connected && process.send!(a);
    if (!handler) return answer({ id: req.id, ok: false, error: `unknown command ${req.cmd}` });
    Promise.resolve()
      .then(() => handler(req.args ?? {}))
      .then((result) => answer({ id: req.id, ok: true, result }), (err: unknown) => answer({ id: req.id, ok: false, error: String(err instanceof Error ? err.stack : err) }));
  });
  process.on('disconnect', () => process.exit(0));
}

export interface BenchChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** Sends `cmd` and resolves with the child's answer (rejects with its error, or if it exits). */
  call<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** Child clock − coordinator clock, ms (positive: the child's clock is ahead). */
  clockOffset(samples?: number): Promise<number>;
  /** Disconnects and waits for the exit (kills it after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `script` (a .ts file under the project root) through bin/run-ts.mjs with an IPC channel. */
export function startChild(name: string, script: string, argv: readonly string[] = []): BenchChild {
  // BENCH_NODE_ARGS (e.g. "--trace-gc") goes to every child's node, for looking into a bench run.
  const execArgv = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = fork(join(ROOT, 'bin', 'run-ts.mjs'), [join(ROOT, script), ...argv], { cwd: ROOT, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const p of pending.values()) p.reject(new Error(`${name} exited (code ${code}, signal ${signal})`));
      pending.clear();
      resolve();
    }),
  );
  child.on('message', (raw) => {
    const a = raw as Answer;
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (a.ok) p.resolve(a.result);
    else p.reject(new Error(`${name}: ${a.error}`));
  });
  const call = <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> => {
    if (exited) return Promise.reject(new Error(`${name} is not running`));
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, args } satisfies Request);
    });
  };
  return {
    name,
    process: child,
    call,
    async clockOffset(samples = 40) {
      // The round trip with the least delay bounds the error best (NTP's rule).
      let best = { rtt: Infinity, offset: 0 };
      for (let i = 0; i < samples; i++) {
        const t0 = clock();
        const c = await call<number>('clock');
        const t1 = clock();
        if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: c - (t0 + t1) / 2 };
      }
      return best.offset;
    },
    async stop(graceMs = 3_000) {
      if (exited) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** CPU time of this process since `from` as a share of one core over `wallMs` (100 = one core busy). */
export function cpuPercent(from: NodeJS.CpuUsage, wallMs: number): { userMs: number; systemMs: number; percent: number } {
  const d = process.cpuUsage(from);
  return { userMs: d.user / 1000, systemMs: d.system / 1000, percent: ((d.user + d.system) / 1000 / wallMs) * 100 };
}

/** Busy and total CPU time of the whole machine so far, ms summed over cores. */
export function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** Machine CPU busy since `from`, % of one core (200 = both cores of this machine busy). */
export function machineBusyPercent(from: { busy: number; total: number }): number {
  const now = machineCpu();
  const cores = cpus().length;
  return now.total > from.total ? ((now.busy - from.busy) / (now.total - from.total)) * 100 * cores : 0;
}
