/**
 * A minimal binary min-heap. The comparator decides the order completely: give it a tie-break
 * (e.g. by node index) so the pop order, and everything computed from it, is deterministic.
 */
export interface BinaryHeap<T> {
  readonly size: number;
  push(item: T): void;
  /** Removes and returns the smallest item, or undefined when the heap is empty. */
  pop(): T | undefined;
  peek(): T | undefined;
}

/** `compare(a, b) < 0` means a comes out first. */
export function createBinaryHeap<T>(compare: (a: T, b: T) => number): BinaryHeap<T> {
  const items: T[] = [];

  function up(pos: number): void {
    const item = items[pos]!;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const above = items[parent]!;
      if (compare(item, above) >= 0) break;
      items[pos] = above;
      pos = parent;
    }
    items[pos] = item;
  }

  function down(pos: number): void {
    const item = items[pos]!;
    const half = items.length >> 1;
    while (pos < half) {
      let child = 2 * pos + 1;
      const right = child + 1;
      if (right < items.length && compare(items[right]!, items[child]!) < 0) child = right;
      if (compare(items[child]!, item) >= 0) break;
      items[pos] = items[child]!;
      pos = child;
    }
    items[pos] = item;
  }

  return {
    get size() {
      return items.length;
    },
    push(item) {
      items.push(item);
      up(items.length - 1);
    },
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        down(0);
      }
      return top;
    },
    peek: () => items[0],
  };
}
