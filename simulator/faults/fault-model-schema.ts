/**
 * `faultModel` of a scenario: faults drawn from rates and windows rather than listed one by one.
 * Every time is in hours of RUN time (0 = the run's start, whatever calendar day it starts on).
 * `expandFaultModel` turns it into the engine commands of the scenario's `faults` list.
 * Numbers without a source are marked ESTIMATE; the only fact on reliability is P60 (IGV
 * availability 0.90 excluding energy, itself an ESTIMATE), availability = MTBF / (MTBF + MTTR).
 */
import { z } from 'zod';
import { StationKindSchema } from '../../maps/schema/map-schema.ts';

const Range = (unit: string) =>
  z
    .tuple([z.number().nonnegative(), z.number().nonnegative()])
    .refine(([a, b]) => a <= b, { message: `[min, max] with min ≤ max (${unit})` });

const RunHour = z.number().nonnegative();

/** The fields of a window [fromHour, toHour) of run time. */
const WINDOW = {
  fromHour: RunHour.describe('start, hours from the run start'),
  toHour: RunHour.describe('end (exclusive), hours from the run start'),
};
const endsAfterStart = [(w: { fromHour: number; toHour: number }) => w.toHour > w.fromHour, { message: 'toHour must be after fromHour' }] as const;

export const LaneClosureSchema = z
  .object({ lane: z.string().min(1).describe('lane id of the map'), ...WINDOW })
  .strict()
  .refine(...endsAfterStart);

export const StationOutageSchema = z
  .object({
    station: z.string().min(1).describe('station id of the map'),
    reason: z.string().min(1).max(120).default('planned outage'),
    ...WINDOW,
  })
  .strict()
  .refine(...endsAfterStart);

export const SurgeSchema = z
  .object({ factor: z.number().positive().describe('demand multiplier in the window (P22: peak season ≈ 2× the average, MED)'), ...WINDOW })
  .strict()
  .refine(...endsAfterStart);

export const BreakdownModelSchema = z
  .object({
    mtbfHours: z
      .number()
      .positive()
      .describe('mean up time between breakdowns of ONE IGV, hours (exponential, seeded). ESTIMATE: with P60 availability 0.90, MTBF 9 h and 1 h repairs'),
    repairMinutes: Range('minutes').describe('repair time, uniform in [min, max] minutes; no new breakdown while under repair. ESTIMATE'),
  })
  .strict();

export const LinkLossModelSchema = z
  .object({
    mtbfHours: z.number().positive().describe('mean time between link losses of ONE IGV (5G / C-V2X), hours (exponential, seeded). ESTIMATE'),
    durationSeconds: Range('seconds').describe('how long the link stays lost, uniform in [min, max] seconds. ESTIMATE'),
  })
  .strict();

export const StationFailureModelSchema = z
  .object({
    kinds: z.array(StationKindSchema).min(1).describe("station kinds that fail, each station on its own (e.g. ['transfer-crane', 'nii-scanner'])"),
    mtbfHours: z.number().positive().describe('mean up time between failures of ONE station, hours (exponential, seeded). ESTIMATE'),
    repairMinutes: Range('minutes').describe('repair time, uniform in [min, max] minutes. ESTIMATE'),
  })
  .strict();

export const FaultModelSchema = z
  .object({
    breakdowns: BreakdownModelSchema.optional().describe('random IGV breakdowns (BreakDown)'),
    linkLosses: LinkLossModelSchema.optional().describe('random IGV link losses (LinkLost, then LinkRestored)'),
    laneClosures: z
      .array(LaneClosureSchema)
      .default([])
      .describe('lanes closed in run-time windows (CloseLane, then OpenLane); overlapping windows of one lane merge'),
    stationOutages: z
      .array(StationOutageSchema)
      .default([])
      .describe('stations out of service in run-time windows (StationDown, then StationUp)'),
    stationFailures: z
      .union([StationFailureModelSchema, z.array(StationFailureModelSchema).min(1)])
      .optional()
      .describe('random failures of every station of the given kinds (StationDown, then StationUp); one model or a list (e.g. cranes and scanners apart)'),
    surges: z
      .array(SurgeSchema)
      .default([])
      .describe('demand surges: truck arrivals (gate demand) or the order rate (rate demand) multiplied in run-time windows; overlapping factors multiply'),
  })
  .strict();

export type FaultModel = z.infer<typeof FaultModelSchema>;
export type FaultModelInput = z.input<typeof FaultModelSchema>;
