import { describe, expect, it } from 'vitest';
import { RING_MAP } from '../fixtures/ring-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';
import { createFeedHub } from '../../engine/runtime/feed/feed-hub.ts';
import { createFeedPipeline } from '../../engine/runtime/feed/feed-pipeline.ts';
import { createAlarmBook } from '../../engine/runtime/feed/alarm-book.ts';
import { FeedStateSchema, type FeedState } from '../../engine/protocol/ioc/feed-schema.ts';
import type { Notice } from '../../engine/protocol/ioc/messages.ts';
import type { Command } from '../../engine/core/model/commands.ts';
import { vehiclePose } from '../../simulator/vehicles/virtual-vehicle.ts';

const CRANE_C = 'transfer-crane-C';
const CRANE_F = 'transfer-crane-F';

/** A harness run whose every tick goes through the feed pipeline into a hub. */
function feedRun(engine: Parameters<typeof createHarness>[1] = {}, orderRetentionMs?: number) {
  const h = createHarness(RING_MAP, engine);
  const hub = createFeedHub();
  const pipeline = createFeedPipeline(h.site, hub, { orderRetentionMs });
  const notices: Notice[] = [];
  hub.onNotice((n) => notices.push(n));
  const tick = (commands: Command[] = []) => {
    const out = h.tick(commands);
    pipeline.onTick(out.world, out.events, new Date(Date.UTC(2026, 0, 1) + out.world.tick * out.world.tickMs).toISOString());
    return pipeline.state()!;
  };
  /** Ticks until `pred` holds for the feed state or `max` ticks pass; returns whether it held. */
  const until = (pred: (s: FeedState) => boolean, max = 20_000) => {
    for (let i = 0; i < max; i++) if (pred(tick())) return true;
    return false;
  };
  return { h, hub, notices, tick, until, state: () => pipeline.state()! };
}

describe('given a vehicle carrying one order round the ring', () => {
  it('shows the vehicle, the order\'s life, the crane occupied and the delivery in the KPIs', () => {
    const r = feedRun({}, 60_000);
    r.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    r.tick([r.h.order(CRANE_C, CRANE_F, { grossKg: 18_000 })]);
    const statuses = new Set<string>();
    let occupiedC = false;
    expect(r.until((s) => {
      statuses.add(s.orders.O1?.status ?? '-');
      occupiedC ||= s.stations[CRANE_C]!.occupiedBy.includes('V1');
      return s.orders.O1?.status === 'delivered';
    })).toBe(true);
    const s = r.state();
    expect(FeedStateSchema.safeParse(s).success).toBe(true);
    expect([...statuses]).toEqual(['open', 'assigned', 'loaded', 'delivered'].filter((x) => statuses.has(x)));
    expect(statuses.has('loaded')).toBe(true);
    expect(occupiedC).toBe(true);
    expect(s.gate.gate).toMatchObject({ mapId: RING_MAP.id, emergencyStop: false, safeMode: false });
    expect(s.vehicles.V1).toMatchObject({ id: 'V1', status: 'ok', lengthM: 15.6, widthM: 3 });
    expect(s.kpis.live).toMatchObject({ ordersCreated: 1, ordersDelivered: 1, ordersOpen: 0, deliveredLastHour: 1, tonnesLastHour: 18, vehiclesTotal: 1 });
    expect(r.hub.snapshot().world.orders!.O1!.status).toBe('delivered');
  });

  it('places the vehicle where the virtual vehicle stands, and reuses its entry object once it is parked', () => {
    const r = feedRun();
    r.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'E' }, socPercent: 90 }]);
    expect(r.until((s) => s.vehicles.V1!.task === 'park' && s.vehicles.V1!.state === 'idle' && s.vehicles.V1!.speedMps === 0)).toBe(true);
    r.tick();
    const a = r.tick().vehicles.V1!;
    const b = r.tick().vehicles.V1!;
    expect(b).toBe(a);
    const p = vehiclePose(r.h.site.cells, r.h.run.vehicles.get('V1')!);
    expect(Math.hypot(a.x - p.x, a.y - p.y)).toBeLessThan(0.01);
    expect(Math.abs(a.heading - p.heading)).toBeLessThan(0.001);
    const stations = r.tick().stations;
    expect(r.tick().stations).toBe(stations);
  });

  it('drops a delivered order out of the feed once its retention has passed', () => {
    const r = feedRun({}, 30_000);
    r.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    r.tick([r.h.order(CRANE_C, CRANE_F)]);
    expect(r.until((s) => s.orders.O1?.status === 'delivered')).toBe(true);
    const at = r.state().gate.gate!.nowMs;
    expect(r.until((s) => s.orders.O1 === undefined)).toBe(true);
    expect(r.state().gate.gate!.nowMs - at).toBeGreaterThanOrEqual(30_000);
    expect(r.h.world().orders.get('O1')!.status).toBe('delivered');
  });
});

describe('given two orders in opposite directions on the ring', () => {
  it('counts the queue by status, the fleet by state, the last hour by direction and the clearance when they are delivered', () => {
    const r = feedRun();
    r.tick([
      { kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'V2', spec: {}, at: { node: 'E' }, socPercent: 90 },
    ]);
    const created = r.tick([
      r.h.order(CRANE_C, CRANE_F, { grossKg: 18_000, arrivalMs: 0 }),
      r.h.order(CRANE_F, CRANE_C, { grossKg: 12_000, direction: 'CN-VN' }),
    ]).kpis.live!;
    expect(created.ordersByStatus.open + created.ordersByStatus.assigned).toBe(2);
    expect(created.ordersWaiting).toBe(created.ordersByStatus.open);
    expect(created.clearanceMinutes).toEqual({ p50: null, p95: null });
    let sawLoaded = false;
    expect(r.until((s) => {
      const k = s.kpis.live!;
      const statuses = Object.values(s.orders).map((o) => o.status);
      for (const st of ['open', 'assigned', 'loaded'] as const) expect(k.ordersByStatus[st]).toBe(statuses.filter((x) => x === st).length);
      expect(Object.values(k.fleetByState).reduce((a, b) => a + b, 0)).toBe(k.vehiclesTotal);
      expect(k.fleetByState.charging).toBe(k.vehiclesCharging);
      sawLoaded ||= k.ordersByStatus.loaded > 0;
      return statuses.every((x) => x === 'delivered');
    })).toBe(true);
    expect(sawLoaded).toBe(true);
    const s = r.state();
    const k = s.kpis.live!;
    expect(k.deliveredLastHourByDirection).toEqual({ 'VN-CN': 1, 'CN-VN': 1 });
    expect(k.tonnesLastHourByDirection).toEqual({ 'VN-CN': 18, 'CN-VN': 12 });
    expect(k.ordersByStatus).toEqual({ open: 0, assigned: 0, loaded: 0 });
    const minutes = Object.values(s.orders).map((o) => (o.deliveredMs! - (o.id === 'O1' ? 0 : o.createdMs)) / 60_000).sort((a, b) => a - b);
    expect(k.clearanceMinutes.p50).toBeCloseTo(minutes[0]!, 1);
    expect(k.clearanceMinutes.p95).toBeCloseTo(minutes[1]!, 1);
    expect(FeedStateSchema.safeParse(s).success).toBe(true);
  });

  it('drops deliveries from the last hour after an hour of engine time but keeps their clearance for the day', () => {
    const r = feedRun({}, 2 * 3_600_000);
    r.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    r.tick([r.h.order(CRANE_C, CRANE_F)]);
    expect(r.until((s) => s.orders.O1?.status === 'delivered')).toBe(true);
    const at = r.state().gate.gate!.nowMs;
    expect(r.until((s) => s.gate.gate!.nowMs - at >= 3_600_000, 100_000)).toBe(true);
    const k = r.state().kpis.live!;
    expect(k.deliveredLastHour).toBe(0);
    expect(k.deliveredLastHourByDirection).toEqual({ 'VN-CN': 0, 'CN-VN': 0 });
    expect(k.clearanceMinutes.p50).not.toBeNull();
  });
});

describe('given faults on the ring', () => {
  it('raises an alarm and a notice for each fault and clears the alarm when it ends', () => {
    const r = feedRun();
    r.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    const cases: [Command, Command | null, string, string][] = [
      [{ kind: 'StationDown', station: CRANE_C, reason: 'spreader fault' }, { kind: 'StationUp', station: CRANE_C }, `station-down:${CRANE_C}`, 'warning'],
      [{ kind: 'LinkLost', vehicleId: 'V1' }, { kind: 'LinkRestored', vehicleId: 'V1' }, 'link-lost:V1', 'critical'],
      [{ kind: 'EmergencyStop' }, { kind: 'ReleaseEmergencyStop' }, 'emergency-stop', 'critical'],
      // A breakdown ends by itself once the repair is done.
      [{ kind: 'BreakDown', vehicleId: 'V1', repairMs: 5_000 }, null, 'breakdown:V1', 'critical'],
    ];
    for (const [raise, clear, id, severity] of cases) {
      expect(r.tick([raise]).alarms[id], id).toMatchObject({ id, severity });
      expect(r.notices.at(-1)!.level, id).toBe(severity);
      for (let i = 0; i < 5; i++) expect(r.tick().alarms[id], id).toBeDefined();
      if (clear) r.tick([clear]);
      expect(r.until((s) => s.alarms[id] === undefined, 100), id).toBe(true);
      expect(r.notices.at(-1)!.level, id).toBe('info');
    }
    const codes = r.notices.map((n) => n.code);
    for (const c of ['StationWentDown', 'StationCameUp', 'VehicleBrokeDown', 'VehicleRepaired', 'VehicleLinkLost', 'VehicleLinkRestored', 'EmergencyStopped', 'EmergencyReleased']) expect(codes).toContain(c);
    expect(r.state().gate.gate!.emergencyStop).toBe(false);
  });

  it('raises a stall alarm for a vehicle stuck behind a broken one and clears it when it moves again', () => {
    const r = feedRun({ watchdogMs: 20_000 });
    r.tick([
      { kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'V2', spec: {}, at: { node: 'H' }, socPercent: 90 },
    ]);
    r.tick([r.h.order(CRANE_C, CRANE_F)]);
    expect(r.until((s) => s.orders.O1?.status === 'loaded')).toBe(true);
    const carrier = r.state().orders.O1!.vehicleId!;
    r.tick([{ kind: 'BreakDown', vehicleId: carrier, repairMs: 120_000 }, r.h.order(CRANE_C, CRANE_F)]);
    const other = carrier === 'V1' ? 'V2' : 'V1';
    expect(r.until((s) => s.alarms[`stall:${other}`] !== undefined, 2_000)).toBe(true);
    expect(r.state().alarms[`stall:${other}`]).toMatchObject({ kind: 'stall', severity: 'warning', subject: other });
    expect(r.state().vehicles[other]!.waitingS).toBeGreaterThanOrEqual(20);
    expect(r.until((s) => s.alarms[`stall:${other}`] === undefined, 2_000)).toBe(true);
    expect(r.state().vehicles[other]!.waitingS).toBe(0);
  });
});

describe('given an alarm book started on a world already in trouble (a restart)', () => {
  it('raises the alarms the world shows without their events', () => {
    const h = createHarness(RING_MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    h.tick([{ kind: 'StationDown', station: CRANE_F, reason: 'maintenance' }, { kind: 'EmergencyStop' }]);
    const { alarms, notices } = createAlarmBook().update(h.world(), []);
    expect(Object.keys(alarms)).toEqual(['emergency-stop', `station-down:${CRANE_F}`]);
    expect(alarms[`station-down:${CRANE_F}`]!.message).toContain('maintenance');
    expect(notices).toEqual([]);
  });
});
