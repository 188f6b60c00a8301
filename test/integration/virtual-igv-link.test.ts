import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhase1Site, scriptedOrder } from '../fixtures/phase1-run.ts';
import { createMiniMaster, type MiniMaster } from '../fixtures/vda-mini-master.ts';
import { createFleetClient, type FleetClient } from '../../simulator/fleet-client/fleet-client.ts';
import { startPositions } from '../../simulator/fleet-client/start-positions.ts';
import { createHeadlessRun } from '../../simulator/headless-run.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import type { Command } from '../../engine/core/model/commands.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';
import type { Order } from '../../engine/protocol/vda5050/order.ts';
import type { State } from '../../engine/protocol/vda5050/state.ts';
import { commandToMessages, createOrderSession } from '../../engine/runtime/vehicle-link/order-session.ts';
import { createHeaderIds } from '../../engine/runtime/vehicle-link/link-context.ts';
import type { StateBody } from '../../simulator/fleet-client/igv-report.ts';

const tokensFor = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`IGV-0${i + 1}`, `vehicle-token-IGV-0${i + 1}-abcdef`]));

/** Three orders on the phase-1 flows with short crane, gate and scanner times, so the run stays short. */
function orders(): Command[] {
  return [1, 2, 3].map((n) => {
    const o = scriptedOrder(n);
    const serviceMs = Object.fromEntries([o.origin, o.destination, ...o.via].map((st) => [st, 10_000]));
    return { kind: 'CreateOrder', order: { ...o, serviceMs } };
  });
}

async function startFleet(master: MiniMaster, count: number, site = master.runtime.site): Promise<FleetClient> {
  const tokens = tokensFor(count);
  const fleet = createFleetClient({ url: master.url, site, count, tokens, clock: 'master' });
  const first = Object.keys(tokens).map((s) => master.nextState(s, 10_000));
  fleet.start();
  await fleet.ready(10_000);
  await Promise.all(first);
  return fleet;
}

describe('given three virtual IGVs on a lockstep master over real sockets (phase-1 map)', () => {
  let master: MiniMaster;
  let fleet: FleetClient;
  beforeAll(async () => {
    const site = createPhase1Site(1_000);
    master = await createMiniMaster(site, tokensFor(3));
    fleet = await startFleet(master, 3);
  });
  afterAll(async () => {
    await fleet?.stop();
    await master?.close();
  });

  it('joins them where the simulator places them, then delivers every order, resuming after a dropped link', async () => {
    const added = await master.tick();
    expect(added.events.filter((e) => e.kind === 'VehicleAdded').map((e) => (e as { vehicleId: string }).vehicleId).sort()).toEqual(['IGV-01', 'IGV-02', 'IGV-03']);
    for (const start of startPositions(master.runtime.site, 3)) {
      const v = added.world.vehicles.get(start.serialNumber)!;
      expect([v.lane, v.offsetMm, v.trail]).toEqual([start.lane, start.offsetMm, start.trail]);
    }
    const rejected: string[] = [];
    let before: StateBody | null = null;
    const mismatches: string[] = [];
    const handled = new Set<string>();
    let resumed: State | null = null;
    let out = await master.tick(orders());
    for (let i = 0; i < 4_000; i++) {
      for (const e of out.events) if (e.kind === 'CommandRejected') rejected.push(`${e.command} ${e.reason} ${e.detail ?? ''}`);
      const os = [...out.world.orders.values()];
      if (os.every((o) => o.status === 'delivered' || o.status === 'failed')) break;
      for (const [id, g] of fleet.vehicles) {
        for (const a of g.core.actions) if (a.scope === 'NODE' && a.status === 'FINISHED') handled.add(`${id}:${a.action.actionType}`);
      }
      const igv2 = fleet.vehicles.get('IGV-02')!;
      if (!before && igv2.core.v.speedMmps > 0 && igv2.core.orderId !== '') {
        // The link drops mid-drive: the vehicle reconnects by itself and carries on with its order.
        before = igv2.state();
        const after = master.nextState('IGV-02', 10_000);
        master.dropLink('IGV-02');
        resumed = await after;
      }
      // What the vehicles reported is what the next tick's world holds.
      const seen = new Map([...fleet.vehicles].map(([id, g]) => [id, { lane: g.core.v.lane, offsetMm: g.core.v.offsetMm }]));
      out = await master.tick();
      for (const [id, p] of seen) {
        const v = out.world.vehicles.get(id)!;
        if (v.lane !== p.lane || Math.abs(v.offsetMm - p.offsetMm) > 500) mismatches.push(`tick ${out.world.tick} ${id}: engine ${v.lane}@${v.offsetMm}, vehicle ${p.lane}@${p.offsetMm}`);
      }
    }
    const final = master.runtime.world();
    expect([...final.orders.values()].map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(rejected).toEqual([]);
    expect(master.refused).toEqual([]);
    expect(master.problems).toEqual([]);
    expect(resumed).not.toBeNull();
    expect([resumed!.orderId, resumed!.lastNodeId, resumed!.agvPosition]).toEqual([before!.orderId, before!.lastNodeId, before!.agvPosition]);
    expect(mismatches).toEqual([]);
    for (const [serial, igv] of fleet.vehicles) {
      expect(final.vehicles.get(serial)!.status).toBe('ok');
      expect(igv.core.errors).toEqual([]);
    }
    // Each vehicle carried one container: its pick and drop ran on the vehicle, by node actions.
    expect([...handled].sort()).toEqual(['IGV-01:drop', 'IGV-01:pick', 'IGV-02:drop', 'IGV-02:pick', 'IGV-03:drop', 'IGV-03:pick']);
  }, 120_000);
});

describe('given one virtual IGV taking orders straight from the socket', () => {
  let master: MiniMaster;
  let fleet: FleetClient;
  let vehicle: VehicleState;
  const site = createPhase1Site(1_000);
  const lg = site.cells.laneGraph;
  let n = 0;

  /** A valid new order (its own id) from where the vehicle stands, released `lanes` lanes ahead. */
  function newOrder(lanes: number): Order {
    const path = [vehicle.lane];
    while (path.length < lanes + 1) path.push(lg.outLanes(lg.lane(path.at(-1)!)!.to)[0]!.id);
    const s = createOrderSession(`T${++n}`);
    const msgs = commandToMessages(s, { vehicleId: 'IGV-01', lanes: path, limitLaneIndex: lanes, limitOffsetMm: 5_000, halt: 'none', chargeW: 0, laden: false }, vehicle, {
      cells: site.cells, mapId: site.map.id, timestampIso: '2026-01-01T00:00:00.00Z', headerIds: createHeaderIds(), manufacturer: 'igv-fleet', serialNumber: 'IGV-01',
    });
    return msgs[0]!.payload as Order;
  }
  const errorTypes = (s: State) => s.errors.map((e) => e.errorType);

  beforeAll(async () => {
    // The engine never ticks here: the vehicle stays unknown to it, so the master's own logic sends it nothing.
    master = await createMiniMaster(site, tokensFor(1));
    fleet = await startFleet(master, 1);
    vehicle = createHeadlessRun(site, createWorld({ tickMs: 1_000, seed: 1 })).tick(fleetCommands(site, 1, 'IGV-', {}, 90, 15_600)).world.vehicles.get('IGV-01')!;
  });
  afterAll(async () => {
    await fleet?.stop();
    await master?.close();
  });

  it('accepts an order from where it stands and lists what is left to traverse', async () => {
    const order = newOrder(2);
    master.send('IGV-01', 'order', order as unknown as Record<string, unknown>);
    const s = await master.requestState('IGV-01', 0);
    expect([s.orderId, s.orderUpdateId, s.lastNodeId, s.lastNodeSequenceId]).toEqual([order.orderId, 0, order.nodes[0]!.nodeId, 0]);
    expect(s.nodeStates.map((x) => x.sequenceId)).toEqual(order.nodes.slice(1).map((x) => x.sequenceId));
    expect(s.errors).toEqual([]);
  });

  it('refuses an update that does not stitch onto the last base node (orderUpdateError) and keeps its order', async () => {
    const current = (await master.requestState('IGV-01', 0)).orderId;
    const bad = { ...newOrder(1), orderId: current, orderUpdateId: 1 };
    master.send('IGV-01', 'order', bad as unknown as Record<string, unknown>);
    const s = await master.requestState('IGV-01', 0);
    expect(errorTypes(s)).toEqual(['orderUpdateError']);
    expect([s.orderId, s.orderUpdateId]).toEqual([current, 0]);
    expect(s.nodeStates.length).toBeGreaterThan(0);
  });

  it('refuses a new order while it still has one to drive (orderError)', async () => {
    const other = newOrder(1);
    master.send('IGV-01', 'order', other as unknown as Record<string, unknown>);
    const s = await master.requestState('IGV-01', 0);
    expect(errorTypes(s)).toContain('orderError');
    expect(s.orderId).not.toBe(other.orderId);
  });

  it('reports an order that breaks the order rules as validationError', async () => {
    const broken = { ...newOrder(2), edges: [] };
    master.send('IGV-01', 'order', broken as unknown as Record<string, unknown>);
    const s = await master.requestState('IGV-01', 0);
    expect(errorTypes(s)).toContain('validationError');
  });

  it('cancels its order, then takes a new one and clears the refusals', async () => {
    master.send('IGV-01', 'instantActions', { actions: [{ actionType: 'cancelOrder', actionId: 'c-1', blockingType: 'NONE' }] });
    const cancelled = await master.requestState('IGV-01', 0);
    expect(cancelled.actionStates.find((a) => a.actionId === 'c-1')?.actionStatus).toBe('FINISHED');
    expect(cancelled.nodeStates).toEqual([]);
    const fresh = newOrder(1);
    master.send('IGV-01', 'order', fresh as unknown as Record<string, unknown>);
    const s = await master.requestState('IGV-01', 0);
    expect([s.orderId, s.errors]).toEqual([fresh.orderId, []]);
  });

  it('drives only when the master gives it the time, and answers a second cancel with noOrderToCancel once stopped and done', async () => {
    const before = fleet.vehicles.get('IGV-01')!.core.v.offsetMm;
    const moving = await master.requestState('IGV-01', 3_000);
    expect(moving.driving || fleet.vehicles.get('IGV-01')!.core.v.offsetMm !== before || moving.lastNodeSequenceId > 0).toBe(true);
    const done = await master.requestState('IGV-01', 120_000);
    expect(done.nodeStates).toEqual([]);
    master.send('IGV-01', 'instantActions', { actions: [{ actionType: 'cancelOrder', actionId: 'c-2', blockingType: 'NONE' }] });
    const s = await master.requestState('IGV-01', 120_000);
    expect(s.actionStates.find((a) => a.actionId === 'c-2')?.actionStatus).toBe('FAILED');
    expect(errorTypes(s)).toContain('noOrderToCancel');
  });
});

describe('given a fleet on the wall clock', () => {
  it('joins, drives an order on its own time and goes OFFLINE on stop', async () => {
    const site = createPhase1Site(100);
    const master = await createMiniMaster(site, tokensFor(2));
    const fleet = createFleetClient({ url: master.url, site, count: 2, tokens: tokensFor(2), clock: 'wall', timeScale: 20, stateIntervalMs: 500 });
    try {
      fleet.start();
      await fleet.ready(10_000);
      while (master.runtime.world().vehicles.size < 2) await master.tick();
      const o = orders()[0]!;
      await master.tick([o]);
      const moved = () => [...master.runtime.world().vehicles.values()].some((v) => v.odometerMm > 20_000);
      for (let i = 0; i < 3_000 && !moved(); i++) {
        await master.tick();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(moved()).toBe(true);
      expect([master.refused, master.problems]).toEqual([[], []]);
      await fleet.stop();
      await master.tick();
      expect(master.online()).toEqual([]);
      expect([...master.runtime.world().vehicles.values()].map((v) => v.status)).toEqual(['link-lost', 'link-lost']);
    } finally {
      await fleet.stop();
      await master.close();
    }
  }, 60_000);
});
