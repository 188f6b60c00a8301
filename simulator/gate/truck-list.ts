/**
 * Trucks drawn once and shared by both lanes: the smart lane takes the pilot goods in containers,
 * the traditional lane everything else, so one truck population feeds one gate.
 */
import type { TruckArrival, TruckArrivalStream } from './demand/truck-demand.ts';

/** P25/P26: only pilot goods in containers may take the IGV lane. */
export function takesSmartLane(truck: Pick<TruckArrival, 'pilotEligible' | 'containerised'>): boolean {
  return truck.pilotEligible && truck.containerised;
}

/**
 * A stream over an already drawn list (sorted by arrival). Same contract as the demand stream:
 * windows come in increasing order and return the trucks with fromMs ≤ atMs < toMs.
 */
export function listStream(trucks: readonly TruckArrival[]): TruckArrivalStream {
  let i = 0;
  return {
    next(fromMs, toMs) {
      while (i < trucks.length && trucks[i]!.atMs < fromMs) i++;
      const out: TruckArrival[] = [];
      while (i < trucks.length && trucks[i]!.atMs < toMs) out.push(trucks[i++]!);
      return out;
    },
  };
}
