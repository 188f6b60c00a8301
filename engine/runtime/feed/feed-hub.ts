/**
 * The feed hub: the one current feed state, its version, and a bounded log of which entries each
 * version changed (keys, not values). A client at cursor v gets one patch carrying the CURRENT
 * value of every key changed in (v, now]: a slow client is sent the changes coalesced, never a
 * queue of old patches; a cursor older than the log gets a snapshot instead (DESIGN §5).
 */
import { COLLECTIONS, emptyFeed, type Collection, type FeedState } from '../../protocol/ioc/feed-schema.ts';
import type { Change, Notice } from '../../protocol/ioc/messages.ts';
import { sameValue } from './same-value.ts';

export interface FeedHub {
  /** Takes the state of a tick; returns the version now (bumped only when an entry changed). */
  publish(state: FeedState): number;
  /** 0 before anything was published; versions count from 1. */
  version(): number;
  /** The current collections asked for (shared objects: do not mutate). */
  snapshot(collections?: readonly Collection[]): { version: number; world: Partial<FeedState> };
  /**
   * Changes in `collections` from `version` to now, sorted by collection then id; [] when the
   * cursor is current; null when the log no longer reaches back that far (or the cursor is ahead):
   * the client needs a snapshot.
   */
  changesSince(version: number, collections?: readonly Collection[]): Change[] | null;
  /** Hands a notice to the notice listeners. */
  notice(n: Notice): void;
  /** Called after each version bump with the new version; returns an unsubscribe function. */
  onChange(listener: (version: number) => void): () => void;
  onNotice(listener: (n: Notice) => void): () => void;
}

interface LogEntry {
  readonly version: number;
  readonly keys: ReadonlyMap<Collection, readonly string[]>;
}

/** `logLimit`: versions whose changed keys are kept (600 = one minute at the 100 ms live tick). */
export function createFeedHub(options: { logLimit?: number } = {}): FeedHub {
  const logLimit = Math.max(1, options.logLimit ?? 600);
  const state: FeedState = emptyFeed();
  const lastInput: Partial<Record<Collection, FeedState[Collection]>> = {};
  const log: LogEntry[] = [];
  let head = 0;
  let version = 0;
  const changeListeners = new Set<(v: number) => void>();
  const noticeListeners = new Set<(n: Notice) => void>();

  function diff(c: Collection, next: Record<string, unknown>): string[] {
    const prev = state[c] as Record<string, unknown>;
    const changed: string[] = [];
    let copy: Record<string, unknown> | null = null;
    const write = () => (copy ??= { ...prev });
    for (const id in next) {
      const was = prev[id];
      const now = next[id];
      if (was === now) continue;
      if (was !== undefined && sameValue(was, now)) continue;
      write()[id] = now;
      changed.push(id);
    }
    for (const id in prev) {
      if (!(id in next)) {
        delete write()[id];
        changed.push(id);
      }
    }
    if (copy) (state as Record<Collection, unknown>)[c] = copy;
    return changed;
  }

  return {
    publish(next) {
      const keys = new Map<Collection, string[]>();
      for (const c of COLLECTIONS) {
        if (lastInput[c] === next[c]) continue;
        lastInput[c] = next[c];
        const changed = diff(c, next[c]);
        if (changed.length > 0) keys.set(c, changed);
      }
      if (keys.size === 0) return version;
      version++;
      log.push({ version, keys });
      if (log.length - head > logLimit) head++;
      if (head > 1024 && head * 2 > log.length) {
        log.splice(0, head);
        head = 0;
      }
      for (const l of changeListeners) l(version);
      return version;
    },
    version: () => version,
    snapshot(collections = COLLECTIONS) {
      const world: Partial<Record<Collection, unknown>> = {};
      for (const c of collections) world[c] = state[c];
      return { version, world: world as Partial<FeedState> };
    },
    changesSince(since, collections = COLLECTIONS) {
      if (since === version) return [];
      const oldestBase = head < log.length ? log[head]!.version - 1 : version;
      if (since > version || since < oldestBase) return null;
      const out: Change[] = [];
      for (const c of COLLECTIONS) {
        if (!collections.includes(c)) continue;
        const ids = new Set<string>();
        for (let i = log.length - 1; i >= head && log[i]!.version > since; i--) for (const id of log[i]!.keys.get(c) ?? []) ids.add(id);
        const coll = state[c] as Record<string, unknown>;
        for (const id of [...ids].sort()) out.push({ c, id, v: (coll[id] ?? null) } as Change);
      }
      return out;
    },
    notice(n) {
      for (const l of noticeListeners) l(n);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
  };
}
