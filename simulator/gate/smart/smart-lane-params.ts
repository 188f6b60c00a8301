/**
 * Parameters of the smart lane's process around the IGVs: how a truck's container becomes an IGV
 * order (declaration, crane move) and which holds it meets (physical inspection, quarantine),
 * with the policy switches the gate's plan names. Every number names its facts-sheet parameter;
 * ESTIMATE where the sheet says so.
 */
import { z } from 'zod';

const Range = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).refine((r) => r[0] <= r[1], 'range: min must not exceed max');

export const SmartLaneParamsSchema = z
  .object({
    declaration: z
      .enum(['pre-arrival', 'at-gate'])
      .default('pre-arrival')
      .describe('policy: shared customs data with pre-arrival declarations, or declarations at the gate desks (facts §5)'),
    declarationDesks: z.number().int().positive().default(2).describe('declaration desks per side when declaring at the gate (ESTIMATE)'),
    declarationMs: Range.default([180_000, 300_000]).describe('P40: 3–5 min per vehicle declaration at a desk'),
    documentCheckMs: Range.default([300_000, 900_000]).describe('P45: 5–30 min document check with pre-arrival declaration (ESTIMATE; 5–15 min taken for the automated lane)'),
    documentCheckAtGateMs: Range.default([900_000, 1_800_000]).describe('P45: document check when declared at the gate (ESTIMATE 15–30 min)'),
    inspection: z
      .enum(['one-stop', 'each-side'])
      .default('one-stop')
      .describe('policy: "một cửa, một lần dừng" — both customs inspect at one stop — or an inspection on each side'),
    physicalInspectionProbability: z.number().min(0).max(1).default(0.1).describe('P46: 5–15 % of consignments (ESTIMATE)'),
    physicalInspectionMs: Range.default([1_800_000, 5_400_000]).describe('physical inspection hold, 30–90 min with NII images pre-screened (ESTIMATE)'),
    quarantineProbability: z.number().min(0).max(1).default(0.2).describe('share of fruit/vegetables and frozen seafood sampled for quarantine (ESTIMATE)'),
    quarantineMs: Range.default([3_600_000, 10_800_000]).describe('P44: quarantine sampling 60–180 min (ESTIMATE)'),
    craneMoveMs: Range.default([180_000, 240_000]).describe('P61: crane pick or drop with positioning, 3–4 min (ESTIMATE)'),
    cranesPerSide: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('transfer cranes in service on each side, the first ones by id (absent = every crane of the map); a sizing knob for sweeps'),
    energy: z.enum(['swap', 'plug-in']).default('swap').describe('policy: battery swap (P59, 5–6 min) or plug-in charging (P57, 1–2 h)'),
  })
  .strict();

export type SmartLaneParams = z.infer<typeof SmartLaneParamsSchema>;
