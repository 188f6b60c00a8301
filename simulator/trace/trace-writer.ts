/**
 * `igv-trace/1` (JSON Lines, DESIGN §7): a header with every vehicle's footprint and top speed,
 * then positions every `everyMs`, order events as they happen, and vehicles that join later.
 * The independent checker (`shared/tools/check-trace.mjs`) reads it.
 */
import type { EngineEvent } from '../../engine/core/model/events.ts';
import type { VehicleSpec } from '../../engine/core/model/vehicle-spec.ts';

export type LineSink = (line: string) => void;

export interface TraceVehicleSpec {
  lengthM: number;
  widthM: number;
  maxSpeedMps: number;
  capacity: number;
}

export function traceSpec(spec: VehicleSpec): TraceVehicleSpec {
  return {
    lengthM: spec.lengthMm / 1000,
    widthM: spec.widthMm / 1000,
    maxSpeedMps: Math.max(spec.maxSpeedEmptyMmps, spec.maxSpeedLadenMmps) / 1000,
    capacity: spec.capacity,
  };
}

const ORDER_EVENTS: Partial<Record<EngineEvent['kind'], string>> = {
  OrderCreated: 'created',
  OrderAssigned: 'assigned',
  OrderUnassigned: 'unassigned',
  OrderLoaded: 'loaded',
  OrderUnloaded: 'unloaded',
  OrderDelivered: 'delivered',
  OrderFailed: 'failed',
};

export interface TraceWriter {
  vehicleJoined(id: string, spec: VehicleSpec): void;
  events(tMs: number, events: readonly EngineEvent[]): void;
  positions(tMs: number, rows: readonly (readonly [string, number, number, number])[]): void;
}

export function createTraceWriter(sink: LineSink, tickMs: number, initial: ReadonlyMap<string, VehicleSpec>): TraceWriter {
  const vehicles: Record<string, TraceVehicleSpec> = {};
  for (const [id, spec] of initial) vehicles[id] = traceSpec(spec);
  sink(JSON.stringify({ type: 'header', format: 'igv-trace/1', tickMs, vehicles }));
  const known = new Set(initial.keys());
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    vehicleJoined(id, spec) {
      if (known.has(id)) return;
      known.add(id);
      sink(JSON.stringify({ type: 'vehicle', id, spec: traceSpec(spec) }));
    },
    events(tMs, events) {
      for (const e of events) {
        const kind = ORDER_EVENTS[e.kind];
        if (!kind || !('orderId' in e)) continue;
        const rec: Record<string, unknown> = { type: 'order', t: tMs, id: e.orderId, event: kind };
        if ('vehicleId' in e && e.vehicleId) rec.vehicle = e.vehicleId;
        if ('reason' in e) rec.reason = e.reason;
        sink(JSON.stringify(rec));
      }
    },
    positions(tMs, rows) {
      sink(JSON.stringify({ type: 'tick', t: tMs, v: rows.map(([id, x, y, h]) => [id, round(x, 3), round(y, 3), round(h, 4)]) }));
    },
  };
}
