/**
 * A cargo order: move one container from an origin station to a destination station.
 * The input shape (what an operator or the demand generator submits) is the zod schema; the
 * order's life in the world (`OrderState`) is derived from it.
 */
import { z } from 'zod';
import { isValidContainerId } from './iso6346.ts';

export const GOODS_TYPES = ['fruit-vegetables', 'frozen-seafood', 'electronics', 'other'] as const;
export const GoodsTypeSchema = z.enum(GOODS_TYPES);
export type GoodsType = z.infer<typeof GoodsTypeSchema>;

export const DIRECTIONS = ['VN-CN', 'CN-VN'] as const;
export const DirectionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof DirectionSchema>;

/** Perishables go first (the pilot's priority goods: fruit and frozen seafood). */
export function isPerishable(goods: GoodsType): boolean {
  return goods === 'fruit-vegetables' || goods === 'frozen-seafood';
}

export const OrderSpecSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
    containerId: z.string().refine(isValidContainerId, 'containerId: not a valid ISO 6346 container number (check digit)'),
    sizeFt: z.union([z.literal(20), z.literal(40)]),
    grossKg: z.number().int().positive().max(40_000),
    goods: GoodsTypeSchema,
    direction: DirectionSchema,
    priority: z.number().int().min(0).max(9).default(0).describe('0 normal … 9 most urgent'),
    releaseMs: z.number().int().nonnegative().default(0).describe('engine time from which the order may be served'),
    dueMs: z.number().int().positive().optional().describe('engine time by which it should be delivered'),
    origin: z.string().min(1).describe('station id where the container is picked'),
    destination: z.string().min(1).describe('station id where it is dropped'),
    via: z.array(z.string().min(1)).default([]).describe('stations to stop at on the way (automated gate, NII scanner, inspection bay)'),
    arrivalMs: z.number().int().nonnegative().optional().describe('when the cargo arrived at the gate (its truck), ms; clearance is measured from it'),
    serviceMs: z
      .record(z.string().min(1), z.number().int().nonnegative())
      .optional()
      .describe('service time at a station for this order, ms, overriding the station\'s own (a crane move drawn by the process model, an inspection hold)'),
  })
  .strict();

export type OrderSpec = z.infer<typeof OrderSpecSchema>;

export const ORDER_STATUSES = ['open', 'assigned', 'loaded', 'delivered', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderState {
  readonly spec: OrderSpec;
  readonly status: OrderStatus;
  readonly vehicleId: string | null;
  readonly createdMs: number;
  readonly loadedMs: number | null;
  readonly deliveredMs: number | null;
  readonly failReason: string | null;
  /** The last reason this order could not be assigned, so a reason is emitted once, not every tick. */
  readonly lastVeto: string | null;
}
