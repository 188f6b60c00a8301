/**
 * Projects the engine's world onto the feed's state (engine/protocol/ioc/feed-schema.ts). World
 * records are replaced, never mutated, so an entry is rebuilt only when its record is a new
 * object, and a collection object is reused when none of its entries changed: the hub's diff then
 * costs a reference compare per entry. Closed orders stay for `orderRetentionMs` of engine time,
 * then leave the feed, which keeps it bounded on a 24/7 run (the world keeps them).
 */
import type { OrderState } from '../../core/model/order.ts';
import { nowMs, type VehicleState, type World } from '../../core/model/world.ts';
import type { Site } from '../../core/tick/site.ts';
import { recordTrack } from '../../core/motion/record-track.ts';
import { bodyPose } from '../../core/motion/track.ts';
import type { FeedAlarm, FeedOrder, FeedState, FeedStation, FeedVehicle, LiveKpis } from '../../protocol/ioc/feed-schema.ts';
import { vehicleActivity } from './vehicle-activity.ts';

export interface FeedExtras {
  /** Engine time of this world as ISO 8601 UTC (the composition root knows the epoch). */
  readonly timestampIso: string;
  readonly alarms: Record<string, FeedAlarm>;
  readonly kpis: LiveKpis;
}

export interface FeedProjector {
  /** The feed state of `world`; call once per tick, ticks in order. */
  project(world: World, extra: FeedExtras): FeedState;
}

/** `orderRetentionMs`: how long a delivered or failed order stays in the feed, engine ms (default 2 h). */
export function createFeedProjector(site: Site, options: { orderRetentionMs?: number } = {}): FeedProjector {
  const retention = options.orderRetentionMs ?? 7_200_000;
  const vehicleCache = new Map<string, { rec: VehicleState; waitingS: number; entry: FeedVehicle }>();
  const orderCache = new Map<string, { rec: OrderState; entry: FeedOrder }>();
  const closedAt = new Map<string, number>();
  const stationsAt = new Map<string, string[]>();
  for (const s of site.stations.values()) for (const n of s.nodes) stationsAt.set(n, [...(stationsAt.get(n) ?? []), s.id]);
  let last: FeedState | null = null;
  let lastOrders: World['orders'] | null = null;
  let nextExpiry = Infinity;

  function vehicles(world: World, now: number, prev: FeedState['vehicles'] | undefined): FeedState['vehicles'] {
    const out: FeedState['vehicles'] = {};
    let same = prev !== undefined && Object.keys(prev).length === world.vehicles.size;
    for (const v of world.vehicles.values()) {
      const waitingS = v.waitingSinceMs === null ? 0 : Math.floor((now - v.waitingSinceMs) / 1000);
      let c = vehicleCache.get(v.id);
      if (!c || c.rec !== v || c.waitingS !== waitingS) vehicleCache.set(v.id, (c = { rec: v, waitingS, entry: vehicleEntry(site, v, waitingS, world) }));
      out[v.id] = c.entry;
      if (same && prev![v.id] !== c.entry) same = false;
    }
    return same ? prev! : out;
  }

  function orders(world: World, now: number, prev: FeedState['orders'] | undefined): FeedState['orders'] {
    if (prev && world.orders === lastOrders && now < nextExpiry) return prev;
    lastOrders = world.orders;
    nextExpiry = Infinity;
    const out: FeedState['orders'] = {};
    let count = 0;
    let same = prev !== undefined;
    for (const [id, o] of world.orders) {
      if (o.status === 'delivered' || o.status === 'failed') {
        let at = closedAt.get(id);
        if (at === undefined) closedAt.set(id, (at = o.deliveredMs ?? now));
        if (now - at >= retention) {
          orderCache.delete(id);
          continue;
        }
        nextExpiry = Math.min(nextExpiry, at + retention);
      }
      let c = orderCache.get(id);
      if (!c || c.rec !== o) orderCache.set(id, (c = { rec: o, entry: orderEntry(o) }));
      out[id] = c.entry;
      count++;
      if (same && prev![id] !== c.entry) same = false;
    }
    return same && Object.keys(prev!).length === count ? prev! : out;
  }

  function stations(world: World, prev: FeedState['stations'] | undefined): FeedState['stations'] {
    const occupied = new Map<string, string[]>();
    for (const v of world.vehicles.values()) {
      const lane = site.cells.lane(v.lane);
      if (lane.lengthMm - v.offsetMm > site.config.arriveToleranceMm) continue;
      for (const s of stationsAt.get(lane.to) ?? []) occupied.set(s, [...(occupied.get(s) ?? []), v.id]);
    }
    const out: FeedState['stations'] = {};
    let same = prev !== undefined;
    for (const s of site.stations.values()) {
      const outage = world.downStations.get(s.id);
      const entry: FeedStation = { id: s.id, kind: s.kind, name: s.name, down: outage !== undefined, downReason: outage?.reason ?? null, occupiedBy: occupied.get(s.id) ?? [] };
      const old = prev?.[s.id];
      const keep = old && old.down === entry.down && old.downReason === entry.downReason && old.occupiedBy.join() === entry.occupiedBy.join();
      out[s.id] = keep ? old : entry;
      if (!keep) same = false;
    }
    return same ? prev! : out;
  }

  return {
    project(world, extra) {
      const now = nowMs(world);
      const prevKpis = last?.kpis.live;
      const state: FeedState = {
        gate: { gate: { tick: world.tick, nowMs: now, timestamp: extra.timestampIso, emergencyStop: world.emergencyStop, safeMode: world.safeMode, mapId: site.map.id } },
        vehicles: vehicles(world, now, last?.vehicles),
        orders: orders(world, now, last?.orders),
        stations: stations(world, last?.stations),
        kpis: prevKpis === extra.kpis && last ? last.kpis : { live: extra.kpis },
        alarms: extra.alarms,
      };
      last = state;
      return state;
    },
  };
}

function vehicleEntry(site: Site, v: VehicleState, waitingS: number, world: World): FeedVehicle {
  const p = bodyPose(site.cells, recordTrack(site.cells, v), v.spec.lengthMm);
  const t = v.task;
  const leg = t ? t.legs[t.legIndex] : undefined;
  return {
    id: v.id,
    x: Math.round(p.x) / 1000,
    y: Math.round(p.y) / 1000,
    heading: Math.round(p.heading * 10_000) / 10_000,
    lane: v.lane,
    offsetMm: v.offsetMm,
    speedMps: v.speedMmps / 1000,
    socPercent: Math.round(Math.min(1, v.socWh / v.spec.batteryWh) * 1000) / 10,
    status: v.status,
    paused: v.paused,
    charging: v.charging,
    state: vehicleActivity(v),
    task: t ? t.kind : null,
    goalStation: leg && leg.station !== '' ? leg.station : null,
    load: [...v.load],
    waitingS,
    lengthM: v.spec.lengthMm / 1000,
    widthM: v.spec.widthMm / 1000,
    route: v.route.slice(0, 40),
    trail: [...v.trail],
    limit: { laneIndex: v.limit.laneIndex, offsetMm: v.limit.offsetMm },
    cargo: v.load.length > 0 ? (world.orders.get(v.load[0]!)?.spec.goods ?? null) : null,
  };
}

function orderEntry(o: OrderState): FeedOrder {
  const s = o.spec;
  return {
    id: s.id, containerId: s.containerId, sizeFt: s.sizeFt, grossKg: s.grossKg, goods: s.goods, direction: s.direction,
    priority: s.priority, origin: s.origin, destination: s.destination, status: o.status, vehicleId: o.vehicleId,
    createdMs: o.createdMs, loadedMs: o.loadedMs, deliveredMs: o.deliveredMs, failReason: o.failReason,
  };
}
