/**
 * The feed's per-tick wiring in one place: alarm book, delivery history, live KPIs, projector,
 * then the hub. The composition root calls `onTick` for every tick, in order (e.g. from
 * `gate.ticks$`); IOC sockets read the hub.
 */
import type { EngineEvent } from '../../core/model/events.ts';
import type { World } from '../../core/model/world.ts';
import type { Site } from '../../core/tick/site.ts';
import type { FeedState } from '../../protocol/ioc/feed-schema.ts';
import { createAlarmBook } from './alarm-book.ts';
import type { FeedHub } from './feed-hub.ts';
import { createDeliveryHistory, liveKpis } from './live-kpis.ts';
import { createFeedProjector } from './project-feed.ts';

export interface FeedPipeline {
  /** Projects the tick, publishes it to the hub and hands its notices on; returns the new hub version. */
  onTick(world: World, events: readonly EngineEvent[], timestampIso: string): number;
  /** The last state published. */
  state(): FeedState | null;
}

/** `orderRetentionMs`: see `createFeedProjector`. */
export function createFeedPipeline(site: Site, hub: FeedHub, options: { orderRetentionMs?: number } = {}): FeedPipeline {
  const book = createAlarmBook();
  const history = createDeliveryHistory();
  const projector = createFeedProjector(site, options);
  let last: FeedState | null = null;
  return {
    onTick(world, events, timestampIso) {
      const { alarms, notices } = book.update(world, events);
      history.record(world, events);
      last = projector.project(world, { timestampIso, alarms, kpis: liveKpis(world, history) });
      const version = hub.publish(last);
      for (const n of notices) hub.notice(n);
      return version;
    },
    state: () => last,
  };
}
