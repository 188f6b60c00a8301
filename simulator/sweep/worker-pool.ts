/**
 * A small pool of worker threads running TypeScript tasks: tasks go out one at a time from a queue
 * to whichever worker is free, and each outcome is stored at its task's index, so the result array
 * does not depend on the number of workers or on which finished first. A task that throws, or a
 * worker that dies, becomes an error outcome for that task; a dead worker is replaced while tasks
 * remain, so the pool always settles.
 */
import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./ts-worker.mjs', import.meta.url);

export type PoolOutcome<R> = { ok: true; value: R } | { ok: false; error: string };

export interface PoolOptions<T> {
  /**
   * URL (href) of a TypeScript module exporting `createTaskHandler(data)`, which returns (or
   * resolves to) a function from one task to its structured-cloneable result.
   */
  readonly module: string;
  /** Passed to `createTaskHandler` in every worker (structured-cloned). */
  readonly data: unknown;
  readonly tasks: readonly T[];
  /** Worker threads to start, at least 1; never more than there are tasks. */
  readonly workers: number;
  /** Called on the main thread as each task settles, in completion order. */
  readonly onSettled?: (index: number, outcome: PoolOutcome<unknown>) => void;
}

type Reply = { index: number; ok: true; value: unknown } | { index: number; ok: false; error: string };

/** Runs every task; resolves to their outcomes in task order once all have settled. */
export function runPool<T, R>(o: PoolOptions<T>): Promise<PoolOutcome<R>[]> {
  const n = o.tasks.length;
  const results = new Array<PoolOutcome<R> | undefined>(n);
  if (n === 0) return Promise.resolve([]);
  let next = 0;
  let settled = 0;
  const live = new Set<Worker>();

  return new Promise((resolvePool) => {
    const settle = (index: number, outcome: PoolOutcome<R>) => {
      if (results[index] !== undefined) return;
      results[index] = outcome;
      settled++;
      o.onSettled?.(index, outcome);
      if (settled === n) {
        void Promise.all([...live].map((w) => w.terminate())).then(() => resolvePool(results as PoolOutcome<R>[]));
      }
    };

    const spawn = () => {
      const worker = new Worker(ENTRY, { workerData: { module: o.module, data: o.data }, execArgv: workerExecArgv(process.execArgv) });
      live.add(worker);
      let busy: number | null = null;
      let failure: string | null = null;
      const dispatch = () => {
        if (next >= n) {
          busy = null;
          live.delete(worker);
          void worker.terminate();
          return;
        }
        busy = next++;
        worker.postMessage({ index: busy, task: o.tasks[busy] });
      };
      worker.on('message', (msg: Reply) => {
        settle(msg.index, msg.ok ? { ok: true, value: msg.value as R } : { ok: false, error: msg.error });
        dispatch();
      });
      worker.on('error', (err) => {
        failure = err instanceof Error ? err.message : String(err);
      });
      worker.on('exit', (code) => {
        live.delete(worker);
        if (busy === null) return;
        const lost = busy;
        busy = null;
        settle(lost, { ok: false, error: `worker died (${failure ?? `exit code ${code}`})` });
        if (next < n) spawn();
      });
      dispatch();
    };

    for (let i = 0; i < Math.max(1, Math.min(o.workers, n)); i++) spawn();
  });
}

/**
 * The parent's Node flags minus those that only fit a main script (`-e CODE`, `--input-type`),
 * which a worker refuses at start-up.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') i++;
    else if (!/^--(input-type|eval|print)=/.test(a)) out.push(a);
  }
  return out;
}
