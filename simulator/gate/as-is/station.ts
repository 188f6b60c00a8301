/**
 * One step of the as-is process as a multi-server FIFO station: a queue, busy servers and the
 * busy time accumulated inside a measurement window (for utilisation).
 */
import type { StepSpec } from './process-steps.ts';

export interface Station<T> {
  readonly spec: StepSpec;
  /** Trucks waiting (not in service). */
  readonly waiting: number;
  /** Servers in service. */
  readonly busy: number;
  /** Server-ms of service inside the measurement window so far. */
  readonly busyMsInWindow: number;
  enqueue(item: T): void;
  /**
   * Takes the next waiting truck when a server is free (and, for a staffed step, `open`),
   * marks a server busy and books [nowMs, nowMs + serviceMs) against the window; else undefined.
   */
  startNext(nowMs: number, open: boolean, serviceMsOf: (item: T) => number): { item: T; doneMs: number } | undefined;
  /** A service ended: frees its server. */
  finish(): void;
}

/** An idle, empty station; busy time counts only inside [windowFromMs, windowToMs). */
export function createStation<T>(spec: StepSpec, windowFromMs: number, windowToMs: number): Station<T> {
  let queue: T[] = [];
  let head = 0;
  let busy = 0;
  let busyMsInWindow = 0;
  return {
    spec,
    get waiting() {
      return queue.length - head;
    },
    get busy() {
      return busy;
    },
    get busyMsInWindow() {
      return busyMsInWindow;
    },
    enqueue(item) {
      queue.push(item);
    },
    startNext(nowMs, open, serviceMsOf) {
      if (head >= queue.length || busy >= spec.servers || (spec.staffed && !open)) return undefined;
      const item = queue[head++]!;
      // Compact now and then so a long run does not keep every served truck alive.
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      busy++;
      const doneMs = nowMs + serviceMsOf(item);
      busyMsInWindow += Math.max(0, Math.min(doneMs, windowToMs) - Math.max(nowMs, windowFromMs));
      return { item, doneMs };
    },
    finish() {
      if (busy <= 0) throw new Error(`[as-is station] finish without a service in progress [step=${spec.name}]`);
      busy--;
    },
  };
}
