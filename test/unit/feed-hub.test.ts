import { describe, expect, it } from 'vitest';
import { createFeedHub } from '../../engine/runtime/feed/feed-hub.ts';
import { feedAt, feedVehicle } from '../fixtures/feed-states.ts';

describe('given a feed hub', () => {
  it('counts versions from 1 and bumps only when an entry changed', () => {
    const hub = createFeedHub();
    expect(hub.version()).toBe(0);
    expect(hub.publish(feedAt(1))).toBe(1);
    // Equal content in new objects is no change.
    expect(hub.publish(feedAt(1))).toBe(1);
    expect(hub.changesSince(1)).toEqual([]);
    expect(hub.publish(feedAt(2))).toBe(2);
  });

  it('keeps the old entry object when a new one is deep-equal, so later diffs are by reference', () => {
    const hub = createFeedHub();
    hub.publish(feedAt(1));
    const before = hub.snapshot(['vehicles']).world.vehicles!.V000;
    hub.publish(feedAt(1));
    expect(hub.snapshot(['vehicles']).world.vehicles!.V000).toBe(before);
  });

  it('reports one changed and one removed entry when a publish changes one and drops another', () => {
    const hub = createFeedHub();
    const s1 = feedAt(1);
    hub.publish(s1);
    const s2 = { ...s1, vehicles: { V000: s1.vehicles.V000!, V001: feedVehicle('V001', 9) } };
    const v = hub.publish(s2);
    expect(hub.changesSince(v - 1)).toEqual([
      { c: 'vehicles', id: 'V001', v: feedVehicle('V001', 9) },
      { c: 'vehicles', id: 'V002', v: null },
    ]);
  });

  it('coalesces many publishes into one change per key carrying the latest value when a client is far behind', () => {
    const hub = createFeedHub({ logLimit: 100 });
    hub.publish(feedAt(1));
    for (let step = 2; step <= 50; step++) hub.publish(feedAt(step));
    const changes = hub.changesSince(1)!;
    expect(changes.map((c) => `${c.c}/${c.id}`)).toEqual(['gate/gate', 'vehicles/V000', 'vehicles/V001', 'vehicles/V002']);
    expect(changes.find((c) => c.id === 'V001')!.v).toEqual(feedVehicle('V001', 50));
    expect(changes.find((c) => c.c === 'gate')!.v).toMatchObject({ tick: 50 });
  });

  it('limits changes to the collections asked for', () => {
    const hub = createFeedHub();
    hub.publish(feedAt(1));
    hub.publish(feedAt(2));
    expect(hub.changesSince(1, ['gate'])!.map((c) => c.c)).toEqual(['gate']);
    expect(hub.changesSince(1, ['alarms'])).toEqual([]);
    expect(Object.keys(hub.snapshot(['gate', 'kpis']).world)).toEqual(['gate', 'kpis']);
  });

  it('answers null (snapshot needed) when the cursor is older than the log or ahead of the hub', () => {
    const hub = createFeedHub({ logLimit: 5 });
    for (let step = 1; step <= 10; step++) hub.publish(feedAt(step));
    expect(hub.version()).toBe(10);
    expect(hub.changesSince(5)).not.toBeNull();
    expect(hub.changesSince(4)).toBeNull();
    expect(hub.changesSince(11)).toBeNull();
  });

  it('calls change listeners with the new version and notice listeners with each notice', () => {
    const hub = createFeedHub();
    const seen: number[] = [];
    const notices: string[] = [];
    const off = hub.onChange((v) => seen.push(v));
    hub.onNotice((n) => notices.push(n.code));
    hub.publish(feedAt(1));
    hub.publish(feedAt(1));
    hub.notice({ level: 'info', code: 'LaneClosed', message: 'lane X closed', tick: 1 });
    off();
    hub.publish(feedAt(2));
    expect(seen).toEqual([1]);
    expect(notices).toEqual(['LaneClosed']);
  });
});
