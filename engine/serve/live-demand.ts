/**
 * Generated demand for the live gate: the scenario's order stream (the simulator's Poisson flows)
 * read against engine time. Each order is recorded as accepted before it is submitted, like an
 * operator's, so a crash between the two loses nothing.
 */
import type { OrderSpec } from '../core/model/order.ts';
import { staticOrderProblem } from '../core/model/order-checks.ts';
import type { GatePort, GateTick } from '../runtime/gate/gate-port.ts';
import { createOrderStream } from '../../simulator/demand/order-stream.ts';
import type { Scenario } from '../../simulator/scenarios/scenario-schema.ts';

export interface LiveDemand {
  /** Call after every tick: submits the orders that arrived during it. */
  afterTick(t: GateTick): void;
  /** Orders generated so far. */
  count(): number;
}

export function createLiveDemand(scenario: Scenario, seed: number, gate: GatePort, accept: (spec: OrderSpec) => void, onError: (err: unknown) => void): LiveDemand {
  const stream = createOrderStream(scenario, seed);
  let fromMs: number | null = null;
  let n = 0;
  return {
    afterTick(t) {
      // After a restart the stream resumes at the recovered time: orders before it already exist.
      const from = fromMs ?? t.nowMs - t.world.tickMs;
      fromMs = t.nowMs;
      const specs = stream.next(from, t.nowMs).filter((s) => !t.world.orders.has(s.id) && staticOrderProblem(gate.site, s) === null);
      if (specs.length === 0) return;
      for (const s of specs) accept(s);
      n += specs.length;
      gate.submit(specs.map((order) => ({ kind: 'CreateOrder' as const, order }))).catch(onError);
    },
    count: () => n,
  };
}
