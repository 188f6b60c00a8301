/**
 * What makes an order unservable on this site whatever the world's state: unknown stations, or
 * nowhere to go. One rule for the engine (which refuses the order with this reason) and for the
 * edges (which answer before recording it, so a refused order is never stored as accepted).
 */
import type { Site } from '../tick/site.ts';
import { REASONS, type Reason } from './events.ts';
import type { OrderSpec } from './order.ts';

export function staticOrderProblem(site: Site, order: OrderSpec): { reason: Reason; detail: string } | null {
  for (const s of [order.origin, order.destination, ...order.via]) {
    if (!site.stations.has(s)) return { reason: REASONS.UNKNOWN_STATION, detail: `no station ${s}` };
  }
  if (order.origin === order.destination) return { reason: REASONS.NO_ROUTE, detail: 'origin and destination are the same station' };
  return null;
}
