/**
 * Turning an order into a vehicle's task: pick at the origin, stop at each `via` station (the
 * automated gate, the NII scanner), drop at the destination.
 */
import type { Station } from '../../../maps/schema/map-schema.ts';
import type { OrderSpec } from '../model/order.ts';
import type { Leg, LegAction, Task } from '../model/world.ts';

const VIA_ACTION: Partial<Record<Station['kind'], LegAction>> = {
  'automated-gate': 'gate',
  'nii-scanner': 'scan',
  'inspection-bay': 'scan',
};

/**
 * @param travelMs travel time between two stop nodes (Infinity when unreachable). A `via`
 * station stands for its kind on its side of the border: where the site has several (one
 * automated gate per bridge track), the cheapest sequence of equivalents is taken, counting
 * travel time plus `queueMs`, the work already promised to each station.
 */
export function orderTask(
  order: OrderSpec,
  stations: ReadonlyMap<string, Station>,
  travelMs?: (from: string, to: string) => number,
  queueMs: (stationId: string) => number = () => 0,
): Task {
  const leg = (stationId: string, action: LegAction, named: string): Leg => ({
    station: stationId,
    ...(named !== stationId ? { serviceKey: named } : {}),
    node: stations.get(stationId)!.nodes[0]!,
    action,
    orderId: order.id,
  });
  const vias = travelMs ? cheapestVias(order, stations, travelMs, queueMs) : order.via;
  const legs: Leg[] = [
    leg(order.origin, 'pick', order.origin),
    ...vias.map((s, i) => leg(s, VIA_ACTION[stations.get(s)!.kind] ?? 'gate', order.via[i]!)),
    leg(order.destination, 'drop', order.destination),
  ];
  return { kind: 'order', legs, legIndex: 0, serviceUntilMs: null };
}

const MAX_COMBINATIONS = 256;

function cheapestVias(
  order: OrderSpec,
  stations: ReadonlyMap<string, Station>,
  travelMs: (from: string, to: string) => number,
  queueMs: (stationId: string) => number,
): string[] {
  const options = order.via.map((id) => {
    const s = stations.get(id)!;
    return [...stations.values()].filter((o) => o.kind === s.kind && o.jurisdiction === s.jurisdiction).map((o) => o.id).sort();
  });
  let combos: string[][] = [[]];
  for (const opts of options) {
    combos = combos.flatMap((c) => opts.map((o) => [...c, o]));
    if (combos.length > MAX_COMBINATIONS) return order.via;
  }
  const node = (id: string) => stations.get(id)!.nodes[0]!;
  let best = order.via;
  let bestCost = Infinity;
  for (const combo of combos) {
    const seq = [order.origin, ...combo, order.destination].map(node);
    let cost = 0;
    for (let i = 1; i < seq.length; i++) cost += travelMs(seq[i - 1]!, seq[i]!);
    for (const id of combo) cost += queueMs(id);
    if (cost < bestCost) {
      bestCost = cost;
      best = combo;
    }
  }
  return best;
}

/** Stop nodes a task visits, in order. */
export function taskNodes(task: Task): string[] {
  return task.legs.slice(task.legIndex).map((l) => l.node);
}
