/**
 * A hash table of joint configurations (one node per agent), the closed set of LaCAM. Keys are
 * hashed into two independent 32-bit lanes; a hit on both lanes is still verified element by
 * element, so a collision can cost time but never a wrong answer.
 */

export interface ConfigTable<T> {
  /** The value stored for this configuration, or undefined. */
  get(config: Int32Array): T | undefined;
  /**
   * Stores a value for a configuration not yet in the table. The array is kept, not copied, and
   * must not change afterwards (nor between a `get` and the `add` of the same array).
   */
  add(config: Int32Array, value: T): void;
  readonly size: number;
}

/** Two 32-bit hashes of a configuration (murmur3-style mixing, different seeds per lane). */
export function hashConfig(config: Int32Array, out: Int32Array): void {
  let h1 = 0x9747b28c;
  let h2 = 0x5bd1e995 ^ config.length;
  for (let i = 0; i < config.length; i++) {
    const x = config[i]!;
    let k = Math.imul(x, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h1 ^= k;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 = Math.imul(h2 ^ (x + i * 0x27d4eb2f), 0x85ebca77);
    h2 ^= h2 >>> 13;
  }
  out[0] = fmix(h1 ^ config.length);
  out[1] = fmix(h2);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function sameConfig(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createConfigTable<T>(): ConfigTable<T> {
  let capacity = 1024;
  let h1s = new Int32Array(capacity);
  let h2s = new Int32Array(capacity);
  let slots = new Int32Array(capacity).fill(-1);
  const keys: Int32Array[] = [];
  const values: T[] = [];
  const hash = new Int32Array(2);
  // `get` then `add` of the same, unchanged array is the usual pattern: hash once.
  let hashed: Int32Array | null = null;

  function find(config: Int32Array, a: number, b: number): number {
    const mask = capacity - 1;
    for (let p = a & mask; ; p = (p + 1) & mask) {
      const id = slots[p]!;
      if (id < 0) return -1 - p;
      if (h1s[p] === a && h2s[p] === b && sameConfig(keys[id]!, config)) return id;
    }
  }

  function grow(): void {
    const oldSlots = slots;
    const oldH1 = h1s;
    const oldH2 = h2s;
    capacity *= 2;
    h1s = new Int32Array(capacity);
    h2s = new Int32Array(capacity);
    slots = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (let q = 0; q < oldSlots.length; q++) {
      const id = oldSlots[q]!;
      if (id < 0) continue;
      let p = oldH1[q]! & mask;
      while (slots[p]! >= 0) p = (p + 1) & mask;
      slots[p] = id;
      h1s[p] = oldH1[q]!;
      h2s[p] = oldH2[q]!;
    }
  }

  return {
    get(config) {
      hashConfig(config, hash);
      hashed = config;
      const id = find(config, hash[0]!, hash[1]!);
      return id >= 0 ? values[id] : undefined;
    },
    add(config, value) {
      if ((keys.length + 1) * 2 > capacity) grow();
      if (hashed !== config) hashConfig(config, hash);
      hashed = null;
      const at = find(config, hash[0]!, hash[1]!);
      if (at >= 0) throw new Error('config-table: configuration already present');
      const p = -1 - at;
      slots[p] = keys.length;
      h1s[p] = hash[0]!;
      h2s[p] = hash[1]!;
      keys.push(config);
      values.push(value);
    },
    get size() {
      return keys.length;
    },
  };
}
