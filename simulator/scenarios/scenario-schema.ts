/**
 * `igv-scenario/1`: what a simulation runs — the map, the engine configuration, the fleet, the
 * demand, the duration and the faults to inject. zod-validated JSON; paths are relative to the
 * scenario file. Numbers from the facts sheet carry their P-number in the description.
 */
import { z } from 'zod';
import { CommandSchema } from '../../engine/core/model/commands.ts';
import { EngineConfigSchema } from '../../engine/core/config/engine-config.ts';
import { DirectionSchema, GoodsTypeSchema, OrderSpecSchema } from '../../engine/core/model/order.ts';
import { VehicleSpecSchema } from '../../engine/core/model/vehicle-spec.ts';
import { CalendarParamsSchema } from '../gate/calendar.ts';
import { TruckDemandSchema } from '../gate/demand/truck-demand.ts';
import { SmartLaneParamsSchema } from '../gate/smart/smart-lane-params.ts';
import { TraditionalLaneSchema } from '../gate/traditional/traditional-lane-params.ts';
import { FaultModelSchema } from '../faults/fault-model-schema.ts';

export const SCENARIO_FORMAT = 'igv-scenario/1';

export const FlowSchema = z
  .object({
    origin: z.string().min(1).describe('station where containers are picked'),
    destination: z.string().min(1).describe('station where they are dropped'),
    via: z.array(z.string().min(1)).default([]).describe('stations passed on the way (automated gate, NII scanner)'),
    direction: DirectionSchema,
    weight: z.number().positive().describe('share of orders on this flow (relative)'),
    goods: z.partialRecord(GoodsTypeSchema, z.number().nonnegative()).describe('goods mix on this flow (relative weights)'),
  })
  .strict();

export const RateDemandSchema = z
  .object({
    kind: z.literal('rate'),
    ordersPerHour: z.number().nonnegative().describe('mean order arrivals per hour (Poisson, drawn per second)'),
    flows: z.array(FlowSchema).min(1),
    grossKg: z.tuple([z.number().int().positive(), z.number().int().positive()]).default([14_000, 22_000]).describe('P54: 15–22 t per laden move'),
    share40ft: z.number().min(0).max(1).default(0.7),
    dueAfterMs: z.number().int().positive().default(4 * 3_600_000).describe('P34: clearance target 4–6 h'),
  })
  .strict();

export const GateDemandSchema = z
  .object({
    kind: z.literal('gate'),
    calendar: CalendarParamsSchema.prefault({}),
    trucks: TruckDemandSchema.prefault({}),
    smartLane: SmartLaneParamsSchema.prefault({}),
    traditionalLane: TraditionalLaneSchema.prefault({}).describe('the traditional lane beside the IGV lane: the calibrated as-is process on every truck not taking the smart lane'),
    startDay: z.number().int().min(0).max(364).default(59).describe('day of the 2025 calendar the run starts on (59 = 1 March, off-peak)'),
  })
  .strict();

export const ListDemandSchema = z.object({ kind: z.literal('list'), orders: z.array(OrderSpecSchema) }).strict();

export const FaultSchema = z
  .object({
    atMs: z.number().int().nonnegative().describe('simulated time the command is injected, ms from the start'),
    command: CommandSchema,
  })
  .strict();

export const ScenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    name: z.string().min(1),
    description: z.string().optional(),
    map: z.string().min(1).describe('igv-map/1 file, relative to this scenario'),
    engine: EngineConfigSchema.partial().default({}),
    fleet: z
      .object({
        count: z.number().int().nonnegative(),
        idPrefix: z.string().default('IGV-'),
        spec: VehicleSpecSchema.partial().default({}),
        socPercent: z.number().min(0).max(100).default(90),
      })
      .strict(),
    demand: z.discriminatedUnion('kind', [RateDemandSchema, ListDemandSchema, GateDemandSchema]),
    durationHours: z.number().positive(),
    faults: z.array(FaultSchema).default([]),
    faultModel: FaultModelSchema.optional().describe('faults drawn from rates and run-time windows (hours from the run start), added to `faults`: breakdowns, link losses, lane closures, station outages and failures, demand surges'),
    traceEveryMs: z.number().int().positive().default(1_000).describe('how often the trace records positions, ms'),
    baselineTonnesPerDay: z.number().positive().default(4_509).describe('P17: 2025 throughput, the capacity baseline until the as-is model runs'),
  })
  .strict();

export type Scenario = z.infer<typeof ScenarioSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type GateDemand = z.infer<typeof GateDemandSchema>;
export { GoodsTypeSchema };
