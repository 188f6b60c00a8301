/**
 * Commands: the only way anything changes the world. HTTP handlers, vehicle messages, the
 * demand generator and fault injection all enqueue these; `step()` applies them in order.
 * Validated with zod at the edge, so the core can trust their shape (not their meaning:
 * unknown ids and impossible requests become refusal events with reason codes).
 */
import { z } from 'zod';
import { OrderSpecSchema } from './order.ts';
import { VehicleSpecSchema } from './vehicle-spec.ts';

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

export const PlacementSchema = z.union([
  z.object({ node: Id }).strict(),
  z.object({ lane: Id, offsetMm: z.number().int().nonnegative() }).strict(),
]);

export const CommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('CreateOrder'), order: OrderSpecSchema }).strict(),
  z.object({ kind: z.literal('CancelOrder'), orderId: Id, reason: z.string().min(1).max(200) }).strict(),
  z
    .object({
      kind: z.literal('AddVehicle'),
      vehicleId: Id,
      spec: VehicleSpecSchema.partial().default({}),
      at: PlacementSchema,
      socPercent: z.number().min(0).max(100).default(100),
    })
    .strict(),
  z
    .object({
      kind: z.literal('VehicleReport'),
      vehicleId: Id,
      lane: Id,
      offsetMm: z.number().int().nonnegative(),
      speedMmps: z.number().int().nonnegative(),
      socWh: z.number().int().nonnegative(),
      odometerMm: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ kind: z.literal('PauseVehicle'), vehicleId: Id }).strict(),
  z.object({ kind: z.literal('ResumeVehicle'), vehicleId: Id }).strict(),
  z.object({ kind: z.literal('SendToCharge'), vehicleId: Id }).strict(),
  z.object({ kind: z.literal('CloseLane'), laneId: Id }).strict(),
  z.object({ kind: z.literal('OpenLane'), laneId: Id }).strict(),
  z.object({ kind: z.literal('BreakDown'), vehicleId: Id, repairMs: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('LinkLost'), vehicleId: Id }).strict(),
  z.object({ kind: z.literal('LinkRestored'), vehicleId: Id }).strict(),
  /** A station (crane, scanner, gate, charger…) stops serving: services in progress are suspended, none start. */
  z.object({ kind: z.literal('StationDown'), station: Id, reason: z.string().min(1).max(200) }).strict(),
  /** The station serves again: suspended services resume with the time they had left. */
  z.object({ kind: z.literal('StationUp'), station: Id }).strict(),
  z.object({ kind: z.literal('EmergencyStop') }).strict(),
  z.object({ kind: z.literal('ReleaseEmergencyStop') }).strict(),
]);

export type Command = z.infer<typeof CommandSchema>;
export type CommandKind = Command['kind'];
export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;
