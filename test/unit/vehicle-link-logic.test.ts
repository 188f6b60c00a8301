import { describe, expect, it } from 'vitest';
import { createPhase1Site } from '../fixtures/phase1-run.ts';
import { createHeadlessRun } from '../../simulator/headless-run.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';
import type { VehicleCommand } from '../../engine/core/model/vehicle-command.ts';
import type { Order } from '../../engine/protocol/vda5050/order.ts';
import { StateSchema, type State } from '../../engine/protocol/vda5050/state.ts';
import { createVehicleLinkLogic } from '../../engine/runtime/vehicle-link/vehicle-link-logic.ts';
import { stateToCommands } from '../../engine/runtime/vehicle-link/state-to-report.ts';
import { createOrderSession } from '../../engine/runtime/vehicle-link/order-session.ts';
import { createVirtualIgv, type VirtualIgv } from '../../simulator/fleet-client/virtual-igv.ts';
import { startPositions } from '../../simulator/fleet-client/start-positions.ts';

const site = createPhase1Site(1_000);
const lg = site.cells.laneGraph;
const TS = '2026-01-01T00:00:00.00Z';

function setup() {
  const v = createHeadlessRun(site, createWorld({ tickMs: 1_000, seed: 1 })).tick(fleetCommands(site, 1, 'IGV-', {}, 90, 15_600)).world.vehicles.get('IGV-01')!;
  const start = startPositions(site, 1)[0]!;
  const igv = createVirtualIgv({ serialNumber: 'IGV-01', manufacturer: 'igv-fleet', cells: site.cells, mapId: site.map.id, tickMs: 1_000 }, start);
  igv.syncClock(0);
  const lanes = [v.lane];
  while (lanes.length < 5) lanes.push(lg.outLanes(lg.lane(lanes.at(-1)!)!.to)[0]!.id);
  return { v, igv, lanes };
}

const cmd = (lanes: readonly string[], i: number, off: number): VehicleCommand => ({ vehicleId: 'IGV-01', lanes, limitLaneIndex: i, limitOffsetMm: off, halt: 'none', chargeW: 0, laden: false });

function stateOf(igv: VirtualIgv): State {
  return StateSchema.parse({ headerId: 0, timestamp: TS, version: '2.1.0', manufacturer: 'igv-fleet', serialNumber: 'IGV-01', ...igv.state() });
}

function deliver(igv: VirtualIgv, msgs: ReturnType<ReturnType<typeof createVehicleLinkLogic>['messagesFor']>): void {
  for (const m of msgs) {
    if (m.topic === 'order') igv.onOrder(m.payload as Order);
    else igv.onInstantActions(m.payload as never);
  }
}

describe('given a link that (re)opens', () => {
  it('holds commands until the vehicle\'s first state, then asks for the current command once', () => {
    const { v, lanes } = setup();
    const logic = createVehicleLinkLogic({ cells: site.cells, mapId: site.map.id });
    logic.linkOpened('IGV-01');
    expect(logic.messagesFor('IGV-01', cmd(lanes, 2, 1_000), v, TS, () => undefined)).toEqual([]);
    expect(logic.wantsCommand('IGV-01')).toBe(false);
    const s = StateSchema.parse({
      headerId: 0, timestamp: TS, version: '2.1.0', manufacturer: 'igv-fleet', serialNumber: 'IGV-01', orderId: '', orderUpdateId: 0, lastNodeId: lg.lane(v.lane)!.to,
      lastNodeSequenceId: 0, driving: false, operatingMode: 'AUTOMATIC', nodeStates: [], edgeStates: [], actionStates: [], batteryState: { batteryCharge: 90, charging: false },
      errors: [], safetyState: { eStop: 'NONE', fieldViolation: false },
    });
    logic.stateToCommands('IGV-01', s, v, null);
    expect(logic.wantsCommand('IGV-01')).toBe(true);
    expect(logic.wantsCommand('IGV-01')).toBe(false);
    expect(logic.messagesFor('IGV-01', cmd(lanes, 2, 1_000), v, TS, () => undefined).map((m) => m.topic)).toEqual(['order']);
  });

  it('adopts the order a vehicle kept across a master restart and stitches the next update onto it', () => {
    const { v, igv, lanes } = setup();
    const before = createVehicleLinkLogic({ cells: site.cells, mapId: site.map.id });
    deliver(igv, before.messagesFor('IGV-01', cmd(lanes, 2, 6_000), v, TS, () => undefined));
    const kept = stateOf(igv);
    expect(kept.orderId).toBe('IGV-01-1');
    const after = createVehicleLinkLogic({ cells: site.cells, mapId: site.map.id });
    after.linkOpened('IGV-01');
    const r = after.stateToCommands('IGV-01', kept, v, null);
    expect(r.problems).toEqual([]);
    expect(after.wantsCommand('IGV-01')).toBe(true);
    const msgs = after.messagesFor('IGV-01', cmd(lanes, 3, 2_000), v, TS, () => undefined);
    expect(msgs.map((m) => m.topic)).toEqual(['order']);
    const update = msgs[0]!.payload as Order;
    expect([update.orderId, update.orderUpdateId, update.nodes[0]!.nodeId, update.nodes[0]!.sequenceId]).toEqual(['IGV-01-1', 1, `${lanes[2]}:6000`, 4]);
    igv.onOrder(update);
    const s = stateOf(igv);
    expect([s.errors, s.orderUpdateId, s.nodeStates.at(-1)!.nodeId]).toEqual([[], 1, `${lanes[3]}:2000`]);
  });

  it('resyncs once after the vehicle refuses an update (one was lost), then stitches onto what the vehicle holds', () => {
    const { v, igv, lanes } = setup();
    const logic = createVehicleLinkLogic({ cells: site.cells, mapId: site.map.id });
    deliver(igv, logic.messagesFor('IGV-01', cmd(lanes, 2, 6_000), v, TS, () => undefined));
    logic.messagesFor('IGV-01', cmd(lanes, 3, 1_000), v, TS, () => undefined); // lost on the way
    deliver(igv, logic.messagesFor('IGV-01', cmd(lanes, 4, 1_000), v, TS, () => undefined));
    const refused = stateOf(igv);
    expect(refused.errors.map((e) => e.errorType)).toEqual(['orderUpdateError']);
    logic.stateToCommands('IGV-01', refused, v, null);
    expect(logic.wantsCommand('IGV-01')).toBe(true);
    logic.stateToCommands('IGV-01', stateOf(igv), v, null);
    expect(logic.wantsCommand('IGV-01')).toBe(false);
    deliver(igv, logic.messagesFor('IGV-01', cmd(lanes, 4, 2_000), v, TS, () => undefined));
    const s = stateOf(igv);
    expect([s.errors, s.nodeStates.at(-1)!.nodeId]).toEqual([[], `${lanes[4]}:2000`]);
  });
});

describe('given a vehicle whose order was cancelled behind the master\'s back', () => {
  it('starts a new order (a fresh id) once the vehicle refuses the update', () => {
    const { v, igv, lanes } = setup();
    const logic = createVehicleLinkLogic({ cells: site.cells, mapId: site.map.id });
    deliver(igv, logic.messagesFor('IGV-01', cmd(lanes, 2, 6_000), v, TS, () => undefined));
    igv.onInstantActions({ headerId: 0, timestamp: TS, version: '2.1.0', manufacturer: 'm', serialNumber: 'IGV-01', actions: [{ actionType: 'cancelOrder', actionId: 'c', blockingType: 'NONE' }] });
    deliver(igv, logic.messagesFor('IGV-01', cmd(lanes, 3, 1_000), v, TS, () => undefined));
    const refused = stateOf(igv);
    expect(refused.errors.map((e) => e.errorType)).toEqual(['orderUpdateError']);
    logic.stateToCommands('IGV-01', refused, v, null);
    expect(logic.wantsCommand('IGV-01')).toBe(true);
    const msgs = logic.messagesFor('IGV-01', cmd(lanes, 3, 1_000), v, TS, () => undefined);
    expect(msgs.map((m) => m.topic)).toEqual(['order']);
    expect((msgs[0]!.payload as Order).orderId).toBe('IGV-01-2');
    deliver(igv, msgs);
    expect([stateOf(igv).orderId, stateOf(igv).errors]).toEqual(['IGV-01-2', []]);
  });
});

describe('given a joining vehicle that sends states faster than the engine ticks', () => {
  it('asks for one AddVehicle, and again only after many states without the vehicle', () => {
    const { igv } = setup();
    const logic = createVehicleLinkLogic({ cells: site.cells, mapId: site.map.id });
    const adds = Array.from({ length: 12 }, () => logic.stateToCommands('IGV-01', stateOf(igv), undefined, null).commands.length);
    expect(adds).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  });
});

describe('given a vehicle joining at a map node several lanes arrive at', () => {
  it('adds it on the lane its heading says it came by', () => {
    const node = 'CN-Y-CR-M03';
    const ins = lg.inLanes(node);
    expect(ins.length).toBeGreaterThan(1);
    const lane = ins.at(-1)!;
    const line = lg.centreLine(lane.id)!;
    const [a, b] = [line.points.at(-2)!, line.points.at(-1)!];
    const theta = Math.atan2(b[1] - a[1], b[0] - a[0]);
    const s = StateSchema.parse({
      headerId: 0, timestamp: TS, version: '2.1.0', manufacturer: 'igv-fleet', serialNumber: 'IGV-09', orderId: '', orderUpdateId: 0, lastNodeId: node,
      lastNodeSequenceId: 0, driving: false, operatingMode: 'AUTOMATIC', nodeStates: [], edgeStates: [], actionStates: [], batteryState: { batteryCharge: 60, charging: false },
      errors: [], safetyState: { eStop: 'NONE', fieldViolation: false }, agvPosition: { x: b[0] / 1000, y: b[1] / 1000, theta, mapId: site.map.id, positionInitialized: true },
    });
    const out = stateToCommands(createOrderSession('IGV-09'), s, undefined as VehicleState | undefined, { cells: site.cells });
    expect(out.commands).toEqual([{ kind: 'AddVehicle', vehicleId: 'IGV-09', spec: {}, at: { lane: lane.id, offsetMm: lane.lengthMm }, socPercent: 60 }]);
  });
});
