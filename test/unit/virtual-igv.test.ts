import { describe, expect, it } from 'vitest';
import { createPhase1Site } from '../fixtures/phase1-run.ts';
import type { VehicleCommand } from '../../engine/core/model/vehicle-command.ts';
import type { Order } from '../../engine/protocol/vda5050/order.ts';
import type { InstantActions } from '../../engine/protocol/vda5050/instant-actions.ts';
import { commandToMessages, createOrderSession } from '../../engine/runtime/vehicle-link/order-session.ts';
import { createHeaderIds } from '../../engine/runtime/vehicle-link/link-context.ts';
import { createHeadlessRun } from '../../simulator/headless-run.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import { advanceVehicle, createVirtualVehicle } from '../../simulator/vehicles/virtual-vehicle.ts';
import { createVirtualIgv } from '../../simulator/fleet-client/virtual-igv.ts';
import { startPositions } from '../../simulator/fleet-client/start-positions.ts';

const TICK = 500;
const site = createPhase1Site(TICK);
const lg = site.cells.laneGraph;
const start = startPositions(site, 1)[0]!;
const engineVehicle = createHeadlessRun(site, createWorld({ tickMs: TICK, seed: 1 })).tick(fleetCommands(site, 1, 'IGV-', {}, 100, 15_600)).world.vehicles.get('IGV-01')!;
const lanes = [start.lane];
while (lanes.length < 5) lanes.push(lg.outLanes(lg.lane(lanes.at(-1)!)!.to)[0]!.id);

function igvWithOrder(cmd: VehicleCommand) {
  const igv = createVirtualIgv({ serialNumber: 'IGV-01', manufacturer: 'igv-fleet', cells: site.cells, mapId: site.map.id, tickMs: TICK }, start);
  igv.syncClock(0);
  const msgs = commandToMessages(createOrderSession('IGV-01'), cmd, { ...engineVehicle, route: cmd.lanes.slice(1) }, {
    cells: site.cells, mapId: site.map.id, timestampIso: '2026-01-01T00:00:00.00Z', headerIds: createHeaderIds(), manufacturer: 'igv-fleet', serialNumber: 'IGV-01',
  });
  for (const m of msgs) if (m.topic === 'order') igv.onOrder(m.payload as Order);
  return igv;
}

const instant = (actionType: string, actionParameters?: { key: string; value: unknown }[]): InstantActions => ({
  headerId: 0, timestamp: '2026-01-01T00:00:00.00Z', version: '2.1.0', manufacturer: 'igv-fleet', serialNumber: 'IGV-01',
  actions: [{ actionType, actionId: `${actionType}-1`, blockingType: 'NONE', ...(actionParameters ? { actionParameters: actionParameters as never } : {}) }],
});

const cmd = (limitLaneIndex: number, limitOffsetMm: number): VehicleCommand => ({ vehicleId: 'IGV-01', lanes, limitLaneIndex, limitOffsetMm, halt: 'none', chargeW: 0, laden: false });

describe('given a released base', () => {
  it('drives it exactly as the headless simulator drives the same command', () => {
    const c = cmd(3, 5_000);
    const igv = igvWithOrder(c);
    const sim = createVirtualVehicle('IGV-01', start.spec, start.lane, start.offsetMm, start.trail, Math.round(start.spec.batteryWh));
    for (let t = 1; t <= 120; t++) {
      // The engine tells the simulated vehicle its lanes from where its nose is, every time that changes.
      const k = lanes.indexOf(sim.lane);
      sim.command = { ...c, lanes: lanes.slice(k), limitLaneIndex: c.limitLaneIndex - k };
      advanceVehicle(site.cells, sim, TICK);
      igv.advanceTo(t * TICK);
      const v = igv.core.v;
      expect([v.lane, v.offsetMm, v.speedMmps, v.odometerMm, v.socMwh]).toEqual([sim.lane, sim.offsetMm, sim.speedMmps, sim.odometerMm, sim.socMwh]);
    }
    const s = igv.state();
    expect([s.nodeStates, s.lastNodeId, s.driving]).toEqual([[], `${lanes[3]}:5000`, false]);
  });

  it('traverses nodes as the nose passes them and reports the distance since the last one', () => {
    const igv = igvWithOrder(cmd(2, 3_000));
    const first = igv.state();
    expect(first.nodeStates.map((n) => n.nodeId)).toEqual([lg.lane(lanes[1]!)!.to, `${lanes[2]}:3000`]);
    for (let t = 1; igv.core.v.lane === lanes[0] || igv.core.v.lane === lanes[1]; t++) igv.advanceTo(t * TICK);
    const s = igv.state();
    expect(s.lastNodeId).toBe(lg.lane(lanes[1]!)!.to);
    expect(s.distanceSinceLastNode).toBeCloseTo(igv.core.v.offsetMm / 1000, 6);
    expect(s.edgeStates.map((e) => e.edgeId)).toEqual([lanes[2]]);
  });
});

describe('given instant actions', () => {
  it('holds still while paused and moves on after stopPause', () => {
    const igv = igvWithOrder(cmd(3, 5_000));
    igv.onInstantActions(instant('startPause'));
    igv.advanceTo(10_000);
    expect([igv.core.v.offsetMm, igv.state().paused]).toEqual([start.offsetMm, true]);
    igv.onInstantActions(instant('stopPause'));
    igv.advanceTo(20_000);
    expect(igv.core.v.odometerMm).toBeGreaterThan(0);
  });

  it('charges while standing at the power asked for', () => {
    const igv = createVirtualIgv({ serialNumber: 'IGV-01', manufacturer: 'igv-fleet', cells: site.cells, mapId: site.map.id, tickMs: TICK }, { ...start, socPercent: 50 });
    igv.syncClock(0);
    igv.onInstantActions(instant('startCharging', [{ key: 'powerW', value: 180_000 }]));
    igv.advanceTo(3_600_000 / 18);
    const s = igv.state();
    expect(s.batteryState.charging).toBe(true);
    expect(s.batteryState.batteryCharge).toBeCloseTo(50 + (10_000 / start.spec.batteryWh) * 100, 1);
  });

  it('cancels a moving order: RUNNING until it stands, waiting actions FAILED, nothing left to traverse', () => {
    const igv = igvWithOrder(cmd(3, 5_000));
    igv.advanceTo(20_000);
    expect(igv.core.v.speedMmps).toBeGreaterThan(0);
    igv.onInstantActions(instant('cancelOrder'));
    expect(igv.state().actionStates.find((a) => a.actionType === 'cancelOrder')?.actionStatus).toBe('RUNNING');
    igv.advanceTo(20_000 + TICK);
    const s = igv.state();
    expect([s.actionStates.find((a) => a.actionType === 'cancelOrder')?.actionStatus, s.nodeStates, s.driving]).toEqual(['FINISHED', [], false]);
  });
});

describe('given a pick at the end of the base', () => {
  it('stops there, holds for the handling time, then carries the load', () => {
    const stop = lg.lane(lanes[2]!)!;
    const igv = createVirtualIgv({ serialNumber: 'IGV-01', manufacturer: 'igv-fleet', cells: site.cells, mapId: site.map.id, tickMs: TICK }, start);
    igv.syncClock(0);
    const session = createOrderSession('IGV-01');
    const v = { ...engineVehicle, route: lanes.slice(1, 3), task: { kind: 'order' as const, legIndex: 0, serviceUntilMs: null, legs: [{ station: 'ST-X', node: stop.to, action: 'pick' as const, orderId: 'O1' }] } };
    const msgs = commandToMessages(session, { ...cmd(2, stop.lengthMm), lanes: lanes.slice(0, 3) }, v, {
      cells: site.cells, mapId: site.map.id, timestampIso: '2026-01-01T00:00:00.00Z', headerIds: createHeaderIds(), manufacturer: 'igv-fleet', serialNumber: 'IGV-01', loadIdOf: () => 'TSTU1234565',
    });
    igv.onOrder(msgs[0]!.payload as Order);
    let t = 0;
    while (igv.core.lastNodeId !== stop.to) igv.advanceTo((t += TICK));
    expect(igv.state().actionStates.map((a) => [a.actionType, a.actionStatus])).toEqual([['pick', 'RUNNING']]);
    igv.advanceTo(t + 1_500);
    expect(igv.state().loads).toEqual([]);
    igv.advanceTo(t + 2_000);
    const s = igv.state();
    expect([s.actionStates.map((a) => a.actionStatus), s.loads]).toEqual([['FINISHED'], [{ loadId: 'TSTU1234565', loadType: 'container' }]]);
  });
});
