import { describe, expect, it } from 'vitest';
import { mapFromAscii } from '../fixtures/ascii-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';
import { checkExclusiveSpace } from '../../engine/core/tick/phases/watchdog.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';

/**
 * The watchdog's safety check looks again only at cells held by records it has not checked yet
 * (or conflicting with them). These cases make a breach with one new record against records that
 * passed the check a tick before: the check must still find it.
 */
describe('given two vehicles checked tick after tick, X on the main lane and Y holding the merge cell of the side lane', () => {
  const map = mapFromAscii(
    `
    A------->B------->C------->E
             ^
             |
             |
             D
    `,
    { spacingMm: 10_000, stations: { C: { kind: 'transfer-crane' }, E: { kind: 'transfer-crane' } } },
  );

  function start() {
    const h = createHarness(map);
    h.tick([
      { kind: 'AddVehicle', vehicleId: 'X', spec: {}, at: { lane: 'A-B', offsetMm: 40_000 }, socPercent: 90 },
      { kind: 'AddVehicle', vehicleId: 'Y', spec: {}, at: { lane: 'D-B', offsetMm: 30_000 }, socPercent: 90 },
    ]);
    h.tick();
    h.tick();
    const world = h.world();
    const y = world.vehicles.get('Y')!;
    const merge = y.held.find((c) => h.site.cells.cells[c]!.junction && h.site.cells.cells[c]!.conflicts.length > 0)!;
    expect(merge).toBeDefined();
    return { h, world, merge };
  }

  /** The world's vehicles with X's record replaced by one holding `extra` too. */
  function withX(world: ReturnType<ReturnType<typeof createHarness>['world']>, extra: number): Map<string, VehicleState> {
    const vehicles = new Map(world.vehicles);
    const x = world.vehicles.get('X')!;
    vehicles.set('X', Object.freeze({ ...x, held: [...x.held, extra].sort((a, b) => a - b) }));
    return vehicles;
  }

  it('passes when the same records are checked again', () => {
    const { h, world } = start();
    expect(() => checkExclusiveSpace(h.site, { vehicles: new Map(world.vehicles) })).not.toThrow();
    expect(() => checkExclusiveSpace(h.site, { vehicles: new Map(world.vehicles) })).not.toThrow();
  });

  it('throws SPACE_OVERLAP when a new record of X takes the junction cell Y holds', () => {
    const { h, world, merge } = start();
    checkExclusiveSpace(h.site, { vehicles: new Map(world.vehicles) });
    expect(() => checkExclusiveSpace(h.site, { vehicles: withX(world, merge) })).toThrow(/junction cell/);
  });

  it('throws SPACE_OVERLAP when a new record of X takes a cell conflicting with the one Y holds', () => {
    const { h, world, merge } = start();
    checkExclusiveSpace(h.site, { vehicles: new Map(world.vehicles) });
    const other = h.site.cells.cells[merge]!.conflicts[0]!;
    let thrown: unknown = null;
    try {
      checkExclusiveSpace(h.site, { vehicles: withX(world, other) });
    } catch (err) {
      thrown = err;
    }
    expect((thrown as { code?: string } | null)?.code).toBe('IGV_ERR_SPACE_OVERLAP');
    expect(String(thrown)).toMatch(/conflicting cells/);
  });

  it('throws again for the same breach on the next call (a failed check teaches it nothing)', () => {
    const { h, world, merge } = start();
    checkExclusiveSpace(h.site, { vehicles: new Map(world.vehicles) });
    const breach = withX(world, merge);
    expect(() => checkExclusiveSpace(h.site, { vehicles: breach })).toThrow(/junction cell/);
    expect(() => checkExclusiveSpace(h.site, { vehicles: breach })).toThrow(/junction cell/);
  });
});
