/**
 * Prometheus metrics of the live gate. The engine gauges are computed when scraped (`collect()`
 * reads the gate's current world), so nothing runs per tick. Each API instance has its own
 * registry — several apps in one process (tests) never collide on metric names — and
 * `/metrics` serves it after prom-client's global register, where other adapters and the
 * process metrics live.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, register as globalRegister } from 'prom-client';
import { ORDER_STATUSES, type OrderStatus } from '../../core/model/order.ts';
import type { GatePort } from '../../runtime/gate/gate-port.ts';
import { VEHICLE_STATES, vehicleStateLabel, type VehicleStateLabel } from './api-schemas.ts';

export interface ApiMetrics {
  readonly registry: Registry;
  /** Records one HTTP answer; `route` is the route pattern (bounded label set), not the URL. */
  observeHttp(method: string, route: string, status: number, seconds: number): void;
  /** The exposition text: the global register, then this instance's. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Process metrics (CPU, memory, event loop) into the global register, once per process. */
function ensureDefaultMetrics(): void {
  if (!globalRegister.getSingleMetric('process_cpu_seconds_total')) collectDefaultMetrics();
}

export function createApiMetrics(gate: GatePort, options: { defaultMetrics?: boolean } = {}): ApiMetrics {
  if (options.defaultMetrics ?? true) ensureDefaultMetrics();
  const registry = new Registry();
  const registers = [registry];

  new Gauge({
    name: 'igv_tick', help: 'engine tick counter', registers,
    collect() {
      this.set(gate.world().tick);
    },
  });
  new Gauge({
    name: 'igv_vehicles', help: 'vehicles by state', labelNames: ['state'] as const, registers,
    collect() {
      const counts = new Map<VehicleStateLabel, number>(VEHICLE_STATES.map((s) => [s, 0]));
      for (const v of gate.world().vehicles.values()) {
        const s = vehicleStateLabel(v);
        counts.set(s, counts.get(s)! + 1);
      }
      for (const [state, n] of counts) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'igv_orders', help: 'orders by status', labelNames: ['status'] as const, registers,
    collect() {
      const counts = new Map<OrderStatus, number>(ORDER_STATUSES.map((s) => [s, 0]));
      for (const o of gate.world().orders.values()) counts.set(o.status, counts.get(o.status)! + 1);
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
  new Counter({
    name: 'igv_deadlocks_resolved_total', help: 'deadlocks the watchdog resolved since the engine started', registers,
    collect() {
      // The world keeps the running total; mirror it rather than count events per tick.
      this.reset();
      this.inc(gate.world().counters.deadlocksResolved);
    },
  });
  new Gauge({
    name: 'igv_engine_safe_mode', help: '1 while a broken invariant keeps the engine in safe mode', registers,
    collect() {
      this.set(gate.world().safeMode ? 1 : 0);
    },
  });
  new Gauge({
    name: 'igv_emergency_stop', help: '1 while the emergency stop is in force', registers,
    collect() {
      this.set(gate.world().emergencyStop ? 1 : 0);
    },
  });

  const requests = new Counter({
    name: 'igv_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers,
  });
  const duration = new Histogram({
    name: 'igv_http_request_duration_seconds', help: 'HTTP request duration, s', labelNames: ['method', 'route'] as const, registers,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

  return {
    registry,
    observeHttp(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    async render() {
      // Concatenated, not Registry.merge: merging throws on a duplicate name, which would turn a
      // naming slip in another adapter into failed scrapes.
      const [global, own] = await Promise.all([globalRegister.metrics(), registry.metrics()]);
      return { contentType: registry.contentType, body: `${global}${global.endsWith('\n') || global === '' ? '' : '\n'}${own}` };
    },
  };
}
