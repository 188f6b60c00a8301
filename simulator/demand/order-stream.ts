/**
 * Demand for headless runs: orders arriving on the scenario's flows as a Poisson process, drawn
 * once per simulated second with integer thresholds from a seeded generator (so every machine
 * draws the same orders), or a fixed list released at their release times.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { OrderSpec } from '../../engine/core/model/order.ts';
import { GOODS_TYPES } from '../../engine/core/model/order.ts';
import { makeContainerId } from '../../engine/core/model/iso6346.ts';
import type { Scenario } from '../scenarios/scenario-schema.ts';
import { surgeFactorAt, type SurgeWindow } from '../faults/surge.ts';

export interface OrderStream {
  /** Orders arriving in (fromMs, toMs]. */
  next(fromMs: number, toMs: number): OrderSpec[];
}

const SCALE = 1_000_000_000;

/**
 * The scenario's order stream. `surges` (run ms) multiply the rate of `rate` demand in their
 * windows; a fixed list is released as written.
 */
export function createOrderStream(scenario: Scenario, seed: number, surges: readonly SurgeWindow[] = []): OrderStream {
  const demand = scenario.demand;
  if (demand.kind === 'gate') throw new Error('[order-stream] gate demand is served by createGateOrderStream');
  if (demand.kind === 'list') {
    const orders = [...demand.orders].sort((a, b) => a.releaseMs - b.releaseMs || (a.id < b.id ? -1 : 1));
    return { next: (from, to) => orders.filter((o) => (from < 0 ? o.releaseMs <= to : o.releaseMs > from && o.releaseMs <= to)) };
  }
  const rng = xoroshiro128plus(seed ^ 0x5eed_0de);
  const pick = (weights: readonly number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = uniformInt(rng, 0, Math.max(0, Math.round(total * 1000) - 1));
    for (let i = 0; i < weights.length; i++) {
      r -= Math.round(weights[i]! * 1000);
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  const threshold = Math.round((demand.ordersPerHour / 3600) * SCALE);
  let serial = 0;
  return {
    next(fromMs, toMs) {
      const out: OrderSpec[] = [];
      for (let s = Math.floor(Math.max(0, fromMs) / 1000) + 1; s * 1000 <= toMs; s++) {
        const surge = surges.length > 0 ? surgeFactorAt(surges, s * 1000) : 1;
        const limit = surge === 1 ? threshold : Math.min(SCALE, Math.round(threshold * surge));
        if (uniformInt(rng, 0, SCALE - 1) >= limit) continue;
        const flow = demand.flows[pick(demand.flows.map((f) => f.weight))]!;
        const goodsWeights = GOODS_TYPES.map((g) => flow.goods[g] ?? 0);
        const goods = GOODS_TYPES[pick(goodsWeights)]!;
        serial++;
        const releaseMs = s * 1000;
        out.push({
          id: `O-${String(serial).padStart(6, '0')}`,
          containerId: makeContainerId(flow.direction === 'VN-CN' ? 'VNM' : 'CNS', serial),
          sizeFt: uniformInt(rng, 0, 999) < demand.share40ft * 1000 ? 40 : 20,
          grossKg: uniformInt(rng, demand.grossKg[0], demand.grossKg[1]),
          goods,
          direction: flow.direction,
          priority: 0,
          releaseMs,
          dueMs: releaseMs + demand.dueAfterMs,
          origin: flow.origin,
          destination: flow.destination,
          via: flow.via,
        });
      }
      return out;
    },
  };
}
