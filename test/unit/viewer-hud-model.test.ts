import { describe, expect, it } from 'vitest';
import type { FeedOrder, FeedState, LiveKpis } from '../../engine/protocol/ioc/feed-schema.ts';
import { apiErrorText, formatAge, formatClock, formatMinutes, hudView, laneLengths, namesVehicle, routeLengthM, vehicleDetails } from '../../viewer/src/model/hud-model.ts';
import { statusText } from '../../viewer/src/feed/feed-status.ts';
import { backoffMs } from '../../viewer/src/feed/backoff.ts';
import { feedAt } from '../fixtures/feed-states.ts';

const KPIS: LiveKpis = {
  ordersCreated: 12, ordersDelivered: 7, ordersFailed: 1, ordersOpen: 4, ordersWaiting: 2, ordersByStatus: { open: 2, assigned: 1, loaded: 1 },
  deliveredLastHour: 5, tonnesLastHour: 84.25, deliveredLastHourByDirection: { 'VN-CN': 3, 'CN-VN': 2 }, tonnesLastHourByDirection: { 'VN-CN': 54.25, 'CN-VN': 30 },
  clearanceMinutes: { p50: 47.4, p95: 253 }, vehiclesTotal: 3, vehiclesBusy: 2, vehiclesCharging: 0, vehiclesFaulted: 1,
  fleetByState: { driving: 1, waiting: 1, serving: 0, charging: 0, idle: 0, faulted: 1 }, utilization: 0.667, meanSocPercent: 80, deadlocksResolved: 0, maxWaitS: 12,
};

const ORDER: FeedOrder = {
  id: 'O7', containerId: 'TSTU0000070', sizeFt: 40, grossKg: 18_400, goods: 'frozen-seafood', direction: 'CN-VN', priority: 0,
  origin: 'ST-CN-CR01', destination: 'ST-VN-CR01', status: 'loaded', vehicleId: 'V001', createdMs: 0, loadedMs: 1000, deliveredMs: null, failReason: null,
};

/** Three vehicles, one carrying O7 on lane L-V001 (100 m, nose at 40 m) then 250 m more; a stall alarm on it and a gate alarm. */
function state(): FeedState {
  const s = feedAt(600);
  s.gate.gate = { ...s.gate.gate!, nowMs: 600_000, timestamp: '2026-01-01T08:10:00.000Z', emergencyStop: true };
  s.kpis.live = KPIS;
  s.orders.O7 = ORDER;
  s.vehicles.V001 = { ...s.vehicles.V001!, load: ['O7'], cargo: 'frozen-seafood', offsetMm: 40_000, route: ['L-a', 'L-b'], waitingS: 95, socPercent: 62.35, paused: true, goalStation: 'ST-VN-CR01' };
  s.vehicles.V002 = { ...s.vehicles.V002!, status: 'broken', state: 'faulted' };
  s.alarms['stall:V001'] = { id: 'stall:V001', kind: 'stall', severity: 'warning', subject: 'V001', message: 'V001 has waited 95 s', sinceMs: 505_000 };
  s.alarms['deadlock:V001+V002'] = { id: 'deadlock:V001+V002', kind: 'deadlock', severity: 'warning', subject: 'V001+V002', message: 'deadlock V001, V002', sinceMs: 590_000 };
  s.alarms['emergency-stop'] = { id: 'emergency-stop', kind: 'emergency-stop', severity: 'critical', subject: 'gate', message: 'emergency stop', sinceMs: 0 };
  return s;
}

const LENGTHS = laneLengths({ lanes: [{ id: 'L-V001', lengthMm: 100_000 }, { id: 'L-a', lengthMm: 150_000 }, { id: 'L-b', lengthMm: 100_000 }] as never });

describe('given a feed state with KPIs, orders and alarms', () => {
  it('shows the vehicle count, throughput by direction, queue, clearance, fleet by state and the gate flags', () => {
    const v = hudView(state());
    expect(v.vehicles).toBe(3);
    expect(v.clock).toBe('08:10:00');
    expect(v.flags).toEqual(['EMERGENCY STOP']);
    expect(v.throughput).toEqual([{ direction: 'VN-CN', moves: 3, tonnes: '54.3 t' }, { direction: 'CN-VN', moves: 2, tonnes: '30.0 t' }]);
    expect(v.queue).toEqual([{ label: 'waiting', count: 2 }, { label: 'assigned', count: 1 }, { label: 'on board', count: 1 }]);
    expect(v.clearance).toEqual({ p50: '47 min', p95: '4 h 13 min' });
    expect(v.fleet.find((f) => f.state === 'faulted')!.count).toBe(1);
    expect(v.fleet.map((f) => f.state)).toEqual(['driving', 'waiting', 'serving', 'charging', 'idle', 'faulted']);
  });

  it('lists the critical alarms first, then the newest, with their age', () => {
    expect(hudView(state()).alarms.map((a) => [a.id, a.age])).toEqual([
      ['emergency-stop', '10 min'],
      ['deadlock:V001+V002', '10 s'],
      ['stall:V001', '1 min'],
    ]);
  });

  it('falls back to counting vehicle states and dashes before the first KPI entry', () => {
    const s = state();
    delete s.kpis.live;
    const v = hudView(s);
    expect(v.clearance).toEqual({ p50: '–', p95: '–' });
    expect(v.fleet.find((f) => f.state === 'driving')!.count).toBe(2);
    expect(v.throughput.every((t) => t.moves === 0)).toBe(true);
  });

  it('details a vehicle: cargo from the orders collection, battery, task, route length and its alarms', () => {
    const d = vehicleDetails(state(), 'V001', LENGTHS)!;
    expect(d.cargo).toEqual([{ orderId: 'O7', containerId: 'TSTU0000070', goods: 'frozen-seafood', text: 'TSTU0000070 · frozen-seafood · 40 ft 18.4 t · CN-VN → ST-VN-CR01' }]);
    expect(d.state).toBe('driving (paused)');
    expect(d.battery).toBe('62.4 %');
    expect(d.task).toBe('order → ST-VN-CR01');
    expect(d.laneId).toBe('L-V001');
    expect(d.route).toBe('310 m (3 lanes)');
    expect(d.problems).toEqual(['waiting 1 min', 'warning: V001 has waited 95 s', 'warning: deadlock V001, V002']);
    expect(vehicleDetails(state(), 'V002', LENGTHS)!.problems[0]).toBe('status broken');
    expect(vehicleDetails(state(), 'nope', LENGTHS)).toBeNull();
  });

  it('says when a carried order is no longer in the feed and when a lane is unknown', () => {
    const s = state();
    delete s.orders.O7;
    const d = vehicleDetails(s, 'V001', new Map())!;
    expect(d.cargo[0]!.text).toBe('O7 (order not in the feed)');
    expect(d.route.startsWith('?')).toBe(true);
  });
});

describe('given the small formatters', () => {
  it('measure routes from the nose', () => {
    expect(routeLengthM({ lane: 'L-V001', offsetMm: 100_000, route: [] }, LENGTHS)).toBe(0);
    expect(routeLengthM({ lane: 'L-a', offsetMm: 0, route: ['L-b'] }, LENGTHS)).toBe(250);
    expect(routeLengthM({ lane: 'L-a', offsetMm: 0, route: ['L-x'] }, LENGTHS)).toBeNull();
  });

  it('write minutes, ages and replay clocks', () => {
    expect([formatMinutes(null), formatMinutes(59.4), formatMinutes(60), formatMinutes(365)]).toEqual(['–', '59 min', '1 h 00 min', '6 h 05 min']);
    expect([formatAge(-5), formatAge(59_999), formatAge(61_000), formatAge(7_260_000)]).toEqual(['0 s', '59 s', '1 min', '2 h 01 min']);
    expect([formatClock(0), formatClock(3_725_000), formatClock(90_061_000)]).toEqual(['0:00:00', '1:02:05', '25:01:01']);
  });

  it('match alarm subjects naming a vehicle exactly', () => {
    expect(namesVehicle('V1+V2', 'V2')).toBe(true);
    expect(namesVehicle('V12', 'V1')).toBe(false);
    expect(namesVehicle('gate', 'V1')).toBe(false);
  });

  it("turn the API's refusal into its own words", () => {
    expect(apiErrorText(403, JSON.stringify({ error: 'forbidden', message: 'this token may only read' }))).toBe('403 forbidden: this token may only read');
    expect(apiErrorText(502, '<html>Bad gateway</html>')).toBe('502: <html>Bad gateway</html>');
    expect(apiErrorText(500, '')).toBe('HTTP 500');
  });

  it('say the feed status and back off from 0.5 s to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(statusText({ kind: 'live', role: 'ioc', version: 3 })).toBe('live · ioc');
    expect(statusText({ kind: 'retrying', inMs: 2000, reason: '1006' })).toBe('feed lost (1006); retrying in 2.0 s');
    expect(statusText({ kind: 'refused', reason: 'unauthorized: missing or unknown IOC/operator token' })).toContain('refused');
    expect(statusText({ kind: 'connecting', attempt: 2 })).toBe('reconnecting (attempt 3)…');
  });
});
