/**
 * What a vehicle is doing, for the feed and its KPIs. The same rules as the simulator's KPI
 * collector (simulator/kpis/kpi-collector.ts `stateOf`), kept here because the runtime may not
 * import the simulator.
 */
import type { VehicleState } from '../../core/model/world.ts';
import type { VehicleActivity } from '../../protocol/ioc/feed-schema.ts';

/** The vehicle's activity now: faulted before charging before serving before moving. */
export function vehicleActivity(v: VehicleState): VehicleActivity {
  if (v.status !== 'ok') return 'faulted';
  if (v.charging) return 'charging';
  if (v.task && v.task.serviceUntilMs !== null) return v.task.kind === 'park' ? 'idle' : 'serving';
  if (v.speedMmps > 0) return 'driving';
  if (v.waitingSinceMs !== null) return 'waiting';
  return v.task ? 'driving' : 'idle';
}

/** Busy = driving, waiting or serving (the simulator's `utilization.igv`). */
export function isBusy(a: VehicleActivity): boolean {
  return a === 'driving' || a === 'waiting' || a === 'serving';
}
