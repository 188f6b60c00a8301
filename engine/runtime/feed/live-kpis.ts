/**
 * The feed's live KPIs: order counts from the world's counters, the fleet by activity now, and
 * deliveries over the last hour of engine time from a small rolling history.
 */
import type { EngineEvent } from '../../core/model/events.ts';
import { nowMs, type World } from '../../core/model/world.ts';
import type { LiveKpis } from '../../protocol/ioc/feed-schema.ts';
import { isBusy, vehicleActivity } from './vehicle-activity.ts';

export interface DeliveryHistory {
  /** Takes this tick's OrderDelivered events (ticks in order). */
  record(world: World, events: readonly EngineEvent[]): void;
  /** Deliveries and kg delivered in (nowMs - window, nowMs]. */
  recent(nowMs: number): { count: number; kg: number };
}

/** A rolling window of deliveries; `windowMs` defaults to one hour of engine time. */
export function createDeliveryHistory(windowMs = 3_600_000): DeliveryHistory {
  const at: number[] = [];
  const kg: number[] = [];
  let head = 0;
  let sumKg = 0;
  const drop = (now: number) => {
    while (head < at.length && at[head]! <= now - windowMs) sumKg -= kg[head++]!;
    if (head > 1024 && head * 2 > at.length) {
      at.splice(0, head);
      kg.splice(0, head);
      head = 0;
    }
  };
  return {
    record(world, events) {
      const now = nowMs(world);
      for (const e of events) {
        if (e.kind !== 'OrderDelivered') continue;
        const w = world.orders.get(e.orderId)?.spec.grossKg ?? 0;
        at.push(now);
        kg.push(w);
        sumKg += w;
      }
      drop(now);
    },
    recent(now) {
      drop(now);
      return { count: at.length - head, kg: head === at.length ? 0 : sumKg };
    },
  };
}

/** The `kpis.live` entry for `world`. */
export function liveKpis(world: World, history: DeliveryHistory): LiveKpis {
  const c = world.counters;
  let busy = 0, charging = 0, faulted = 0, soc = 0;
  for (const v of world.vehicles.values()) {
    const a = vehicleActivity(v);
    if (isBusy(a)) busy++;
    else if (a === 'charging') charging++;
    else if (a === 'faulted') faulted++;
    soc += Math.min(1, v.socWh / v.spec.batteryWh);
  }
  const total = world.vehicles.size;
  const recent = history.recent(nowMs(world));
  return {
    ordersCreated: c.ordersCreated,
    ordersDelivered: c.ordersDelivered,
    ordersFailed: c.ordersFailed,
    ordersOpen: Math.max(0, c.ordersCreated - c.ordersDelivered - c.ordersFailed),
    deliveredLastHour: recent.count,
    tonnesLastHour: Math.round(recent.kg) / 1000,
    vehiclesTotal: total,
    vehiclesBusy: busy,
    vehiclesCharging: charging,
    vehiclesFaulted: faulted,
    utilization: total === 0 ? 0 : Math.round((busy / total) * 1000) / 1000,
    meanSocPercent: total === 0 ? 0 : Math.round((soc / total) * 1000) / 10,
    deadlocksResolved: c.deadlocksResolved,
    maxWaitS: Math.round(c.maxWaitMs / 100) / 10,
  };
}
