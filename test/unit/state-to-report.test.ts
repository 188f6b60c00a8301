import { describe, expect, it } from 'vitest';
import { createPhase1Site } from '../fixtures/phase1-run.ts';
import { createHeadlessRun } from '../../simulator/headless-run.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import { DEFAULT_VEHICLE_SPEC, VehicleSpecSchema } from '../../engine/core/model/vehicle-spec.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';
import { StateSchema, type State } from '../../engine/protocol/vda5050/state.ts';
import { FactsheetSchema } from '../../engine/protocol/vda5050/factsheet.ts';
import { commandToMessages, createOrderSession } from '../../engine/runtime/vehicle-link/order-session.ts';
import { stateToCommands } from '../../engine/runtime/vehicle-link/state-to-report.ts';
import { createHeaderIds } from '../../engine/runtime/vehicle-link/link-context.ts';
import { factsheetFromSpec } from '../../engine/runtime/vehicle-link/factsheet-spec.ts';

const site = createPhase1Site(500);
const cells = site.cells;
const lg = cells.laneGraph;
const ctx = { cells };

function vehicle(): VehicleState {
  const run = createHeadlessRun(site, createWorld({ tickMs: 500, seed: 1 }));
  return run.tick(fleetCommands(site, 1, 'IGV-', {}, 90, 15_600)).world.vehicles.get('IGV-01')!;
}

function state(over: Partial<State> = {}): State {
  return StateSchema.parse({
    headerId: 1, timestamp: '2026-01-01T00:00:01.00Z', version: '2.1.0', manufacturer: 'igv-fleet', serialNumber: 'IGV-01',
    orderId: '', orderUpdateId: 0, lastNodeId: '', lastNodeSequenceId: 0, driving: false, operatingMode: 'AUTOMATIC',
    nodeStates: [], edgeStates: [], actionStates: [], batteryState: { batteryCharge: 50, charging: false }, errors: [],
    safetyState: { eStop: 'NONE', fieldViolation: false }, ...over,
  });
}

/** A session that sent IGV-01 an order over the next three lanes, up to 5 m into the third. */
function sentOrder() {
  const v = vehicle();
  const lanes = [v.lane];
  while (lanes.length < 4) lanes.push(lg.outLanes(lg.lane(lanes.at(-1)!)!.to)[0]!.id);
  const s = createOrderSession('IGV-01');
  const msgs = commandToMessages(s, { vehicleId: 'IGV-01', lanes, limitLaneIndex: 3, limitOffsetMm: 5_000, halt: 'none', chargeW: 0, laden: false }, v, {
    cells, mapId: site.map.id, timestampIso: '2026-01-01T00:00:00.00Z', headerIds: createHeaderIds(), manufacturer: 'igv-fleet', serialNumber: 'IGV-01',
  });
  expect(msgs).toHaveLength(1);
  return { v, s, lanes };
}

const report = (cmds: ReturnType<typeof stateToCommands>) => {
  expect(cmds.commands).toHaveLength(1);
  const c = cmds.commands[0]!;
  if (c.kind !== 'VehicleReport') throw new Error(`expected a VehicleReport, got ${c.kind}`);
  return c;
};

describe('given a known vehicle on an order this session sent', () => {
  it('reports it at the last node, at the end of the edge that led there', () => {
    const { v, s, lanes } = sentOrder();
    const r = report(stateToCommands(s, state({ orderId: s.orderId!, lastNodeId: lg.lane(lanes[1]!)!.to, lastNodeSequenceId: 2 }), v, ctx));
    expect([r.lane, r.offsetMm]).toEqual([lanes[1], lg.lane(lanes[1]!)!.lengthMm]);
  });

  it('reports it on the edge after the last node once it has left it', () => {
    const { v, s, lanes } = sentOrder();
    const r = report(stateToCommands(s, state({ orderId: s.orderId!, lastNodeId: lg.lane(lanes[1]!)!.to, lastNodeSequenceId: 2, distanceSinceLastNode: 1.234, driving: true, velocity: { vx: 3, vy: 4 } }), v, ctx));
    expect([r.lane, r.offsetMm, r.speedMmps]).toEqual([lanes[2], 1_234, 5_000]);
  });

  it('never puts it past the end of the edge', () => {
    const { v, s, lanes } = sentOrder();
    const r = report(stateToCommands(s, state({ orderId: s.orderId!, lastNodeId: lg.lane(lanes[2]!)!.to, lastNodeSequenceId: 4, distanceSinceLastNode: 99 }), v, ctx));
    expect([r.lane, r.offsetMm]).toEqual([lanes[3], 5_000]);
  });

  it('counts the distance driven along the order into the odometer and the battery charge into Wh', () => {
    const { v, s, lanes } = sentOrder();
    const len1 = lg.lane(lanes[1]!)!.lengthMm;
    const first = report(stateToCommands(s, state({ orderId: s.orderId!, lastNodeId: lg.lane(lanes[0]!)!.to, lastNodeSequenceId: 0, distanceSinceLastNode: 2 }), v, ctx));
    expect(first.odometerMm).toBe(v.odometerMm + 2_000);
    const moved = { ...v, lane: first.lane, offsetMm: first.offsetMm, odometerMm: first.odometerMm };
    const second = report(stateToCommands(s, state({ orderId: s.orderId!, lastNodeId: lg.lane(lanes[1]!)!.to, lastNodeSequenceId: 2, distanceSinceLastNode: 1, batteryState: { batteryCharge: 25, charging: false } }), moved, ctx));
    expect(second.odometerMm).toBe(v.odometerMm + len1 + 1_000);
    expect(second.socWh).toBe(Math.round(v.spec.batteryWh / 4));
    expect(s.lastSeq).toBe(2);
  });

  it('falls back to the node id on a state of another order, and keeps the position for an unknown node', () => {
    const { v, s, lanes } = sentOrder();
    const r = report(stateToCommands(s, state({ orderId: 'old', lastNodeId: `${lanes[0]}:100`, distanceSinceLastNode: 0.05 }), v, ctx));
    expect([r.lane, r.offsetMm]).toEqual([lanes[0], 150]);
    const out = stateToCommands(s, state({ orderId: 'old', lastNodeId: 'NOWHERE' }), v, ctx);
    expect([report(out).lane, report(out).offsetMm]).toEqual([v.lane, v.offsetMm]);
    expect(out.problems.join()).toMatch(/unknown lastNodeId NOWHERE/);
  });

  it('lists FATAL errors as problems', () => {
    const { v, s } = sentOrder();
    const out = stateToCommands(s, state({ errors: [{ errorType: 'motorFault', errorLevel: 'FATAL', errorDescription: 'drive 2 overheated' }, { errorType: 'x', errorLevel: 'WARNING' }] }), v, ctx);
    expect(out.problems).toEqual(['FATAL motorFault: drive 2 overheated']);
  });
});

describe('given a vehicle the engine does not know', () => {
  const node = 'CN-Y-PK01-S1';

  it('adds it at its map node, with the factsheet spec and the battery charge', () => {
    const spec = VehicleSpecSchema.parse({ ...DEFAULT_VEHICLE_SPEC, lengthMm: 16_000, maxSpeedEmptyMmps: 8_000, maxSpeedLadenMmps: 6_000 });
    const factsheet = FactsheetSchema.parse(factsheetFromSpec(spec, { manufacturer: 'igv-fleet', serialNumber: 'IGV-09', headerId: 0, timestamp: '2026-01-01T00:00:00.00Z' }));
    const out = stateToCommands(createOrderSession('IGV-09'), state({ serialNumber: 'IGV-09', lastNodeId: node, batteryState: { batteryCharge: 77.5, charging: false } }), undefined, { cells, factsheet });
    expect(out.commands).toEqual([{
      kind: 'AddVehicle', vehicleId: 'IGV-09', at: { node }, socPercent: 77.5,
      spec: expect.objectContaining({ lengthMm: 16_000, widthMm: spec.widthMm, maxSpeedEmptyMmps: 8_000, maxSpeedLadenMmps: 6_000, accelEmptyMmps2: spec.accelEmptyMmps2 }),
    }]);
  });

  it('adds it at a lane offset when it stands inside a lane', () => {
    const lane = lg.lane('L-CN-Y-PK01-02')!.id;
    const out = stateToCommands(createOrderSession('IGV-09'), state({ serialNumber: 'IGV-09', lastNodeId: `${lane}:4000` }), undefined, ctx);
    expect(out.commands).toEqual([{ kind: 'AddVehicle', vehicleId: 'IGV-09', spec: {}, at: { lane, offsetMm: 4_000 }, socPercent: 50 }]);
  });

  it('adds nothing while it is not localized', () => {
    const out = stateToCommands(createOrderSession('IGV-09'), state({ serialNumber: 'IGV-09' }), undefined, ctx);
    expect(out.commands).toEqual([]);
    expect(out.problems).toHaveLength(1);
  });
});
