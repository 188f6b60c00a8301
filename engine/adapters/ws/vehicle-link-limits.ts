/**
 * Per-link guards of the vehicle link: a token bucket (messages per second with a burst) and the
 * per-topic headerId check that refuses replayed or reordered messages within a connection.
 */
export interface TokenBucket {
  /** Takes one token; false when the link is over its rate. */
  take(nowMs: number): boolean;
}

export function createTokenBucket(ratePerSecond: number, burst: number): TokenBucket {
  let tokens = burst;
  let last = -1;
  return {
    take(nowMs) {
      if (last >= 0) tokens = Math.min(burst, tokens + ((nowMs - last) * ratePerSecond) / 1000);
      last = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export interface HeaderIdGuard {
  /** The last headerId accepted on `topic`, or null; `accept` returns it when `id` is not newer. */
  accept(topic: string, id: number): { ok: true } | { ok: false; last: number };
}

export function createHeaderIdGuard(): HeaderIdGuard {
  const last = new Map<string, number>();
  return {
    accept(topic, id) {
      const prev = last.get(topic);
      if (prev !== undefined && id <= prev) return { ok: false, last: prev };
      last.set(topic, id);
      return { ok: true };
    },
  };
}
