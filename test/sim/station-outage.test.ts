import { describe, expect, it } from 'vitest';
import { RING_MAP, runUntil } from '../fixtures/ring-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';
import type { EngineEvent } from '../../engine/core/model/events.ts';

const MAP = RING_MAP;
const CRANE_C = 'transfer-crane-C';
const CRANE_F = 'transfer-crane-F';

type Harness = ReturnType<typeof createHarness>;
const eventsOf = <K extends EngineEvent['kind']>(h: Harness, kind: K) =>
  h.events.filter((e): e is { t: number; e: Extract<EngineEvent, { kind: K }> } => e.e.kind === kind);
const ticks = (h: Harness, n: number) => {
  for (let i = 0; i < n; i++) h.tick();
};
/** The vehicle stands at the end of the lane into `node`, route done. */
const standsAt = (h: Harness, id: string, node: string) => {
  const v = h.world().vehicles.get(id)!;
  return v.lane.endsWith(`-${node}`) && v.route.length === 0 && v.speedMmps === 0;
};

describe('given a crane that is down when a vehicle arrives to pick there', () => {
  it('keeps the vehicle waiting at the stop and serves it once the crane comes up', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    h.tick([{ kind: 'StationDown', station: CRANE_C, reason: 'spreader fault' }, h.order(CRANE_C, CRANE_F)]);
    expect(h.world().downStations.get(CRANE_C)).toMatchObject({ reason: 'spreader fault' });
    expect(runUntil(h, () => standsAt(h, 'V1', 'C'))).toBe(true);
    ticks(h, 600); // five minutes at the stop: longer than a crane move
    expect(eventsOf(h, 'ServiceStarted').filter((s) => s.e.station === CRANE_C)).toEqual([]);
    expect(h.world().orders.get('O1')!.status).toBe('assigned');
    const up = h.tick([{ kind: 'StationUp', station: CRANE_C }]);
    expect(up.events).toContainEqual(expect.objectContaining({ kind: 'StationCameUp', station: CRANE_C }));
    expect(h.world().downStations.size).toBe(0);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'delivered')).toBe(true);
    const upAt = eventsOf(h, 'StationCameUp')[0]!.t;
    expect(eventsOf(h, 'ServiceStarted').find((s) => s.e.station === CRANE_C)!.t).toBeGreaterThanOrEqual(upAt);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});

describe('given a crane that goes down in the middle of a move', () => {
  it('suspends the move and finishes it later by exactly the outage length', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    const cmd = h.order(CRANE_C, CRANE_F);
    if (cmd.kind === 'CreateOrder') cmd.order.serviceMs = { [CRANE_C]: 20_000 };
    h.tick([cmd]);
    const craneStart = () => eventsOf(h, 'ServiceStarted').find((s) => s.e.station === CRANE_C);
    expect(runUntil(h, () => craneStart() !== undefined)).toBe(true);
    const started = craneStart()!.t;
    ticks(h, 10);
    h.tick([{ kind: 'StationDown', station: CRANE_C, reason: 'power loss' }]);
    ticks(h, 180); // 90 s down, far past the 20 s move
    expect(h.world().orders.get('O1')!.status).toBe('assigned');
    h.tick([{ kind: 'StationUp', station: CRANE_C }]);
    const downMs = eventsOf(h, 'StationCameUp')[0]!.e.downMs;
    expect(downMs).toBe(90_500);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'loaded')).toBe(true);
    const loaded = eventsOf(h, 'OrderLoaded')[0]!.t;
    expect(loaded - started).toBe(20_000 + downMs);
    expect(runUntil(h, () => h.world().orders.get('O1')!.status === 'delivered')).toBe(true);
    expect(h.checkTrace()).toMatch(/^OK:/);
  });
});

describe('given a charger that goes down while a vehicle charges there', () => {
  it('stops delivering energy until it comes up, then the vehicle charges on', () => {
    const h = createHarness(MAP, { chargeBelowPercent: 30, chargeTargetPercent: 60 });
    h.tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 20 }]);
    expect(runUntil(h, () => eventsOf(h, 'ChargingStarted').length > 0)).toBe(true);
    ticks(h, 20);
    h.tick([{ kind: 'StationDown', station: 'charger-K', reason: 'breaker tripped' }]);
    ticks(h, 4); // the vehicle hears "stop charging" on the next command
    const soc = h.world().vehicles.get('V1')!.socWh;
    ticks(h, 200);
    expect(h.world().vehicles.get('V1')!.charging).toBe(false);
    expect(h.world().vehicles.get('V1')!.socWh).toBe(soc);
    h.tick([{ kind: 'StationUp', station: 'charger-K' }]);
    expect(runUntil(h, () => eventsOf(h, 'ChargingFinished').length > 0, 40_000)).toBe(true);
    expect(eventsOf(h, 'ChargingFinished')[0]!.e.socPercent).toBeGreaterThanOrEqual(60);
  });
});

describe('given both cranes failing in turn under a stream of orders', () => {
  it('delivers every order, and the trace check passes', () => {
    const h = createHarness(MAP);
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'V2', spec: {}, at: { node: 'E' }, socPercent: 90 },
    ]);
    const orders = [h.order(CRANE_C, CRANE_F), h.order(CRANE_F, CRANE_C), h.order(CRANE_C, CRANE_F), h.order(CRANE_F, CRANE_C)];
    h.tick([...orders, { kind: 'StationDown', station: CRANE_F, reason: 'scheduled maintenance' }]);
    ticks(h, 400);
    h.tick([{ kind: 'StationUp', station: CRANE_F }, { kind: 'StationDown', station: CRANE_C, reason: 'hydraulics' }]);
    ticks(h, 700);
    h.tick([{ kind: 'StationUp', station: CRANE_C }]);
    expect(runUntil(h, () => [...h.world().orders.values()].every((o) => o.status === 'delivered'), 60_000)).toBe(true);
    expect(eventsOf(h, 'StationWentDown').map((e) => e.e.station)).toEqual([CRANE_F, CRANE_C]);
    expect(h.checkTrace()).toMatch(/^OK: .* 4 orders \(4 delivered, 0 failed, 0 open\)/);
  });
});

describe('given outage commands that name no station or repeat', () => {
  it('refuses an unknown station with UNKNOWN_STATION and treats a repeat as one outage', () => {
    const h = createHarness(MAP);
    h.tick([{ kind: 'StationDown', station: 'ST-NOWHERE', reason: 'x' }, { kind: 'StationUp', station: 'ST-NOWHERE' }]);
    expect(eventsOf(h, 'CommandRejected').map((e) => `${e.e.command}:${e.e.reason}`)).toEqual(['StationDown:UNKNOWN_STATION', 'StationUp:UNKNOWN_STATION']);
    h.tick([{ kind: 'StationDown', station: CRANE_C, reason: 'first' }]);
    ticks(h, 3);
    h.tick([{ kind: 'StationDown', station: CRANE_C, reason: 'second' }, { kind: 'StationUp', station: CRANE_F }]);
    expect(h.world().downStations.get(CRANE_C)).toEqual({ reason: 'first', sinceMs: 1_000 });
    h.tick([{ kind: 'StationUp', station: CRANE_C }]);
    expect(eventsOf(h, 'StationWentDown')).toHaveLength(1);
    expect(eventsOf(h, 'StationCameUp').map((e) => e.e)).toEqual([{ kind: 'StationCameUp', station: CRANE_C, downMs: 2_500 }]);
  });
});
