/**
 * Demand from the gate process: trucks arrive by the calendar and the 2025 demand model; those
 * carrying pilot goods in containers take the smart lane and become IGV orders once declared; the
 * rest stay on the traditional lane (kept here; the as-is model serves them after the run).
 *
 * Trucks are drawn from the traditional lane's warm-up on, so both lanes share one truck
 * population; smart-lane trucks that arrived before the run are not replayed (the IGV lane starts
 * empty, with its fleet parked).
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { OrderSpec } from '../../engine/core/model/order.ts';
import { MS_PER_DAY } from './calendar.ts';
import { createTruckArrivals, type TruckArrival } from './demand/truck-demand.ts';
import { createSmartLane, smartLaneStations } from './smart/smart-lane-process.ts';
import { takesSmartLane } from './truck-list.ts';
import type { GateDemand } from '../scenarios/scenario-schema.ts';
import type { SurgeWindow } from '../faults/surge.ts';

export interface GateOrderStream {
  /** Orders cleared to move in (fromMs, toMs] of run time. */
  next(fromMs: number, toMs: number): OrderSpec[];
  /** Smart-lane trucks arrived and not yet turned into orders (declaration, document check). */
  waiting(): number;
  readonly stats: { smartTrucks: number; traditionalTrucks: number; traditionalKg: number };
  /** Every truck drawn so far, warm-up included, in arrival order (calendar ms). */
  readonly trucks: readonly TruckArrival[];
  /** Calendar ms of run time 0. */
  readonly offsetMs: number;
}

/** `surges`: demand surge windows in absolute calendar ms (see faults/scenario-faults.ts). */
export function createGateOrderStream(demand: GateDemand, map: IgvMap, seed: number, surges: readonly SurgeWindow[] = []): GateOrderStream {
  const offset = demand.startDay * MS_PER_DAY;
  const arrivals = createTruckArrivals(demand.trucks, demand.calendar, seed, surges);
  const lane = createSmartLane(demand.smartLane, smartLaneStations(map), seed);
  const stats = { smartTrucks: 0, traditionalTrucks: 0, traditionalKg: 0 };
  const trucks: TruckArrival[] = [];
  const warmupMs = demand.traditionalLane.enabled ? demand.traditionalLane.warmupDays * MS_PER_DAY : 0;
  let drawnTo = -warmupMs;
  return {
    stats,
    trucks,
    offsetMs: offset,
    waiting: () => lane.waiting(),
    next(_fromMs, toMs) {
      if (toMs > drawnTo) {
        const drawn = arrivals.next(offset + drawnTo, offset + toMs);
        drawnTo = toMs;
        const smart = [];
        for (const t of drawn) {
          trucks.push(t);
          if (t.atMs < offset) continue;
          if (takesSmartLane(t)) {
            stats.smartTrucks++;
            smart.push({ id: t.id, atMs: t.atMs - offset, direction: t.direction, goods: t.goods, grossKg: t.grossKg, sizeFt: t.sizeFt });
          } else {
            stats.traditionalTrucks++;
            stats.traditionalKg += t.grossKg;
          }
        }
        lane.admit(smart);
      }
      return lane.due(toMs);
    },
  };
}
