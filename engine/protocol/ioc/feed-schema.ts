/**
 * The IOC feed's world (DESIGN §5): what an IOC client or the viewer sees of the live gate, as
 * collections of entries by id. Units are the reader's, not the engine's: metres, m/s, seconds,
 * percent; engine times stay integer ms. Browser-safe: zod and core types only.
 */
import { z } from 'zod';
import type { GoodsType, Direction, OrderStatus } from '../../core/model/order.ts';
import type { VehicleStatus } from '../../core/model/world.ts';

/** Compile-time check that a local enum lists exactly the core's values (protocol may not import core values). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(_check?: T) => undefined;

const GOODS = ['fruit-vegetables', 'frozen-seafood', 'electronics', 'other'] as const;
const DIRS = ['VN-CN', 'CN-VN'] as const;
const ORDER_STATUS = ['open', 'assigned', 'loaded', 'delivered', 'failed'] as const;
const VEHICLE_STATUS = ['ok', 'broken', 'link-lost'] as const;
same<Same<(typeof GOODS)[number], GoodsType>>();
same<Same<(typeof DIRS)[number], Direction>>();
same<Same<(typeof ORDER_STATUS)[number], OrderStatus>>();
same<Same<(typeof VEHICLE_STATUS)[number], VehicleStatus>>();

/** What a vehicle is doing, for dashboards (the simulator's KPI states, same rules). */
export const VEHICLE_ACTIVITIES = ['driving', 'waiting', 'serving', 'charging', 'idle', 'faulted'] as const;
export const ALARM_KINDS = ['stall', 'deadlock', 'breakdown', 'link-lost', 'engine-fault', 'station-down', 'emergency-stop'] as const;

const Int = z.number().int();
const NonNegInt = Int.nonnegative();

export const FeedGateSchema = z.object({
  tick: NonNegInt,
  nowMs: NonNegInt.describe('engine time, ms'),
  timestamp: z.string().describe('engine time as ISO 8601 UTC'),
  emergencyStop: z.boolean(),
  safeMode: z.boolean(),
  mapId: z.string(),
});

export const FeedVehicleSchema = z.object({
  id: z.string(),
  x: z.number().describe('footprint centre, map frame, m'),
  y: z.number(),
  heading: z.number().describe('rad'),
  lane: z.string().describe('lane the nose is on'),
  offsetMm: NonNegInt,
  speedMps: z.number().nonnegative(),
  socPercent: z.number().min(0).max(100),
  status: z.enum(VEHICLE_STATUS),
  paused: z.boolean(),
  charging: z.boolean(),
  state: z.enum(VEHICLE_ACTIVITIES),
  task: z.enum(['order', 'charge', 'park']).nullable(),
  goalStation: z.string().nullable().describe('station of the leg being driven to or served'),
  load: z.array(z.string()).describe('order ids on board'),
  waitingS: NonNegInt.describe('whole seconds the vehicle has wanted to move and could not'),
  lengthM: z.number().positive(),
  widthM: z.number().positive(),
  route: z.array(z.string()).describe('planned lanes after `lane` (the first 40), for drawing the route'),
  trail: z.array(z.string()).describe('lanes behind the nose lane the body still covers'),
  limit: z
    .object({ laneIndex: NonNegInt, offsetMm: NonNegInt })
    .describe('how far traffic control lets it go: lane index into [lane, ...route] and offset, mm (its held space ends there)'),
  cargo: z.enum(GOODS).nullable().describe('goods type of the container on board, if any'),
});

export const FeedOrderSchema = z.object({
  id: z.string(),
  containerId: z.string(),
  sizeFt: z.union([z.literal(20), z.literal(40)]),
  grossKg: NonNegInt,
  goods: z.enum(GOODS),
  direction: z.enum(DIRS),
  priority: Int.min(0).max(9),
  origin: z.string(),
  destination: z.string(),
  status: z.enum(ORDER_STATUS),
  vehicleId: z.string().nullable(),
  createdMs: NonNegInt,
  loadedMs: NonNegInt.nullable(),
  deliveredMs: NonNegInt.nullable(),
  failReason: z.string().nullable(),
});

export const FeedStationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  down: z.boolean(),
  downReason: z.string().nullable(),
  occupiedBy: z.array(z.string()).describe('vehicles whose nose stands at one of the station nodes'),
});

const byDirection = <T extends z.ZodType>(t: T) => z.object({ 'VN-CN': t, 'CN-VN': t });

export const LiveKpisSchema = z.object({
  ordersCreated: NonNegInt,
  ordersDelivered: NonNegInt,
  ordersFailed: NonNegInt,
  ordersOpen: NonNegInt.describe('created, neither delivered nor failed'),
  ordersWaiting: NonNegInt.describe('open orders no vehicle is assigned to yet (status open)'),
  ordersByStatus: z.object({ open: NonNegInt, assigned: NonNegInt, loaded: NonNegInt }).describe('orders in the world by status, delivered and failed left out'),
  deliveredLastHour: NonNegInt,
  tonnesLastHour: z.number().nonnegative(),
  deliveredLastHourByDirection: byDirection(NonNegInt).describe('moves delivered in the last hour of engine time'),
  tonnesLastHourByDirection: byDirection(z.number().nonnegative()),
  clearanceMinutes: z
    .object({ p50: z.number().nonnegative().nullable(), p95: z.number().nonnegative().nullable() })
    .describe('clearance (cargo arrival, else release or creation, to delivery) of the orders delivered in the last 24 h of engine time, min; null when none'),
  vehiclesTotal: NonNegInt,
  vehiclesBusy: NonNegInt.describe('driving, waiting or serving'),
  vehiclesCharging: NonNegInt,
  vehiclesFaulted: NonNegInt,
  fleetByState: z.record(z.enum(VEHICLE_ACTIVITIES), NonNegInt).describe('vehicles by activity now'),
  utilization: z.number().min(0).max(1).describe('busy share of the fleet now'),
  meanSocPercent: z.number().min(0).max(100),
  deadlocksResolved: NonNegInt,
  maxWaitS: z.number().nonnegative().describe('longest wait seen in this run, s (igv-kpis safety.maxWaitS)'),
});

export const FeedAlarmSchema = z.object({
  id: z.string(),
  kind: z.enum(ALARM_KINDS),
  severity: z.enum(['warning', 'critical']),
  subject: z.string().describe('vehicle id(s), station id, or "gate"'),
  message: z.string(),
  sinceMs: NonNegInt.describe('engine time the condition began, ms'),
});

/** Collection → id → entry. `gate` has the one entry `gate`, `kpis` the one entry `live`. */
export const FeedStateSchema = z.object({
  gate: z.record(z.string(), FeedGateSchema),
  vehicles: z.record(z.string(), FeedVehicleSchema),
  orders: z.record(z.string(), FeedOrderSchema),
  stations: z.record(z.string(), FeedStationSchema),
  kpis: z.record(z.string(), LiveKpisSchema),
  alarms: z.record(z.string(), FeedAlarmSchema),
});

export type FeedGate = z.infer<typeof FeedGateSchema>;
export type FeedVehicle = z.infer<typeof FeedVehicleSchema>;
export type FeedOrder = z.infer<typeof FeedOrderSchema>;
export type FeedStation = z.infer<typeof FeedStationSchema>;
export type LiveKpis = z.infer<typeof LiveKpisSchema>;
export type FeedAlarm = z.infer<typeof FeedAlarmSchema>;
export type FeedState = z.infer<typeof FeedStateSchema>;
export type VehicleActivity = (typeof VEHICLE_ACTIVITIES)[number];
export type AlarmKind = (typeof ALARM_KINDS)[number];

export const COLLECTIONS = ['gate', 'vehicles', 'orders', 'stations', 'kpis', 'alarms'] as const satisfies readonly (keyof FeedState)[];
export type Collection = (typeof COLLECTIONS)[number];
same<Same<Collection, keyof FeedState>>();

/** An entry of collection `C`. */
export type FeedEntry<C extends Collection = Collection> = FeedState[C][string];

/** A feed with every collection empty. */
export function emptyFeed(): FeedState {
  return { gate: {}, vehicles: {}, orders: {}, stations: {}, kpis: {}, alarms: {} };
}
