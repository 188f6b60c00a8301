import { describe, expect, it } from 'vitest';
import { RING_MAP, runUntil } from '../fixtures/ring-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';
import type { EngineEvent } from '../../engine/core/model/events.ts';

const MAP = RING_MAP;

const stationAt = (h: ReturnType<typeof createHarness>, node: string) => [...h.site.stations.values()].find((s) => s.nodes[0] === node)!.id;
const kinds = (h: ReturnType<typeof createHarness>) => h.events.map((e) => e.e.kind);
const eventsOf = <K extends EngineEvent['kind']>(h: ReturnType<typeof createHarness>, kind: K) =>
  h.events.map((e) => e.e).filter((e): e is Extract<EngineEvent, { kind: K }> => e.kind === kind);

describe('given a vehicle that breaks down with a container on board', () => {
  it('keeps the order on the vehicle, keeps its space, and delivers after the repair', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    h.tick([h.order(stationAt(h, 'C'), stationAt(h, 'F'))]);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'loaded')).toBe(true);
    for (let i = 0; i < 20; i++) h.tick();
    const before = h.world().vehicles.get('V1')!;
    h.tick([{ kind: 'BreakDown', vehicleId: 'V1', repairMs: 120_000 }]);
    for (let i = 0; i < 60; i++) h.tick();
    const broken = h.world().vehicles.get('V1')!;
    expect(broken.status).toBe('broken');
    expect(broken.speedMmps).toBe(0);
    expect(broken.held.length).toBeGreaterThan(0);
    expect(broken.load).toEqual(['O1']);
    expect(Math.abs(broken.offsetMm - before.offsetMm) + (broken.lane === before.lane ? 0 : 1e9)).toBeLessThan(20_000);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'delivered')).toBe(true);
    expect(kinds(h)).toContain('VehicleRepaired');
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});

describe('given a vehicle that breaks down before it picks its container', () => {
  it('gives the order back (OrderUnassigned) and another vehicle delivers it', () => {
    const h = createHarness(MAP);
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'V2', spec: {}, at: { node: 'E' }, socPercent: 90 },
    ]);
    h.tick([h.order(stationAt(h, 'C'), stationAt(h, 'F'))]);
    const owner = h.world().orders.get('O1')!.vehicleId!;
    h.tick([{ kind: 'BreakDown', vehicleId: owner, repairMs: 3_600_000 }]);
    const un = eventsOf(h, 'OrderUnassigned');
    expect(un).toEqual([{ kind: 'OrderUnassigned', orderId: 'O1', vehicleId: owner, reason: 'VEHICLE_BROKEN' }]);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'delivered', 40_000)).toBe(true);
    expect(h.world().orders.get('O1')!.vehicleId).not.toBe(owner);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});

describe('given a lane closed on a vehicle route', () => {
  it('routes the vehicle round the closure and never lets it enter the closed lane', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'F' }, socPercent: 90 }]);
    h.tick([{ kind: 'CloseLane', laneId: 'B-G' }, h.order(stationAt(h, 'C'), stationAt(h, 'F'))]);
    const lanesDriven = new Set<string>();
    expect(runUntil(h, () => {
      lanesDriven.add(h.world().vehicles.get('V1')!.lane);
      return h.world().orders.get('O1')!.status === 'delivered';
    })).toBe(true);
    expect(lanesDriven.has('B-G')).toBe(false);
    expect(kinds(h)).toContain('LaneClosed');
  });
  it('refuses to close a lane the map does not have, with a reason', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'CloseLane', laneId: 'X-Y' }]);
    expect(eventsOf(h, 'CommandRejected')[0]).toMatchObject({ command: 'CloseLane', reason: 'UNKNOWN_LANE' });
  });
});

describe('given a vehicle whose link is lost', () => {
  it('gets no commands while lost, stops within its released space, and finishes after the link is back', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    h.tick([h.order(stationAt(h, 'C'), stationAt(h, 'F'))]);
    for (let i = 0; i < 10; i++) h.tick();
    const out = h.tick([{ kind: 'LinkLost', vehicleId: 'V1' }]);
    expect(out.events).toContainEqual({ kind: 'VehicleLinkLost', vehicleId: 'V1' });
    let commands = 0;
    for (let i = 0; i < 200; i++) commands += h.tick().vehicleCommands.filter((c) => c.vehicleId === 'V1').length;
    expect(commands).toBe(0);
    expect(h.run.vehicles.get('V1')!.speedMmps).toBe(0);
    h.tick([{ kind: 'LinkRestored', vehicleId: 'V1' }]);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'delivered')).toBe(true);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});

describe('given vehicles low on charge', () => {
  it('sends a vehicle below the threshold to the charger stall and back to work when charged', () => {
    const h = createHarness(MAP, { chargeBelowPercent: 30, chargeTargetPercent: 60 });
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 20 }]);
    expect(runUntil(h, () => kinds(h).includes('ChargingStarted'))).toBe(true);
    const v = h.world().vehicles.get('V1')!;
    expect(v.lane).toBe('G-K');
    h.tick([h.order(stationAt(h, 'C'), stationAt(h, 'F'))]);
    expect(eventsOf(h, 'OrderNotAssigned').map((e) => e.reason)).toContain('NO_IDLE_VEHICLE');
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'delivered', 40_000)).toBe(true);
    expect(eventsOf(h, 'ChargingFinished')[0]!.socPercent).toBeGreaterThanOrEqual(60);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
  it('refuses work the battery cannot do with its reserve left (LOW_BATTERY) rather than stranding', () => {
    const h = createHarness(MAP, { chargeBelowPercent: 5, reservePercent: 10 });
    // The order arrives with the vehicle, before the energy policy would send it to top up.
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'V1', spec: { batteryWh: 20_000 }, at: { node: 'A' }, socPercent: 10 },
      h.order('transfer-crane-C', 'transfer-crane-F'),
    ]);
    expect(eventsOf(h, 'OrderNotAssigned')).toContainEqual({ kind: 'OrderNotAssigned', orderId: 'O1', reason: 'LOW_BATTERY' });
    expect(h.world().orders.get('O1')!.status).toBe('open');
  });
});

describe('given an emergency stop', () => {
  it('halts every vehicle, grants no space while it lasts, and lets them go on release', () => {
    const h = createHarness(MAP);
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'V2', spec: {}, at: { node: 'E' }, socPercent: 90 },
    ]);
    h.tick([h.order(stationAt(h, 'C'), stationAt(h, 'F')), h.order(stationAt(h, 'F'), stationAt(h, 'C'))]);
    for (let i = 0; i < 20; i++) h.tick();
    h.tick([{ kind: 'EmergencyStop' }]);
    for (let i = 0; i < 20; i++) h.tick();
    const stopped = [...h.run.vehicles.values()].map((v) => [v.lane, v.offsetMm]);
    for (const v of h.run.vehicles.values()) expect(v.speedMmps).toBe(0);
    for (let i = 0; i < 20; i++) h.tick();
    expect([...h.run.vehicles.values()].map((v) => [v.lane, v.offsetMm])).toEqual(stopped);
    h.tick([{ kind: 'ReleaseEmergencyStop' }]);
    expect(runUntil(h, () => [...h.world().orders.values()].every((o) => o.status === 'delivered'), 40_000)).toBe(true);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});

describe('given operator requests that cannot be met', () => {
  it('answers each with a reason code and changes nothing else', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    const crane = stationAt(h, 'C');
    h.tick([
      { kind: 'PauseVehicle', vehicleId: 'NOPE' },
      { kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'C' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'V2', spec: {}, at: { node: 'A' }, socPercent: 90 },
      h.order(crane, crane),
      h.order('ST-NOWHERE', crane),
      { kind: 'CancelOrder', orderId: 'O9', reason: 'operator' },
    ]);
    const rejected = eventsOf(h, 'CommandRejected').map((e) => `${e.command}:${e.reason}`);
    expect(rejected).toEqual(['PauseVehicle:UNKNOWN_VEHICLE', 'AddVehicle:DUPLICATE_ID', 'AddVehicle:PLACEMENT_OCCUPIED', 'CancelOrder:UNKNOWN_ORDER']);
    expect(eventsOf(h, 'OrderRejected').map((e) => e.reason)).toEqual(['NO_ROUTE', 'UNKNOWN_STATION']);
    expect(h.world().vehicles.size).toBe(1);
    expect(h.world().orders.size).toBe(0);
  });
  it('cancels an assigned order with a reason and frees its vehicle', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    h.tick([h.order(stationAt(h, 'C'), stationAt(h, 'F'))]);
    h.tick([{ kind: 'CancelOrder', orderId: 'O1', reason: 'shipper withdrew' }]);
    const o = h.world().orders.get('O1')!;
    expect(o.status).toBe('failed');
    expect(o.failReason).toMatch(/CANCELLED/);
    expect(h.world().vehicles.get('V1')!.task?.kind ?? 'none').not.toBe('order');
  });
});

describe('given an order with its own service times (a crane move drawn by the process model, an inspection hold)', () => {
  it('serves it for that time instead of the station default', () => {
    const run = (serviceMs?: Record<string, number>) => {
      const h = createHarness(MAP);
      const c = stationAt(h, 'C');
      h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
      const cmd = h.order(c, stationAt(h, 'F'));
      if (serviceMs && cmd.kind === 'CreateOrder') cmd.order.serviceMs = serviceMs;
      h.tick([cmd]);
      runUntil(h, () => h.world().orders.get('O1')!.status === 'loaded');
      const started = h.events.find((e) => e.e.kind === 'ServiceStarted' && e.e.station === c)!.t;
      const loaded = h.events.find((e) => e.e.kind === 'OrderLoaded')!.t;
      return loaded - started;
    };
    expect(run()).toBeGreaterThanOrEqual(210_000);
    const quick = run({ 'transfer-crane-C': 20_000 });
    expect(quick).toBeGreaterThanOrEqual(20_000);
    expect(quick).toBeLessThan(25_000);
  });
});
