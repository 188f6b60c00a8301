/**
 * `igv-sweep/1`: a sizing grid for planners — layouts (a scenario each) × IGV fleet sizes ×
 * transfer cranes per side × truck-demand multipliers × seeds — with a cost model (ESTIMATE cost
 * units) and the target a configuration must reach. zod-validated JSON; scenario paths are
 * relative to the sweep file.
 */
import { z } from 'zod';

export const SWEEP_FORMAT = 'igv-sweep/1';

const distinct = <T>(xs: readonly T[]) => new Set(xs).size === xs.length;
const grid = <S extends z.ZodType>(item: S, what: string) =>
  z
    .array(item)
    .min(1)
    .refine((xs) => distinct(xs), `${what}: values must be distinct`);

export const SweepLayoutSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').describe('short name used in the CSV and the report'),
    scenario: z.string().min(1).describe('igv-scenario/1 file with gate demand, relative to the sweep file'),
  })
  .strict();

export const SweepCostsSchema = z
  .object({
    unit: z.string().min(1).default('cost units (ESTIMATE)').describe('what the cost numbers count'),
    perIgv: z.number().nonnegative().describe('one IGV (ESTIMATE)'),
    perCrane: z.number().nonnegative().describe('one transfer crane; a configuration has cranesPerSide × 2 of them (ESTIMATE)'),
    perLayout: z.record(z.string(), z.number().nonnegative()).describe('layout name → fixed cost of building that layout (ESTIMATE)'),
  })
  .strict();

export const SweepTargetSchema = z
  .object({
    multiple: z.number().positive().default(3).describe('throughput as a multiple of the 2025 baseline (capacity.multiple)'),
    clearanceP95Minutes: z.number().positive().default(360).describe('P34: clearance within 4–6 h; the 95th percentile must not exceed this'),
  })
  .strict();

export const SweepSchema = z
  .object({
    format: z.literal(SWEEP_FORMAT),
    name: z.string().min(1),
    description: z.string().optional(),
    hours: z.number().positive().max(24 * 400).optional().describe('simulated hours per point (absent = each scenario\'s duration)'),
    startDay: z
      .number()
      .int()
      .min(0)
      .max(364)
      .optional()
      .describe('day of 2025 every run starts on, overriding the scenarios (e.g. 121 = 2 May, peak season, P22: demand 2× the annual mean); absent = each scenario\'s'),
    layouts: z
      .array(SweepLayoutSchema)
      .min(1)
      .refine((ls) => distinct(ls.map((l) => l.name)), 'layouts: names must be distinct'),
    fleet: grid(z.number().int().positive(), 'fleet').describe('IGV fleet sizes'),
    cranesPerSide: grid(z.number().int().positive(), 'cranesPerSide').describe('transfer cranes in service on each side; values above a map\'s cranes are skipped'),
    demandMultipliers: grid(z.number().positive(), 'demandMultipliers').describe('truck demand as a multiple of 2025 (demand.trucks.multiplier)'),
    seeds: grid(z.number().int().nonnegative().max(0xffff_ffff), 'seeds'),
    costs: SweepCostsSchema,
    target: SweepTargetSchema.prefault({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    s.layouts.forEach((l) => {
      if (s.costs.perLayout[l.name] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['costs', 'perLayout', l.name], message: `no cost for layout [${l.name}]` });
      }
    });
  });

export type Sweep = z.infer<typeof SweepSchema>;
export type SweepLayout = z.infer<typeof SweepLayoutSchema>;
export type SweepCosts = z.infer<typeof SweepCostsSchema>;
export type SweepTarget = z.infer<typeof SweepTargetSchema>;

/** One grid point: what one simulation run is asked to do. */
export interface SweepPoint {
  /** Position in the expanded grid; rows come back in this order. */
  readonly index: number;
  readonly layout: string;
  readonly fleet: number;
  readonly cranesPerSide: number;
  readonly demandMultiplier: number;
  readonly seed: number;
}
