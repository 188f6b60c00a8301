import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../simulator/run-sim.ts';
import { RECORD_FIELDS } from '../../engine/core/tick/vehicle-records.ts';
import { loadScenario } from '../fixtures/scenarios.ts';

/**
 * patchVehicle's fast path copies exactly RECORD_FIELDS; a field added to the vehicle record
 * without adding it there would silently fall back to the slow path (results stay right, the
 * speed-up is lost). This keeps the two in step.
 */
describe('given vehicles added and driven by the engine', () => {
  it('builds every vehicle record with exactly RECORD_FIELDS, in that order, when the fleet joins and after it has moved', () => {
    const { scenario, map } = loadScenario('smoke-phase1');
    for (const hours of [1 / 3600, 0.25]) {
      const r = runSimulation({ scenario, map, seed: 1, hours });
      for (const v of r.world.vehicles.values()) expect(Object.keys(v)).toEqual([...RECORD_FIELDS]);
    }
  });
});
