/**
 * What the operator API answers with: zod schemas (the OpenAPI document is generated from them)
 * and the mappers from engine records. The DTOs are deliberately narrower than the engine's
 * records, so an internal field can change without changing the API.
 */
import { z } from 'zod';
import { ORDER_STATUSES, OrderSpecSchema, type OrderState } from '../../core/model/order.ts';
import { VehicleSpecSchema } from '../../core/model/vehicle-spec.ts';
import type { VehicleState, World } from '../../core/model/world.ts';
import type { Site } from '../../core/tick/site.ts';

export const IdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'not a valid id') });

export const OrderDtoSchema = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATUSES),
  vehicleId: z.string().nullable().describe('vehicle serving the order'),
  createdMs: z.number().int().describe('engine time the order was accepted, ms'),
  loadedMs: z.number().int().nullable(),
  deliveredMs: z.number().int().nullable(),
  failReason: z.string().nullable().describe('reason code and detail of a failed or cancelled order'),
  spec: OrderSpecSchema,
});
export type OrderDto = z.infer<typeof OrderDtoSchema>;

export function orderDto(o: OrderState): OrderDto {
  return {
    id: o.spec.id, status: o.status, vehicleId: o.vehicleId, createdMs: o.createdMs, loadedMs: o.loadedMs,
    deliveredMs: o.deliveredMs, failReason: o.failReason, spec: o.spec,
  };
}

/** One word for what a vehicle is doing, used by the API and the `igv_vehicles{state}` gauge. */
export const VEHICLE_STATES = ['idle', 'busy', 'charging', 'paused', 'broken', 'link-lost'] as const;
export type VehicleStateLabel = (typeof VEHICLE_STATES)[number];

export function vehicleStateLabel(v: VehicleState): VehicleStateLabel {
  if (v.status !== 'ok') return v.status;
  if (v.paused) return 'paused';
  if (v.charging) return 'charging';
  return v.task && v.task.kind !== 'park' ? 'busy' : 'idle';
}

const LegSchema = z.object({
  station: z.string(),
  node: z.string(),
  action: z.enum(['pick', 'drop', 'gate', 'scan', 'charge', 'park', 'hold']),
  orderId: z.string().nullable(),
});

export const VehicleDtoSchema = z.object({
  id: z.string(),
  state: z.enum(VEHICLE_STATES),
  status: z.enum(['ok', 'broken', 'link-lost']),
  paused: z.boolean(),
  charging: z.boolean(),
  chargeRequested: z.boolean().describe('a charge was asked for; taken when the current task ends'),
  routeBlocked: z.boolean().describe('no route to the current stop (a closure); retried every tick'),
  lane: z.string().describe('lane the nose is on'),
  offsetMm: z.number().int().describe('how far along that lane, mm'),
  speedMmps: z.number().int(),
  socWh: z.number().int(),
  socPercent: z.number().describe('state of charge, %, one decimal'),
  odometerMm: z.number().int(),
  load: z.array(z.string()).describe('orders on board'),
  task: z
    .object({ kind: z.enum(['order', 'charge', 'park']), legIndex: z.number().int(), legs: z.array(LegSchema) })
    .nullable(),
  waitingSinceMs: z.number().int().nullable().describe('since when it has wanted to move and could not, engine ms'),
});
export type VehicleDto = z.infer<typeof VehicleDtoSchema>;

export const VehicleDetailSchema = VehicleDtoSchema.extend({
  spec: VehicleSpecSchema,
  connection: z.unknown().nullable().describe('the last VDA 5050 connection message (retained), null if none'),
  factsheet: z.unknown().nullable().describe('the last VDA 5050 factsheet message (retained), null if none'),
});
export type VehicleDetail = z.infer<typeof VehicleDetailSchema>;

export function vehicleDto(v: VehicleState): VehicleDto {
  return {
    id: v.id, state: vehicleStateLabel(v), status: v.status, paused: v.paused, charging: v.charging, chargeRequested: v.chargeRequested,
    routeBlocked: v.routeBlocked, lane: v.lane, offsetMm: v.offsetMm, speedMmps: v.speedMmps, socWh: v.socWh,
    socPercent: Math.round((1000 * v.socWh) / v.spec.batteryWh) / 10, odometerMm: v.odometerMm, load: [...v.load],
    task: v.task && {
      kind: v.task.kind,
      legIndex: v.task.legIndex,
      legs: v.task.legs.map((l) => ({ station: l.station, node: l.node, action: l.action, orderId: l.orderId })),
    },
    waitingSinceMs: v.waitingSinceMs,
  };
}

export const LaneDtoSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  kind: z.enum(['yard', 'approach', 'gate', 'bridge', 'dock']),
  lengthMm: z.number().int(),
  speedLimitMmps: z.number().int(),
  singleTrackWith: z.string().nullable().describe('the opposite-direction lane sharing this track'),
  closed: z.boolean(),
});
export type LaneDto = z.infer<typeof LaneDtoSchema>;

export function laneDtos(site: Site, world: World): LaneDto[] {
  return site.map.lanes.map((l) => ({
    id: l.id, from: l.from, to: l.to, kind: l.kind, lengthMm: l.lengthMm, speedLimitMmps: l.speedLimitMmps,
    singleTrackWith: l.singleTrackWith ?? null, closed: world.closedLanes.has(l.id),
  }));
}

export const GateStateSchema = z.object({
  tick: z.number().int(),
  emergencyStop: z.boolean(),
  safeMode: z.boolean(),
});

export function gateState(world: World): z.infer<typeof GateStateSchema> {
  return { tick: world.tick, emergencyStop: world.emergencyStop, safeMode: world.safeMode };
}
