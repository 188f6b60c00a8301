/**
 * The as-is model's future-event list: a binary min-heap ordered by time, then by the sequence
 * number the event got when it was scheduled, so simultaneous events come out in the order they
 * were scheduled and a run is reproducible.
 */
import { createBinaryHeap } from '../../../engine/core/graph/binary-heap.ts';

interface Entry<E> {
  readonly atMs: number;
  readonly seq: number;
  readonly event: E;
}

export interface EventQueue<E> {
  readonly size: number;
  /** Schedules `event` at `atMs` (integer ms of simulated time). */
  schedule(atMs: number, event: E): void;
  /** Removes and returns the earliest event, or undefined when none is left. */
  pop(): { atMs: number; event: E } | undefined;
  /** Time of the earliest event, or undefined when none is left. */
  peekMs(): number | undefined;
}

/** An empty queue; ties in time break by scheduling order (FIFO). */
export function createEventQueue<E>(): EventQueue<E> {
  const heap = createBinaryHeap<Entry<E>>((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  let seq = 0;
  return {
    get size() {
      return heap.size;
    },
    schedule(atMs, event) {
      heap.push({ atMs, seq: seq++, event });
    },
    pop() {
      const top = heap.pop();
      return top === undefined ? undefined : { atMs: top.atMs, event: top.event };
    },
    peekMs: () => heap.peek()?.atMs,
  };
}
