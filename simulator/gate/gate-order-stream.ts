/**
 * Demand from the gate process: trucks arrive by the calendar and the 2025 demand model; those
 * carrying pilot goods in containers take the smart lane and become IGV orders once declared; the
 * rest stay on the traditional lane (counted here; the as-is model serves them).
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { OrderSpec } from '../../engine/core/model/order.ts';
import { MS_PER_DAY } from './calendar.ts';
import { createTruckArrivals } from './demand/truck-demand.ts';
import { createSmartLane, smartLaneStations } from './smart/smart-lane-process.ts';
import type { GateDemand } from '../scenarios/scenario-schema.ts';

export interface GateOrderStream {
  /** Orders cleared to move in (fromMs, toMs] of run time. */
  next(fromMs: number, toMs: number): OrderSpec[];
  readonly stats: { smartTrucks: number; traditionalTrucks: number; traditionalKg: number };
}

export function createGateOrderStream(demand: GateDemand, map: IgvMap, seed: number): GateOrderStream {
  const offset = demand.startDay * MS_PER_DAY;
  const arrivals = createTruckArrivals(demand.trucks, demand.calendar, seed);
  const lane = createSmartLane(demand.smartLane, smartLaneStations(map), seed);
  const stats = { smartTrucks: 0, traditionalTrucks: 0, traditionalKg: 0 };
  let drawnTo = 0;
  return {
    stats,
    next(_fromMs, toMs) {
      if (toMs > drawnTo) {
        const trucks = arrivals.next(offset + drawnTo, offset + toMs);
        drawnTo = toMs;
        const smart = [];
        for (const t of trucks) {
          if (t.pilotEligible && t.containerised) {
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
