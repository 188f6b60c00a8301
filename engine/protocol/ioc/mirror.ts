/**
 * A client's copy of the feed: snapshots replace it, patches move it from one version to the
 * next. A patch for another version than the mirror's is refused and leaves the state as it was;
 * the caller then sends `{type:'resync'}` and the server answers with a snapshot. The viewer and
 * every IOC client decode the feed with this one mirror (DESIGN §2, "one feed").
 */
import { COLLECTIONS, emptyFeed, type Collection, type FeedState } from './feed-schema.ts';
import type { ServerMessage } from './messages.ts';
import { feedDigest } from './digest.ts';

export type ApplyResult = 'ok' | 'resync' | 'ignored';

export interface FeedMirror {
  /**
   * Applies one server message. 'ok': the state moved (snapshot or patch); 'resync': a patch did
   * not fit this version (send `{type:'resync'}`); 'ignored': nothing to apply (hello, notice,
   * error, or a patch arriving while a resync is already awaited: it is asked for once).
   */
  apply(msg: ServerMessage): ApplyResult;
  /** The state now. A collection object is replaced (never mutated) when a patch changes it. */
  state(): FeedState;
  /** The feed version the state is exact for; -1 before the first snapshot. */
  version(): number;
  /** Collections the last snapshot carried. */
  collections(): readonly Collection[];
  /** `feedDigest` of the subscribed collections. */
  digest(): string;
}

/** An empty mirror at version -1: apply the server's messages in the order they arrive. */
export function createMirror(): FeedMirror {
  let state = emptyFeed();
  let version = -1;
  let collections: Collection[] = [];
  let resyncAsked = false;
  return {
    apply(msg) {
      if (msg.type === 'snapshot') {
        state = { ...emptyFeed(), ...msg.world };
        collections = COLLECTIONS.filter((c) => msg.world[c] !== undefined);
        version = msg.version;
        resyncAsked = false;
        return 'ok';
      }
      if (msg.type !== 'patch') return 'ignored';
      if (msg.baseVersion !== version || resyncAsked) {
        if (resyncAsked) return 'ignored';
        resyncAsked = true;
        return 'resync';
      }
      const next: Record<string, Record<string, unknown>> = { ...state };
      const copied = new Set<Collection>();
      for (const ch of msg.changes) {
        if (!copied.has(ch.c)) {
          next[ch.c] = { ...next[ch.c] };
          copied.add(ch.c);
        }
        const coll = next[ch.c]!;
        if (ch.v === null) delete coll[ch.id];
        else coll[ch.id] = ch.v;
      }
      state = next as FeedState;
      version = msg.version;
      return 'ok';
    },
    state: () => state,
    version: () => version,
    collections: () => collections,
    digest: () => feedDigest(state, collections),
  };
}
