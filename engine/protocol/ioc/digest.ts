/**
 * `feedDigest()`: a fingerprint of a feed's state, equal on server and client when they hold the
 * same entries. Key order does not count (a patched mirror and the hub insert keys in different
 * orders): every object's keys are sorted before hashing.
 */
import { canonical, fnv1a64 } from '../../core/tick/world-digest.ts';
import { COLLECTIONS, type Collection, type FeedState } from './feed-schema.ts';

/** FNV-1a 64 (hex) over the sorted-key JSON of `collections` (default: all) of `state`; a missing collection counts as empty. */
export function feedDigest(state: Partial<FeedState>, collections: readonly Collection[] = COLLECTIONS): string {
  const wanted = new Set(collections);
  const parts: [Collection, unknown][] = [];
  for (const c of COLLECTIONS) if (wanted.has(c)) parts.push([c, sortedKeys(state[c] ?? {})]);
  return fnv1a64(canonical(parts));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortedKeys((value as Record<string, unknown>)[k]);
  return out;
}
