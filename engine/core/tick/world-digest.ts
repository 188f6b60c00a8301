/**
 * `worldDigest()`: a fingerprint of everything in a world, equal on every machine for equal
 * worlds. Maps are serialised in key order; numbers as JSON writes them. The hash is a 64-bit
 * FNV-1a over the UTF-16 code units, carried in two 32-bit halves (the core may not use node:crypto).
 */
import type { World } from '../model/world.ts';

/** Covers every field of the world (closed lanes, down stations, counters…): `canonical` walks the whole record. */
export function worldDigest(world: World): string {
  return fnv1a64(canonical(world));
}

export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return Object.fromEntries([...v.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (v instanceof Set) return [...v].sort();
    return v;
  });
}

export function fnv1a64(text: string): string {
  // 64-bit FNV-1a with 16-bit limbs: offset basis cbf29ce484222325, prime 100000001b3.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // multiply by 0x100000001b3 = 2^40 + 0x1b3
    const t0 = h0 * 0x1b3, t1 = h1 * 0x1b3, t2 = h2 * 0x1b3, t3 = h3 * 0x1b3;
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16) + (h0 << 8);
    const c3 = t3 + (c2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = c3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((x) => x.toString(16).padStart(4, '0')).join('');
}
