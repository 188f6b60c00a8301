import { describe, expect, it } from 'vitest';
import { createFeedHub } from '../../engine/runtime/feed/feed-hub.ts';
import { createMirror } from '../../engine/protocol/ioc/mirror.ts';
import { feedDigest } from '../../engine/protocol/ioc/digest.ts';
import { parseServerMessage, type ServerMessage } from '../../engine/protocol/ioc/messages.ts';
import type { Collection } from '../../engine/protocol/ioc/feed-schema.ts';
import { feedAt } from '../fixtures/feed-states.ts';

/** What a server would send, through JSON and the protocol's parser, as a client receives it. */
function wire(msg: ServerMessage): ServerMessage {
  const parsed = parseServerMessage(JSON.stringify(msg));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.message;
}

function snapshotOf(hub: ReturnType<typeof createFeedHub>, collections?: Collection[]): ServerMessage {
  const s = hub.snapshot(collections);
  return wire({ type: 'snapshot', version: s.version, world: s.world });
}

function patchOf(hub: ReturnType<typeof createFeedHub>, base: number, collections?: Collection[]): ServerMessage {
  return wire({ type: 'patch', baseVersion: base, version: hub.version(), changes: hub.changesSince(base, collections)! });
}

describe('given a mirror fed from a hub', () => {
  it('holds the snapshot, and its digest equals the hub\'s, when it applies a snapshot', () => {
    const hub = createFeedHub();
    hub.publish(feedAt(1));
    const m = createMirror();
    expect(m.apply(snapshotOf(hub))).toBe('ok');
    expect(m.version()).toBe(1);
    expect(m.digest()).toBe(feedDigest(hub.snapshot().world));
  });

  it('follows the hub through patches, including removed entries, when each patch fits its version', () => {
    const hub = createFeedHub();
    hub.publish(feedAt(1, 4));
    const m = createMirror();
    m.apply(snapshotOf(hub));
    for (let step = 2; step <= 6; step++) {
      const base = hub.version();
      hub.publish(feedAt(step, 6 - step));
      expect(m.apply(patchOf(hub, base))).toBe('ok');
      expect(m.digest()).toBe(feedDigest(hub.snapshot().world));
    }
    expect(Object.keys(m.state().vehicles)).toEqual([]);
    expect(m.version()).toBe(hub.version());
  });

  it('refuses a patch for another version, keeps its state, asks for a resync once, and recovers on a snapshot', () => {
    const hub = createFeedHub();
    hub.publish(feedAt(1));
    const m = createMirror();
    m.apply(snapshotOf(hub));
    const before = m.state();
    hub.publish(feedAt(2));
    const base2 = hub.version();
    hub.publish(feedAt(3));
    expect(m.apply(patchOf(hub, base2))).toBe('resync');
    expect(m.state()).toBe(before);
    expect(m.version()).toBe(1);
    expect(m.apply(patchOf(hub, 1))).toBe('ignored');
    expect(m.apply(snapshotOf(hub))).toBe('ok');
    expect(m.digest()).toBe(feedDigest(hub.snapshot().world));
  });

  it('digests only the subscribed collections, equal to the hub\'s digest of those', () => {
    const hub = createFeedHub();
    hub.publish(feedAt(1));
    const m = createMirror();
    m.apply(snapshotOf(hub, ['gate']));
    hub.publish(feedAt(2));
    m.apply(patchOf(hub, 1, ['gate']));
    expect(m.collections()).toEqual(['gate']);
    expect(m.state().vehicles).toEqual({});
    expect(m.digest()).toBe(feedDigest(hub.snapshot(['gate']).world, ['gate']));
    expect(m.digest()).not.toBe(feedDigest(hub.snapshot().world));
  });

  it('ignores hello, notice and error messages', () => {
    const m = createMirror();
    expect(m.apply(wire({ type: 'hello', protocol: 'igv-ioc/1', version: 0, collections: ['gate'] }))).toBe('ignored');
    expect(m.apply(wire({ type: 'notice', level: 'info', code: 'X', message: 'x', tick: 1 }))).toBe('ignored');
    expect(m.apply(wire({ type: 'error', code: 'X', message: 'x' }))).toBe('ignored');
  });
});

describe('given the feed digest', () => {
  it('does not depend on the order keys were inserted in', () => {
    const a = feedAt(3);
    const b = { ...a, vehicles: Object.fromEntries(Object.entries(a.vehicles).reverse()) };
    expect(feedDigest(b)).toBe(feedDigest(a));
    expect(feedDigest(feedAt(4))).not.toBe(feedDigest(a));
  });
});
