/**
 * A copy-on-write Map over a world's map, for the draft: reads go to the base until the first
 * write, which copies it. Collections that grow all run long (orders) then cost nothing on the
 * many ticks that leave them alone, and the next world reuses the base unchanged.
 */
export class CowMap<K, V> implements Map<K, V> {
  private own: Map<K, V> | null = null;

  constructor(private readonly base: ReadonlyMap<K, V>) {}

  /** The map as it stands: the base itself when nothing was written (then still in its order). */
  result(): ReadonlyMap<K, V> {
    return this.own ?? this.base;
  }

  /** True once something was written. */
  get written(): boolean {
    return this.own !== null;
  }

  private write(): Map<K, V> {
    if (this.own === null) this.own = new Map(this.base);
    return this.own;
  }

  get size(): number {
    return (this.own ?? this.base).size;
  }
  get(key: K): V | undefined {
    return (this.own ?? this.base).get(key);
  }
  has(key: K): boolean {
    return (this.own ?? this.base).has(key);
  }
  set(key: K, value: V): this {
    this.write().set(key, value);
    return this;
  }
  delete(key: K): boolean {
    return this.write().delete(key);
  }
  clear(): void {
    this.write().clear();
  }
  forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  // Iteration reads the current value of each key, as a plain Map's iterator would after a set().
  *entries(): MapIterator<[K, V]> {
    if (this.own) {
      yield* this.own.entries();
      return;
    }
    for (const k of [...this.base.keys()]) {
      const m = this.own ?? this.base;
      if (m.has(k)) yield [k, m.get(k)!];
    }
  }
  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}
