/**
 * The smart lane's process around the IGVs: a truck with a pilot-goods container arrives at the
 * exporting side's control area, is declared (before arrival with shared customs data, or at a
 * desk), and once cleared for moving its container becomes an IGV order — picked by a transfer
 * crane of its side, through that side's automated gate and NII scanner, held at an inspection bay
 * when drawn for a physical or quarantine inspection, and dropped by a crane of the far side onto
 * a truck. Deterministic: every draw comes from a generator seeded by the run's seed.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { IgvMap, Jurisdiction, Station } from '../../../maps/schema/map-schema.ts';
import { isPerishable, type Direction, type OrderSpec } from '../../../engine/core/model/order.ts';
import { makeContainerId } from '../../../engine/core/model/iso6346.ts';
import type { SmartLaneParams } from './smart-lane-params.ts';

/** What the process needs to know about a truck (a subset of the demand's TruckArrival). */
export interface SmartTruck {
  readonly id: string;
  readonly atMs: number;
  readonly direction: Direction;
  readonly goods: OrderSpec['goods'];
  readonly grossKg: number;
  readonly sizeFt: 20 | 40;
}

export interface SmartLaneStations {
  readonly cranes: Record<Jurisdiction, string[]>;
  readonly gates: Record<Jurisdiction, string[]>;
  readonly scanners: Record<Jurisdiction, string[]>;
  readonly inspectionBays: Record<Jurisdiction, string[]>;
}

/**
 * The smart lane's stations of `map` by kind and side, ids sorted. With `cranesPerSide` = k only
 * the first k transfer cranes of each side (by id) are listed; absent, every crane of the map.
 */
export function smartLaneStations(map: IgvMap, cranesPerSide?: number): SmartLaneStations {
  const of = (kind: Station['kind'], side: Jurisdiction) =>
    map.stations.filter((s) => s.kind === kind && s.jurisdiction === side).map((s) => s.id).sort();
  const both = (kind: Station['kind']) => ({ VN: of(kind, 'VN'), CN: of(kind, 'CN') });
  const cranes = both('transfer-crane');
  return { cranes: firstCranes(cranes, cranesPerSide), gates: both('automated-gate'), scanners: both('nii-scanner'), inspectionBays: both('inspection-bay') };
}

function firstCranes(cranes: Record<Jurisdiction, string[]>, k: number | undefined): Record<Jurisdiction, string[]> {
  if (k === undefined) return cranes;
  return { VN: [...cranes.VN].sort().slice(0, k), CN: [...cranes.CN].sort().slice(0, k) };
}

export interface SmartLaneProcess {
  /** Trucks arriving now (in arrival order). */
  admit(trucks: readonly SmartTruck[]): void;
  /** Orders whose containers are cleared to move by `toMs`, in release order. */
  due(toMs: number): OrderSpec[];
  /** When the truck behind an order arrived at the gate, ms (clearance is measured from it). */
  arrivalOf(orderId: string): number | undefined;
  /** Trucks admitted and not yet turned into orders. */
  waiting(): number;
}

export function createSmartLane(params: SmartLaneParams, stations: SmartLaneStations, seed: number): SmartLaneProcess {
  const rng = xoroshiro128plus(seed ^ 0x53a7_1a4e);
  const draw = ([lo, hi]: readonly [number, number]) => (hi > lo ? uniformInt(rng, lo, hi) : lo);
  const chance = (p: number) => uniformInt(rng, 0, 999_999) < Math.round(p * 1_000_000);
  const desks: Record<Jurisdiction, number[]> = {
    VN: new Array<number>(params.declarationDesks).fill(0),
    CN: new Array<number>(params.declarationDesks).fill(0),
  };
  // Cranes out of service (params.cranesPerSide) never get work, whatever list the caller built.
  const cranes = firstCranes(stations.cranes, params.cranesPerSide);
  const craneLoad = new Map<string, number>();
  const pending: OrderSpec[] = [];
  const arrivals = new Map<string, number>();

  const leastLoaded = (ids: readonly string[]) => {
    let best = ids[0]!;
    for (const id of ids) if ((craneLoad.get(id) ?? 0) < (craneLoad.get(best) ?? 0)) best = id;
    craneLoad.set(best, (craneLoad.get(best) ?? 0) + 1);
    return best;
  };

  function readyAt(truck: SmartTruck, side: Jurisdiction): number {
    if (params.declaration === 'pre-arrival') return truck.atMs + draw(params.documentCheckMs);
    // A desk serves trucks first come, first served; the earliest free desk takes the next one.
    const free = desks[side];
    let k = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[k]!) k = i;
    const start = Math.max(truck.atMs, free[k]!);
    free[k] = start + draw(params.declarationMs);
    return free[k]! + draw(params.documentCheckAtGateMs);
  }

  function toOrder(truck: SmartTruck, serial: number): OrderSpec {
    const from: Jurisdiction = truck.direction === 'VN-CN' ? 'VN' : 'CN';
    const to: Jurisdiction = from === 'VN' ? 'CN' : 'VN';
    const origin = leastLoaded(cranes[from]);
    const destination = leastLoaded(cranes[to]);
    const serviceMs: Record<string, number> = { [origin]: draw(params.craneMoveMs), [destination]: draw(params.craneMoveMs) };
    const physical = chance(params.physicalInspectionProbability) ? draw(params.physicalInspectionMs) : 0;
    const quarantine = isPerishable(truck.goods) && chance(params.quarantineProbability) ? draw(params.quarantineMs) : 0;
    const exportVia = [stations.gates[from][0], stations.scanners[from][0]].filter((s): s is string => s !== undefined);
    const via = [...exportVia];
    if (physical + quarantine > 0) {
      // One stop: both customs inspect together, at one bay (the longer of the two holds). Each
      // side: the exporting side's hold before departure (at its bay, or at the crane where it has
      // none) and the importing side's on arrival.
      const bay = stations.inspectionBays[to][0] ?? stations.inspectionBays[from][0];
      if (params.inspection === 'one-stop' && bay) {
        if (stations.inspectionBays[to].length > 0) via.push(bay);
        else via.unshift(bay);
        serviceMs[bay] = Math.max(physical, quarantine);
      } else {
        const hold = Math.max(physical, quarantine);
        const exportBay = stations.inspectionBays[from][0];
        if (exportBay) {
          via.unshift(exportBay);
          serviceMs[exportBay] = hold;
        } else serviceMs[origin] = serviceMs[origin]! + hold;
        const importBay = stations.inspectionBays[to][0];
        if (importBay) {
          via.push(importBay);
          serviceMs[importBay] = (serviceMs[importBay] ?? 0) + hold;
        } else serviceMs[destination] = serviceMs[destination]! + hold;
      }
    }
    const releaseMs = readyAt(truck, from);
    return {
      id: `C-${truck.id}`,
      containerId: makeContainerId(from === 'VN' ? 'VNM' : 'CNS', serial),
      sizeFt: truck.sizeFt,
      grossKg: Math.min(40_000, truck.grossKg),
      goods: truck.goods,
      direction: truck.direction,
      priority: isPerishable(truck.goods) ? 1 : 0,
      releaseMs,
      dueMs: truck.atMs + 4 * 3_600_000,
      origin,
      destination,
      via,
      serviceMs,
      arrivalMs: truck.atMs,
    };
  }

  let serial = 0;
  return {
    admit(trucks) {
      for (const t of trucks) {
        serial++;
        const order = toOrder(t, serial);
        arrivals.set(order.id, t.atMs);
        pending.push(order);
      }
      pending.sort((a, b) => a.releaseMs - b.releaseMs || (a.id < b.id ? -1 : 1));
    },
    due(toMs) {
      let n = 0;
      while (n < pending.length && pending[n]!.releaseMs <= toMs) n++;
      return pending.splice(0, n);
    },
    arrivalOf: (id) => arrivals.get(id),
    waiting: () => pending.length,
  };
}
