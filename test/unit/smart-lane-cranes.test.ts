import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MapSchema } from '../../maps/schema/map-schema.ts';
import { createSmartLane, smartLaneStations, type SmartTruck } from '../../simulator/gate/smart/smart-lane-process.ts';
import { SmartLaneParamsSchema } from '../../simulator/gate/smart/smart-lane-params.ts';

const map = MapSchema.parse(JSON.parse(readFileSync('maps/data/bac-luan-2.phase2.json', 'utf8')));
const trucks = (n: number, dir: SmartTruck['direction']): SmartTruck[] =>
  Array.from({ length: n }, (_, i) => ({ id: `T${dir}${i}`, atMs: i * 60_000, direction: dir, goods: 'electronics', grossKg: 18_000, sizeFt: 40 }));
const quiet = { physicalInspectionProbability: 0, quarantineProbability: 0 };

describe('given the phase-2 map with five transfer cranes per side', () => {
  it('lists every crane when cranesPerSide is absent', () => {
    const s = smartLaneStations(map);
    expect(s.cranes.VN).toHaveLength(5);
    expect(s.cranes.CN).toHaveLength(5);
  });
  it('lists only the first k cranes of each side by id when cranesPerSide is k', () => {
    const all = smartLaneStations(map);
    const two = smartLaneStations(map, 2);
    expect(two.cranes.VN).toEqual([...all.cranes.VN].sort().slice(0, 2));
    expect(two.cranes.CN).toEqual([...all.cranes.CN].sort().slice(0, 2));
    expect(two.gates).toEqual(all.gates);
  });
  it('sends work only to the first k cranes of each side when the params say cranesPerSide k', () => {
    const stations = smartLaneStations(map);
    const lane = createSmartLane(SmartLaneParamsSchema.parse({ ...quiet, cranesPerSide: 3 }), stations, 1);
    lane.admit([...trucks(30, 'VN-CN'), ...trucks(30, 'CN-VN')]);
    const orders = lane.due(Number.MAX_SAFE_INTEGER);
    const used = new Set(orders.flatMap((o) => [o.origin, o.destination]));
    const allowed = [...stations.cranes.VN.slice(0, 3), ...stations.cranes.CN.slice(0, 3)];
    expect([...used].sort()).toEqual([...allowed].sort());
  });
  it('spreads work over all five cranes of each side when cranesPerSide is absent', () => {
    const lane = createSmartLane(SmartLaneParamsSchema.parse(quiet), smartLaneStations(map), 1);
    lane.admit(trucks(30, 'VN-CN'));
    expect(new Set(lane.due(Number.MAX_SAFE_INTEGER).map((o) => o.origin)).size).toBe(5);
  });
});

describe('given smart-lane params', () => {
  it('rejects a cranesPerSide that is not a positive integer', () => {
    expect(SmartLaneParamsSchema.safeParse({ cranesPerSide: 0 }).success).toBe(false);
    expect(SmartLaneParamsSchema.safeParse({ cranesPerSide: 1.5 }).success).toBe(false);
    expect(SmartLaneParamsSchema.parse({}).cranesPerSide).toBeUndefined();
  });
});
