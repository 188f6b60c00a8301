/**
 * A binary min-heap of (key, value) pairs in typed arrays: numeric keys (ties by insertion are
 * not stable; encode a tie-break in the key), int32 values. No allocation once grown.
 */
export interface TypedHeap {
  readonly size: number;
  push(key: number, value: number): void;
  /** Value with the smallest key; call only when size > 0. */
  pop(): number;
  clear(): void;
}

export function createTypedHeap(initialCapacity = 1024): TypedHeap {
  let keys = new Float64Array(initialCapacity);
  let vals = new Int32Array(initialCapacity);
  let size = 0;

  return {
    get size() {
      return size;
    },
    push(key, value) {
      if (size === keys.length) {
        const k2 = new Float64Array(size * 2);
        k2.set(keys);
        keys = k2;
        const v2 = new Int32Array(size * 2);
        v2.set(vals);
        vals = v2;
      }
      let p = size++;
      while (p > 0) {
        const parent = (p - 1) >> 1;
        if (keys[parent]! <= key) break;
        keys[p] = keys[parent]!;
        vals[p] = vals[parent]!;
        p = parent;
      }
      keys[p] = key;
      vals[p] = value;
    },
    pop() {
      const top = vals[0]!;
      const key = keys[--size]!;
      const value = vals[size]!;
      let p = 0;
      for (;;) {
        let c = 2 * p + 1;
        if (c >= size) break;
        if (c + 1 < size && keys[c + 1]! < keys[c]!) c++;
        if (keys[c]! >= key) break;
        keys[p] = keys[c]!;
        vals[p] = vals[c]!;
        p = c;
      }
      keys[p] = key;
      vals[p] = value;
      return top;
    },
    clear() {
      size = 0;
    },
  };
}
