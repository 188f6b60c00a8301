/**
 * Simulation speed (scripted run): a whole `runSimulation` of a shipped scenario, timed on the
 * wall clock. Reports simulated hours per wall second and vehicle-updates per second (SUMO's unit).
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MapSchema } from '../maps/schema/map-schema.ts';
import { ScenarioSchema } from '../simulator/scenarios/scenario-schema.ts';
import { runSimulation } from '../simulator/run-sim.ts';

export interface SimSpeedRow { scenario: string; hours: number; vehicles: number; wallS: number; simHoursPerWallS: number; vehicleUpdatesPerS: number; delivered: number }

export function runSimSpeed(name: string, hours: number, onProgress?: (done: number, total: number) => void): SimSpeedRow {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'simulator', 'scenarios', `${name}.json`);
  const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const map = MapSchema.parse(JSON.parse(readFileSync(resolve(dirname(path), scenario.map), 'utf8')));
  const t0 = performance.now();
  const r = runSimulation({ scenario, map, seed: 1, hours, wallClock: () => performance.now(), ...(onProgress ? { onProgress } : {}) });
  const wallS = (performance.now() - t0) / 1000;
  const updates = r.world.vehicles.size * r.world.tick;
  return {
    scenario: name, hours, vehicles: r.world.vehicles.size, wallS,
    simHoursPerWallS: hours / wallS, vehicleUpdatesPerS: updates / wallS, delivered: r.kpis.orders.delivered,
  };
}
