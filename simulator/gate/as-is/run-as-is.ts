/**
 * The as-is (traditional lane) gate as a discrete-event queueing model. Per direction a truck
 * passes the steps of `process-steps.ts` in order, FIFO at each; staffed steps start a service
 * only while the calendar is open, and a service in progress at closing time finishes (ESTIMATE:
 * officers finish the truck in hand). Queues carry over nights, weekends, holidays and Tết.
 * Deterministic: arrivals and service times come from seeded streams, and simultaneous events
 * run in the order they were scheduled.
 */
import { DIRECTIONS, type Direction } from '../../../engine/core/model/order.ts';
import { isOpen, MS_PER_DAY, MS_PER_HOUR, nextOpenMs, openHoursBetween } from '../calendar.ts';
import { createTruckArrivals, type TruckArrival, type TruckArrivalStream } from '../demand/truck-demand.ts';
import type { AsIsParams } from './as-is-params.ts';
import {
  clearanceHours,
  deliveredPerDay,
  judgeStability,
  queueStats,
  type AsIsResult,
  type ClearedTruck,
  type PerDirection,
  type QueueSample,
} from './as-is-result.ts';
import { createEventQueue } from './event-queue.ts';
import { planTruck, STAFFED_STEPS, STEP_NAMES, stepSpecs, type StaffedStep } from './process-steps.ts';
import { createDraws } from './service-draws.ts';
import { createStation, type Station } from './station.ts';

export interface AsIsRunOptions {
  readonly seed: number;
  /** Measured days after the warm-up. */
  readonly days: number;
  /** Days simulated before measurement starts (queues build up, nothing is reported). */
  readonly warmupDays: number;
  /** Overrides `params.demand.multiplier` (the capacity search bisects on it). */
  readonly multiplier?: number;
  /** Overrides `params.startDay` (day index of the run's first day; t = 0 is Mon 1 Jan 2025). */
  readonly startDay?: number;
}

/** Run bounds, integer ms: run [startMs, endMs), measure [warmupEndMs, endMs). */
export interface AsIsWindow {
  readonly startMs: number;
  readonly warmupEndMs: number;
  readonly endMs: number;
}

const SERVICE_SALT = 0x0a51_5e7;

/** Runs the as-is model on truck demand drawn from `params.demand` and `params.calendar`. */
export function runAsIs(params: AsIsParams, opts: AsIsRunOptions): AsIsResult {
  const startMs = (opts.startDay ?? params.startDay) * MS_PER_DAY;
  const warmupEndMs = startMs + opts.warmupDays * MS_PER_DAY;
  const window = { startMs, warmupEndMs, endMs: warmupEndMs + opts.days * MS_PER_DAY };
  const demand = { ...params.demand, multiplier: opts.multiplier ?? params.demand.multiplier };
  return simulateAsIs(params, createTruckArrivals(demand, params.calendar, opts.seed), window, opts.seed);
}

type Truck = { readonly arrival: TruckArrival; readonly plan: ReadonlyArray<number | null>; step: number };
type SimEvent = { kind: 'arrive'; truck: Truck } | { kind: 'done'; truck: Truck } | { kind: 'wake' } | { kind: 'hour' };

/**
 * Runs the as-is model on any arrival stream (fetched an hour at a time over the run window);
 * `seed` drives the service-time draws. Windows must be whole hours from `startMs`.
 */
export function simulateAsIs(params: AsIsParams, arrivals: TruckArrivalStream, window: AsIsWindow, seed: number): AsIsResult {
  const { startMs, warmupEndMs, endMs } = window;
  const calendar = params.calendar;
  const draws = createDraws(seed, SERVICE_SALT);
  const events = createEventQueue<SimEvent>();
  const lines = Object.fromEntries(
    DIRECTIONS.map((d) => [d, stepSpecs(params, d).map((spec) => createStation<Truck>(spec, warmupEndMs, endMs))]),
  ) as PerDirection<Station<Truck>[]>;
  const wakes = new Set<number>();
  const inSystem = { 'VN-CN': 0, 'CN-VN': 0 };
  const cleared: ClearedTruck[] = [];
  const samples: QueueSample[] = [];
  let arrived = 0;
  let released = 0;
  let windowArrived = 0;
  let inSystemAtWarmupEnd: number | null = null;

  function tryStart(station: Station<Truck>, nowMs: number): void {
    const open = isOpen(calendar, nowMs);
    for (;;) {
      const started = station.startNext(nowMs, open, (t) => t.plan[t.step]!);
      if (started === undefined) break;
      events.schedule(started.doneMs, { kind: 'done', truck: started.item });
    }
    if (station.waiting > 0 && station.spec.staffed && !open && station.busy < station.spec.servers) {
      const at = nextOpenMs(calendar, nowMs);
      if (Number.isFinite(at) && !wakes.has(at)) {
        wakes.add(at);
        events.schedule(at, { kind: 'wake' });
      }
    }
  }

  /** Moves `truck` to the first step at or after `from` that it visits, or releases it. */
  function advance(truck: Truck, from: number, nowMs: number): void {
    let step = from;
    while (step < truck.plan.length && truck.plan[step] === null) step++;
    const dir = truck.arrival.direction;
    if (step >= truck.plan.length) {
      inSystem[dir]--;
      released++;
      if (nowMs >= warmupEndMs) {
        const a = truck.arrival;
        cleared.push({ id: a.id, direction: dir, grossKg: a.grossKg, arrivalMs: a.atMs, releaseMs: nowMs });
      }
      return;
    }
    truck.step = step;
    const station = lines[dir][step]!;
    station.enqueue(truck);
    tryStart(station, nowMs);
  }

  function sample(atMs: number): void {
    const waiting = { 'VN-CN': 0, 'CN-VN': 0 };
    for (const d of DIRECTIONS) for (const s of lines[d]) waiting[d] += s.waiting;
    samples.push({ atMs, inSystem: { ...inSystem }, waiting });
  }

  events.schedule(startMs, { kind: 'hour' });
  for (;;) {
    const atMs = events.peekMs();
    if (atMs === undefined || atMs >= endMs) break;
    const { event } = events.pop()!;
    if (inSystemAtWarmupEnd === null && atMs >= warmupEndMs) inSystemAtWarmupEnd = inSystem['VN-CN'] + inSystem['CN-VN'];
    switch (event.kind) {
      case 'hour': {
        if (atMs >= warmupEndMs) sample(atMs);
        for (const a of arrivals.next(atMs, Math.min(endMs, atMs + MS_PER_HOUR))) {
          events.schedule(a.atMs, { kind: 'arrive', truck: { arrival: a, plan: planTruck(params, a, draws), step: -1 } });
        }
        events.schedule(atMs + MS_PER_HOUR, { kind: 'hour' });
        break;
      }
      case 'arrive': {
        arrived++;
        if (atMs >= warmupEndMs) windowArrived++;
        inSystem[event.truck.arrival.direction]++;
        advance(event.truck, 0, atMs);
        break;
      }
      case 'done': {
        const station = lines[event.truck.arrival.direction][event.truck.step]!;
        station.finish();
        tryStart(station, atMs);
        advance(event.truck, event.truck.step + 1, atMs);
        break;
      }
      case 'wake': {
        wakes.delete(atMs);
        for (const d of DIRECTIONS) for (const s of lines[d]) tryStart(s, atMs);
        break;
      }
    }
  }

  // Counted at the stations, not from the counters, so conservation is a real check.
  const held = DIRECTIONS.reduce((n, d) => n + lines[d].reduce((m, s) => m + s.waiting + s.busy, 0), 0);
  const openHours = openHoursBetween(calendar, warmupEndMs, endMs);
  const stability = judgeStability(samples);
  return {
    startMs,
    warmupEndMs,
    endMs,
    openHours,
    cleared,
    counts: { arrived, cleared: released, inSystem: held },
    windowCounts: { arrived: windowArrived, cleared: cleared.length, inSystemAtStart: inSystemAtWarmupEnd ?? 0, inSystemAtEnd: held },
    queueSamples: samples,
    queue: queueStats(samples),
    utilisation: utilisation(lines, openHours),
    ...deliveredPerDay(cleared, endMs - warmupEndMs),
    clearanceHours: clearanceHours(cleared),
    stable: stability.stable,
    stability,
  };
}

function utilisation(lines: PerDirection<Station<unknown>[]>, openHours: number): AsIsResult['utilisation'] {
  const per = (d: Direction) =>
    Object.fromEntries(
      STAFFED_STEPS.map((name) => {
        const s = lines[d][STEP_NAMES.indexOf(name)]!;
        const capacityMs = s.spec.servers * openHours * MS_PER_HOUR;
        return [name, capacityMs > 0 ? s.busyMsInWindow / capacityMs : 0];
      }),
    ) as Record<StaffedStep, number>;
  return { 'VN-CN': per('VN-CN'), 'CN-VN': per('CN-VN') };
}
