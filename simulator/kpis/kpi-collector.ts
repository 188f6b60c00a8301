/**
 * Collects what a run's KPIs and report are made of, tick by tick: order lives (tonnes delivered
 * by direction, clearance times), station service time by kind, vehicle time by state, queue
 * lengths, energy and the smallest gap seen between two footprints.
 */
import type { EngineEvent } from '../../engine/core/model/events.ts';
import type { World } from '../../engine/core/model/world.ts';
import type { Site } from '../../engine/core/tick/site.ts';

export const VEHICLE_STATES = ['driving', 'waiting', 'serving', 'charging', 'idle', 'faulted'] as const;
export type VehicleStateName = (typeof VEHICLE_STATES)[number];

export interface HourSample {
  hour: number;
  deliveredTonnes: Record<'VN-CN' | 'CN-VN', number>;
  deliveredMoves: Record<'VN-CN' | 'CN-VN', number>;
  openOrders: number;
  fleet: Record<VehicleStateName, number>;
  energyKwh: number;
}

export interface Collected {
  created: number;
  delivered: number;
  failed: number;
  deliveredKg: Record<'VN-CN' | 'CN-VN', number>;
  deliveredMoves: Record<'VN-CN' | 'CN-VN', number>;
  clearanceMinutes: number[];
  /** Station kind → total service time, ms. */
  serviceMsByKind: Map<string, number>;
  /** Station kind → number of stations of that kind. */
  stationsByKind: Map<string, number>;
  /** Vehicle-ticks by state. */
  vehicleTicks: Record<VehicleStateName, number>;
  minGapM: number;
  hours: HourSample[];
}

export function createCollector(site: Site) {
  const stationsByKind = new Map<string, number>();
  for (const s of site.stations.values()) stationsByKind.set(s.kind, (stationsByKind.get(s.kind) ?? 0) + s.capacity);
  const c: Collected = {
    created: 0,
    delivered: 0,
    failed: 0,
    deliveredKg: { 'VN-CN': 0, 'CN-VN': 0 },
    deliveredMoves: { 'VN-CN': 0, 'CN-VN': 0 },
    clearanceMinutes: [],
    serviceMsByKind: new Map(),
    stationsByKind,
    vehicleTicks: { driving: 0, waiting: 0, serving: 0, charging: 0, idle: 0, faulted: 0 },
    minGapM: Infinity,
    hours: [],
  };
  const serviceStart = new Map<string, { kind: string; at: number }>();
  let hour = newHour(0);

  function newHour(h: number): HourSample {
    return {
      hour: h,
      deliveredTonnes: { 'VN-CN': 0, 'CN-VN': 0 },
      deliveredMoves: { 'VN-CN': 0, 'CN-VN': 0 },
      openOrders: 0,
      fleet: { driving: 0, waiting: 0, serving: 0, charging: 0, idle: 0, faulted: 0 },
      energyKwh: 0,
    };
  }

  return {
    collected: c,
    onTick(world: World, events: readonly EngineEvent[]) {
      const now = world.tick * world.tickMs;
      for (const e of events) {
        if (e.kind === 'OrderCreated') c.created++;
        else if (e.kind === 'OrderFailed') c.failed++;
        else if (e.kind === 'OrderDelivered') {
          const o = world.orders.get(e.orderId)!;
          c.delivered++;
          c.deliveredKg[o.spec.direction] += o.spec.grossKg;
          c.deliveredMoves[o.spec.direction]++;
          hour.deliveredTonnes[o.spec.direction] += o.spec.grossKg / 1000;
          hour.deliveredMoves[o.spec.direction]++;
          // From the truck's arrival at the gate when the process model knows it, else from release.
          c.clearanceMinutes.push((now - (o.spec.arrivalMs ?? Math.max(o.spec.releaseMs, o.createdMs))) / 60_000);
        } else if (e.kind === 'ServiceStarted') {
          serviceStart.set(e.vehicleId, { kind: site.stations.get(e.station)!.kind, at: now });
        } else if (e.kind === 'ServiceDone') {
          const s = serviceStart.get(e.vehicleId);
          if (s) c.serviceMsByKind.set(s.kind, (c.serviceMsByKind.get(s.kind) ?? 0) + now - s.at);
          serviceStart.delete(e.vehicleId);
        }
      }
      for (const v of world.vehicles.values()) {
        const state = stateOf(v);
        c.vehicleTicks[state]++;
      }
      const h = Math.floor(now / 3_600_000);
      if (h !== hour.hour) closeHour(world, h);
    },
    onGap(gapM: number) {
      if (gapM < c.minGapM) c.minGapM = gapM;
    },
    finish(world: World) {
      const now = world.tick * world.tickMs;
      for (const s of serviceStart.values()) c.serviceMsByKind.set(s.kind, (c.serviceMsByKind.get(s.kind) ?? 0) + now - s.at);
      closeHour(world, hour.hour + 1);
      return c;
    },
  };

  function closeHour(world: World, nextHour: number) {
    hour.openOrders = [...world.orders.values()].filter((o) => o.status === 'open' || o.status === 'assigned').length;
    for (const v of world.vehicles.values()) hour.fleet[stateOf(v)]++;
    hour.energyKwh = [...world.vehicles.values()].reduce((a, v) => a + v.energyUsedWh, 0) / 1000;
    c.hours.push(hour);
    hour = newHour(nextHour);
  }
}

export function stateOf(v: World['vehicles'] extends ReadonlyMap<string, infer V> ? V : never): VehicleStateName {
  if (v.status !== 'ok') return 'faulted';
  if (v.charging) return 'charging';
  if (v.task && v.task.serviceUntilMs !== null) return v.task.kind === 'park' ? 'idle' : 'serving';
  if (v.speedMmps > 0) return 'driving';
  if (v.waitingSinceMs !== null) return 'waiting';
  return v.task ? 'driving' : 'idle';
}

export type Collector = ReturnType<typeof createCollector>;
