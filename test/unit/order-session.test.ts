import { describe, expect, it } from 'vitest';
import { createPhase1Site, scriptedOrder } from '../fixtures/phase1-run.ts';
import { createHeadlessRun } from '../../simulator/headless-run.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import type { VehicleState } from '../../engine/core/model/world.ts';
import type { VehicleCommand } from '../../engine/core/model/vehicle-command.ts';
import { OrderSchema, type Order } from '../../engine/protocol/vda5050/order.ts';
import { InstantActionsSchema, type InstantActions } from '../../engine/protocol/vda5050/instant-actions.ts';
import { commandToMessages, createOrderSession, type OrderSession } from '../../engine/runtime/vehicle-link/order-session.ts';
import { createHeaderIds, type LinkContext, type MasterMessage } from '../../engine/runtime/vehicle-link/link-context.ts';
import { parseNodeId } from '../../engine/runtime/vehicle-link/lane-points.ts';
import { coordOf } from '../../engine/runtime/vehicle-link/command-path.ts';

const site = createPhase1Site(500);
const cells = site.cells;
const lg = cells.laneGraph;

function ctxFor(serial: string, loadIdOf?: (id: string) => string | undefined): LinkContext {
  return {
    cells, mapId: site.map.id, timestampIso: '2026-01-01T00:00:00.00Z', headerIds: createHeaderIds(), manufacturer: 'igv-fleet', serialNumber: serial,
    ...(loadIdOf ? { loadIdOf } : {}),
  };
}

/** A real vehicle record (IGV-01 as placed on the phase-1 map), with overrides. */
function vehicle(over: Partial<VehicleState> = {}): VehicleState {
  const run = createHeadlessRun(site, createWorld({ tickMs: 500, seed: 1 }));
  const v = run.tick(fleetCommands(site, 1, 'IGV-', {}, 90, 15_600)).world.vehicles.get('IGV-01')!;
  return { ...v, ...over };
}

/** Lanes leading on from `lane`, first way out at each node. */
function chain(lane: string, n: number): string[] {
  const out = [lane];
  while (out.length < n + 1) out.push(lg.outLanes(lg.lane(out.at(-1)!)!.to)[0]!.id);
  return out;
}

function command(lanes: readonly string[], limitLaneIndex: number, limitOffsetMm: number, over: Partial<VehicleCommand> = {}): VehicleCommand {
  return { vehicleId: 'IGV-01', lanes, limitLaneIndex, limitOffsetMm, halt: 'none', chargeW: 0, laden: false, ...over };
}

const orders = (ms: MasterMessage[]): Order[] => ms.filter((m) => m.topic === 'order').map((m) => m.payload as Order);
const instants = (ms: MasterMessage[]): InstantActions['actions'] => ms.filter((m) => m.topic === 'instantActions').flatMap((m) => (m.payload as InstantActions).actions);

/** Track coordinate of an order's last node on the command's lanes. */
function lastNodeAt(order: Order, lanes: readonly string[]): number {
  const last = order.nodes.at(-1)!;
  const hint = order.edges.at(-1)?.edgeId ?? lanes[0];
  const p = parseNodeId(cells, last.nodeId, hint)!;
  return coordOf(cells, lanes, lanes.lastIndexOf(p.lane), p.offsetMm);
}

describe('given a vehicle with no order', () => {
  const v = vehicle();
  const lanes = chain(v.lane, 3);

  it('sends nothing while the command releases nothing beyond the nose', () => {
    const s = createOrderSession('IGV-01');
    expect(commandToMessages(s, command([v.lane], 0, v.offsetMm), v, ctxFor('IGV-01'))).toEqual([]);
  });

  it('starts a new order at the nose, released up to the limit, one node per lane boundary', () => {
    const s = createOrderSession('IGV-01');
    const [order] = orders(commandToMessages(s, command(lanes, 2, 5_000), v, ctxFor('IGV-01')));
    expect(OrderSchema.safeParse(order).success).toBe(true);
    expect(order!.orderId).toBe('IGV-01-1');
    expect(order!.orderUpdateId).toBe(0);
    expect(order!.nodes.map((n) => n.nodeId)).toEqual([lg.lane(v.lane)!.to, lg.lane(lanes[1]!)!.to, `${lanes[2]}:5000`]);
    expect(order!.edges.map((e) => e.edgeId)).toEqual([lanes[1], lanes[2]]);
    expect(order!.nodes.every((n) => n.released) && order!.edges.every((e) => e.released)).toBe(true);
    expect(order!.edges[1]!.length).toBe(5);
    expect(order!.edges[0]!.maxSpeed).toBe(lg.lane(lanes[1]!)!.speedLimitMmps / 1000);
  });
});

describe('given an order whose base the engine extends', () => {
  const v = vehicle();
  const lanes = chain(v.lane, 4);
  const s = createOrderSession('IGV-01');
  const ctx = ctxFor('IGV-01');
  const first = orders(commandToMessages(s, command(lanes, 2, 5_000), v, ctx))[0]!;

  it('sends an update stitched onto the last base node, sequence ids continuing, never past the limit', () => {
    const moved = { ...v, lane: lanes[1]!, offsetMm: 3_000, route: lanes.slice(2) };
    const cmdLanes = lanes.slice(1);
    const msgs = commandToMessages(s, command(cmdLanes, 2, 7_000), moved, ctx);
    expect(instants(msgs)).toEqual([]);
    const [update] = orders(msgs);
    expect(OrderSchema.safeParse(update).success).toBe(true);
    expect(update!.orderId).toBe(first.orderId);
    expect(update!.orderUpdateId).toBe(1);
    expect(update!.nodes[0]).toEqual(first.nodes.at(-1));
    expect(update!.nodes.map((n) => n.sequenceId)).toEqual([4, 6, 8]);
    expect(update!.edges.map((e) => e.sequenceId)).toEqual([5, 7]);
    expect(update!.nodes.at(-1)!.nodeId).toBe(`${lanes[3]}:7000`);
    expect(lastNodeAt(update!, cmdLanes)).toBe(coordOf(cells, cmdLanes, 2, 7_000));
  });

  it('sends nothing when the limit stays where the base ends', () => {
    const moved = { ...v, lane: lanes[2]!, offsetMm: 100, route: lanes.slice(3) };
    expect(commandToMessages(s, command(lanes.slice(2), 1, 7_000), moved, ctx)).toEqual([]);
  });

  it('cancels and starts a new order at the vehicle when the limit moves back behind the base', () => {
    const moved = { ...v, lane: lanes[2]!, offsetMm: 1_000, route: lanes.slice(3) };
    const msgs = commandToMessages(s, command(lanes.slice(2), 1, 2_000), moved, ctx);
    expect(msgs.map((m) => m.topic)).toEqual(['instantActions', 'order']);
    expect(instants(msgs).map((a) => a.actionType)).toEqual(['cancelOrder']);
    const [fresh] = orders(msgs);
    expect(OrderSchema.safeParse(fresh).success).toBe(true);
    expect(fresh!.orderId).toBe('IGV-01-2');
    expect(fresh!.nodes[0]!.nodeId).toBe(`${lanes[2]}:1000`);
    expect(fresh!.nodes.at(-1)!.nodeId).toBe(`${lanes[3]}:2000`);
  });
});

describe('given a path that leaves the base', () => {
  const v = vehicle();
  const lanes = chain(v.lane, 3);

  it('cancels the order and starts a new one from the nose along the new lanes', () => {
    const s = createOrderSession('IGV-01');
    const ctx = ctxFor('IGV-01');
    orders(commandToMessages(s, command(lanes, 2, 5_000), v, ctx));
    const moved = { ...v, lane: lanes[1]!, offsetMm: 2_000 };
    const other = lg.outLanes(lg.lane(lanes[1]!)!.to).find((l) => l.id !== lanes[2]);
    const detour = [lanes[1]!, other?.id ?? lanes[2]!];
    const msgs = commandToMessages(s, command(detour, 0, 10_000), moved, ctx);
    expect(instants(msgs).map((a) => a.actionType)).toEqual(['cancelOrder']);
    const [fresh] = orders(msgs);
    expect(OrderSchema.safeParse(fresh).success).toBe(true);
    expect(fresh!.orderUpdateId).toBe(0);
    expect(fresh!.nodes.map((n) => n.nodeId)).toEqual([`${lanes[1]}:2000`, `${lanes[1]}:10000`]);
  });

  it('starts a new order without cancelling once the vehicle reported the base done', () => {
    const s = createOrderSession('IGV-01');
    const ctx = ctxFor('IGV-01');
    const first = orders(commandToMessages(s, command(lanes, 1, 4_000), v, ctx))[0]!;
    s.lastSeq = first.nodes.at(-1)!.sequenceId;
    s.idle = true;
    const at = { ...v, lane: lanes[1]!, offsetMm: 4_000 };
    const back = lg.lane(lanes[1]!)!;
    const msgs = commandToMessages(s, command([back.id], 0, 2_000), at, ctx);
    expect(msgs.map((m) => m.topic)).toEqual(['order']);
  });
});

describe('given halts and charging', () => {
  const v = vehicle();
  const run = (s: OrderSession, over: Partial<VehicleCommand>) => instants(commandToMessages(s, command([v.lane], 0, v.offsetMm, over), v, ctxFor('IGV-01')));

  it('pauses at the service brake, at the emergency brake, and resumes', () => {
    const s = createOrderSession('IGV-01');
    expect(run(s, { halt: 'service' }).map((a) => [a.actionType, a.actionParameters])).toEqual([['startPause', undefined]]);
    expect(run(s, { halt: 'emergency' }).map((a) => [a.actionType, a.actionParameters])).toEqual([['startPause', [{ key: 'emergency', value: true }]]]);
    expect(run(s, { halt: 'emergency' })).toEqual([]);
    expect(run(s, { halt: 'none' }).map((a) => a.actionType)).toEqual(['stopPause']);
  });

  it('starts charging with the power and stops it', () => {
    const s = createOrderSession('IGV-01');
    const start = run(s, { chargeW: 188_000 });
    expect(start.map((a) => [a.actionType, a.actionParameters])).toEqual([['startCharging', [{ key: 'powerW', value: 188_000 }]]]);
    expect(run(s, { chargeW: 0 }).map((a) => a.actionType)).toEqual(['stopCharging']);
  });

  it('writes valid instantActions messages with unique action ids', () => {
    const s = createOrderSession('IGV-01');
    const msgs = commandToMessages(s, command([v.lane], 0, v.offsetMm, { halt: 'service', chargeW: 5 }), v, ctxFor('IGV-01'));
    expect(msgs).toHaveLength(1);
    expect(InstantActionsSchema.safeParse(msgs[0]!.payload).success).toBe(true);
    const ids = instants(msgs).map((a) => a.actionId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('given a base that reaches the stop of a pick leg', () => {
  it('puts a HARD pick on that node with the container id and station', () => {
    const v0 = vehicle();
    const lanes = chain(v0.lane, 2);
    const stop = lg.lane(lanes[2]!)!;
    const v = {
      ...v0,
      route: lanes.slice(1),
      task: { kind: 'order' as const, legIndex: 0, serviceUntilMs: null, legs: [{ station: 'ST-X', node: stop.to, action: 'pick' as const, orderId: 'O7' }] },
    };
    const s = createOrderSession('IGV-01');
    const [order] = orders(commandToMessages(s, command(lanes, 2, stop.lengthMm), v, ctxFor('IGV-01', (id) => (id === 'O7' ? 'TSTU0000070' : undefined))));
    expect(OrderSchema.safeParse(order).success).toBe(true);
    const last = order!.nodes.at(-1)!;
    expect(last.nodeId).toBe(stop.to);
    expect(last.actions).toEqual([
      { actionType: 'pick', actionId: expect.any(String), blockingType: 'HARD', actionParameters: [{ key: 'loadId', value: 'TSTU0000070' }, { key: 'stationName', value: 'ST-X' }] },
    ]);
    expect(order!.nodes.slice(0, -1).every((n) => n.actions.length === 0)).toBe(true);
  });
});

describe('given the commands of a real headless run with orders', () => {
  it('writes only valid orders, stitched, never beyond the limit', () => {
    const run = createHeadlessRun(site, createWorld({ tickMs: 500, seed: 2 }));
    const sessions = new Map<string, OrderSession>();
    const ctxs = new Map<string, LinkContext>();
    let updates = 0;
    let news = 0;
    for (let t = 1; t <= 400; t++) {
      const inbox = t === 1 ? fleetCommands(site, 4, 'IGV-', {}, 90, 15_600) : t % 40 === 2 ? [{ kind: 'CreateOrder' as const, order: scriptedOrder(t) }] : [];
      const out = run.tick(inbox);
      for (const c of out.vehicleCommands) {
        const s = sessions.get(c.vehicleId) ?? createOrderSession(c.vehicleId);
        sessions.set(c.vehicleId, s);
        const ctx = ctxs.get(c.vehicleId) ?? ctxFor(c.vehicleId);
        ctxs.set(c.vehicleId, ctx);
        const before = s.nodes.at(-1)?.node;
        const beforeId = s.orderId;
        const v = out.world.vehicles.get(c.vehicleId)!;
        // The vehicles drive their commands: what was sent is done by the time of the next command.
        for (const o of orders(commandToMessages(s, c, v, ctx))) {
          expect(OrderSchema.safeParse(o).error?.issues ?? []).toEqual([]);
          expect(lastNodeAt(o, c.lanes)).toBeLessThanOrEqual(coordOf(cells, c.lanes, c.limitLaneIndex, c.limitOffsetMm));
          if (o.orderId === beforeId) {
            updates++;
            expect(o.nodes[0]).toEqual(before);
          } else news++;
        }
        s.lastSeq = s.nodes.at(-1)?.node.sequenceId ?? -1;
      }
    }
    expect(updates).toBeGreaterThan(10);
    expect(news).toBeGreaterThan(0);
  });
});
