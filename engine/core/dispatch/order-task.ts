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

export function orderTask(order: OrderSpec, stations: ReadonlyMap<string, Station>): Task {
  const leg = (stationId: string, action: LegAction): Leg => ({
    station: stationId,
    node: stations.get(stationId)!.nodes[0]!,
    action,
    orderId: action === 'pick' || action === 'drop' ? order.id : null,
  });
  const legs: Leg[] = [
    leg(order.origin, 'pick'),
    ...order.via.map((s) => leg(s, VIA_ACTION[stations.get(s)!.kind] ?? 'gate')),
    leg(order.destination, 'drop'),
  ];
  return { kind: 'order', legs, legIndex: 0, serviceUntilMs: null };
}

/** Stop nodes a task visits, in order. */
export function taskNodes(task: Task): string[] {
  return task.legs.slice(task.legIndex).map((l) => l.node);
}
