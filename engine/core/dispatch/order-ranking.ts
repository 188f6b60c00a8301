/**
 * The order in which open orders are served: perishables first (the pilot's fruit and frozen
 * seafood), then operator priority, then the earliest due time, then the earliest release, then id.
 */
import { isPerishable, type OrderState } from '../model/order.ts';

export function compareOrders(a: OrderState, b: OrderState): number {
  const pa = isPerishable(a.spec.goods) ? 0 : 1;
  const pb = isPerishable(b.spec.goods) ? 0 : 1;
  if (pa !== pb) return pa - pb;
  if (a.spec.priority !== b.spec.priority) return b.spec.priority - a.spec.priority;
  const da = a.spec.dueMs ?? Number.MAX_SAFE_INTEGER;
  const db = b.spec.dueMs ?? Number.MAX_SAFE_INTEGER;
  if (da !== db) return da - db;
  if (a.spec.releaseMs !== b.spec.releaseMs) return a.spec.releaseMs - b.spec.releaseMs;
  return a.spec.id < b.spec.id ? -1 : a.spec.id > b.spec.id ? 1 : 0;
}
