/**
 * The feed's live KPIs: order counts from the world's counters, the queue by order status, the
 * fleet by activity now, deliveries over the last hour of engine time (by direction) and the
 * clearance times of the last day, from a small rolling history.
 */
import type { EngineEvent } from '../../core/model/events.ts';
import type { Direction, OrderState } from '../../core/model/order.ts';
import { nowMs, type World } from '../../core/model/world.ts';
import { VEHICLE_ACTIVITIES, type LiveKpis, type VehicleActivity } from '../../protocol/ioc/feed-schema.ts';
import { isBusy, vehicleActivity } from './vehicle-activity.ts';

/** Deliveries in the throughput window, by direction, and clearance percentiles over the clearance window. */
export interface RecentDeliveries {
  readonly count: number;
  readonly kg: number;
  readonly byDirection: Readonly<Record<Direction, { readonly count: number; readonly kg: number }>>;
  /** Nearest-rank P50/P95 of clearance minutes of the orders delivered in the clearance window; null when none. */
  readonly clearanceMinutes: { readonly p50: number | null; readonly p95: number | null };
}

export interface DeliveryHistory {
  /** Takes this tick's OrderDelivered events (ticks in order). */
  record(world: World, events: readonly EngineEvent[]): void;
  /** Deliveries and kg in (nowMs - windowMs, nowMs]; clearance over (nowMs - clearanceWindowMs, nowMs]. */
  recent(nowMs: number): RecentDeliveries;
}

interface Delivery {
  readonly at: number;
  readonly dir: Direction;
  readonly kg: number;
  readonly clearanceMin: number;
}

/**
 * A rolling window of deliveries: `windowMs` (default one hour of engine time) for throughput,
 * `clearanceWindowMs` (default 24 h) for clearance. Clearance is delivery time minus the cargo's
 * arrival at the gate, else its release or creation (the simulator's igv-kpis rule).
 */
export function createDeliveryHistory(windowMs = 3_600_000, clearanceWindowMs = 86_400_000): DeliveryHistory {
  const list: Delivery[] = [];
  let hourHead = 0;
  let dayHead = 0;
  const sum = { 'VN-CN': { count: 0, kg: 0 }, 'CN-VN': { count: 0, kg: 0 } };
  // Sorted clearance minutes of the day window, rebuilt only after the window changed.
  let sorted: number[] | null = [];
  const drop = (now: number) => {
    while (hourHead < list.length && list[hourHead]!.at <= now - windowMs) {
      const d = list[hourHead++]!;
      sum[d.dir].count--;
      sum[d.dir].kg -= d.kg;
    }
    while (dayHead < list.length && list[dayHead]!.at <= now - clearanceWindowMs) {
      dayHead++;
      sorted = null;
    }
    const head = Math.min(hourHead, dayHead);
    if (head > 1024 && head * 2 > list.length) {
      list.splice(0, head);
      hourHead -= head;
      dayHead -= head;
    }
  };
  return {
    record(world, events) {
      const now = nowMs(world);
      for (const e of events) {
        if (e.kind !== 'OrderDelivered') continue;
        const o = world.orders.get(e.orderId);
        if (!o) continue;
        const from = o.spec.arrivalMs ?? Math.max(o.spec.releaseMs, o.createdMs);
        const d: Delivery = { at: now, dir: o.spec.direction, kg: o.spec.grossKg, clearanceMin: Math.max(0, (o.deliveredMs ?? now) - from) / 60_000 };
        list.push(d);
        sum[d.dir].count++;
        sum[d.dir].kg += d.kg;
        sorted = null;
      }
      drop(now);
    },
    recent(now) {
      drop(now);
      if (sorted === null) sorted = list.slice(dayHead).map((d) => d.clearanceMin).sort((a, b) => a - b);
      const byDirection = { 'VN-CN': { ...sum['VN-CN'] }, 'CN-VN': { ...sum['CN-VN'] } };
      return {
        count: byDirection['VN-CN'].count + byDirection['CN-VN'].count,
        kg: byDirection['VN-CN'].kg + byDirection['CN-VN'].kg,
        byDirection,
        clearanceMinutes: { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95) },
      };
    },
  };
}

/** Nearest-rank percentile of ascending `sorted`, rounded to 0.1; null when empty (as simulator/kpis `percentile`). */
function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return Math.round(v * 10) / 10;
}

type Queue = { open: number; assigned: number; loaded: number };
// The orders map is replaced (never mutated) when an order changes, so its counts are worked out once per new map.
const queueMemo = new WeakMap<ReadonlyMap<string, OrderState>, Queue>();

function queueOf(orders: ReadonlyMap<string, OrderState>): Queue {
  let q = queueMemo.get(orders);
  if (q) return q;
  q = { open: 0, assigned: 0, loaded: 0 };
  for (const o of orders.values()) if (o.status === 'open' || o.status === 'assigned' || o.status === 'loaded') q[o.status]++;
  queueMemo.set(orders, q);
  return q;
}

const tonnes = (kg: number) => Math.round(kg) / 1000;

/** The `kpis.live` entry for `world`. */
export function liveKpis(world: World, history: DeliveryHistory): LiveKpis {
  const c = world.counters;
  const fleet = Object.fromEntries(VEHICLE_ACTIVITIES.map((a) => [a, 0])) as Record<VehicleActivity, number>;
  let busy = 0, soc = 0;
  for (const v of world.vehicles.values()) {
    const a = vehicleActivity(v);
    fleet[a]++;
    if (isBusy(a)) busy++;
    soc += Math.min(1, v.socWh / v.spec.batteryWh);
  }
  const total = world.vehicles.size;
  const recent = history.recent(nowMs(world));
  const queue = queueOf(world.orders);
  const dir = recent.byDirection;
  return {
    ordersCreated: c.ordersCreated,
    ordersDelivered: c.ordersDelivered,
    ordersFailed: c.ordersFailed,
    ordersOpen: Math.max(0, c.ordersCreated - c.ordersDelivered - c.ordersFailed),
    ordersWaiting: queue.open,
    ordersByStatus: { ...queue },
    deliveredLastHour: recent.count,
    tonnesLastHour: tonnes(recent.kg),
    deliveredLastHourByDirection: { 'VN-CN': dir['VN-CN'].count, 'CN-VN': dir['CN-VN'].count },
    tonnesLastHourByDirection: { 'VN-CN': tonnes(dir['VN-CN'].kg), 'CN-VN': tonnes(dir['CN-VN'].kg) },
    clearanceMinutes: recent.clearanceMinutes,
    vehiclesTotal: total,
    vehiclesBusy: busy,
    vehiclesCharging: fleet.charging,
    vehiclesFaulted: fleet.faulted,
    fleetByState: fleet,
    utilization: total === 0 ? 0 : Math.round((busy / total) * 1000) / 1000,
    meanSocPercent: total === 0 ? 0 : Math.round((soc / total) * 1000) / 10,
    deadlocksResolved: c.deadlocksResolved,
    maxWaitS: Math.round(c.maxWaitMs / 100) / 10,
  };
}
