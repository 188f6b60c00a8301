/**
 * Engine configuration: validated once, frozen, and passed down. Each entry says its unit.
 * The tick length is configuration; the result of a run depends on it, never on wall-clock speed.
 */
import { z } from 'zod';

export const EngineConfigSchema = z
  .object({
    tickMs: z.number().int().positive().default(100).describe('engine tick, ms (100 live; the simulator may use a coarser one)'),
    maxCellMm: z.number().int().min(5_000).default(20_000).describe('longest traffic-control cell, mm'),
    gapMm: z.number().int().min(1_000).default(2_500).describe('free space kept ahead of and behind each vehicle, mm'),
    marginMm: z.number().int().nonnegative().default(500).describe('lateral clearance between vehicles on different paths, mm'),
    watchdogMs: z.number().int().positive().default(300_000).describe('a vehicle waiting longer than this raises a VehicleStalled notice, ms'),
    deadlockAfterMs: z.number().int().positive().default(5_000).describe('a wait-for cycle older than this is resolved, ms'),
    arriveToleranceMm: z.number().int().positive().default(3_000).describe('a stopped vehicle this close to its stop point has arrived, mm'),
    chargeBelowPercent: z.number().min(5).max(90).default(30).describe('an idle vehicle below this state of charge goes to charge, %'),
    chargeTargetPercent: z.number().min(20).max(100).default(90).describe('charging stops here, %'),
    reservePercent: z.number().min(1).max(50).default(10).describe('never accept work that would leave less than this after reaching a charger, %'),
    maxChargingShare: z.number().min(0.05).max(1).default(0.35).describe('at most this share of the fleet charges for opportunity (not low battery) at once'),
    defaultServiceMs: z
      .object({
        pick: z.number().int().nonnegative().default(210_000).describe('P61: crane transfer 3–4 min'),
        drop: z.number().int().nonnegative().default(210_000).describe('P61: crane transfer 3–4 min'),
        gate: z.number().int().nonnegative().default(30_000).describe('P41: automated gate ≤ 30 s'),
        scan: z.number().int().nonnegative().default(90_000).describe('P43: NII scan 1–2 min (ESTIMATE)'),
      })
      .strict()
      .default({ pick: 210_000, drop: 210_000, gate: 30_000, scan: 90_000 }),
    dispatchEveryMs: z.number().int().positive().default(1_000).describe('how often open orders are matched to vehicles, ms (a multiple of the tick)'),
    reservationEveryMs: z.number().int().positive().default(1_000).describe('how often the planner refreshes its space-time reservations, ms'),
    laneChoiceSlackMs: z
      .number()
      .int()
      .nonnegative()
      .default(30_000)
      .describe('a vehicle whose next lane is queued takes another lane at a diverge only if that way is at most this much longer, ms (0 = never)'),
    useBatterySwap: z.boolean().default(true).describe('policy: vehicles may use battery-swap stations (else plug-in chargers only)'),
    swapMs: z.number().int().positive().default(330_000).describe('P59: battery swap 5–6 min'),
  })
  .strict();

export type EngineConfig = z.infer<typeof EngineConfigSchema>;

/** Parses, applies defaults and deep-freezes an engine configuration. */
export function createEngineConfig(input: unknown = {}): EngineConfig {
  return deepFreeze(EngineConfigSchema.parse(input));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
