/**
 * Parameters of the as-is (traditional lane) model: trucks with drivers, manual desks, today's
 * hours. Every number names its facts-sheet parameter (/work/shared/domain/facts.md §6) and says
 * ESTIMATE where the sheet does. The defaults are the calibrated 2025 values (see
 * `simulator/scenarios/as-is-2025.json` for why each was chosen).
 *
 * Durations are integer ms ranges `[min, max]`, drawn from the symmetric triangular distribution
 * on that range (mode at the midpoint; `service-draws.ts`).
 */
import { z } from 'zod';
import { CalendarParamsSchema } from '../calendar.ts';
import { TruckDemandSchema } from '../demand/truck-demand.ts';

const MIN = 60_000;
const HOUR = 3_600_000;

const RangeMs = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .refine((r) => r[0] <= r[1], 'range: min must not exceed max');
const Probability = z.number().min(0).max(1);
const Servers = z.number().int().positive();

/** Server counts of one direction's staffed steps (exporting side, then the far side). */
export const AsIsStaffingSchema = z
  .object({
    declarationDesks: Servers.describe(
      'manual vehicle-declaration desks on the exporting side (ESTIMATE; 2025: 8 CN→VN, 2 VN→CN, about 75–80 % busy in peak weeks at P40\'s 3–5 min)',
    ),
    documentOfficers: Servers.describe(
      'officers checking documents in parallel on the exporting side (ESTIMATE; 2025: 25 CN→VN, 6 VN→CN — the binding step: busy all the open hours of the peak weeks at P45\'s 5–30 min)',
    ),
    inspectionTeams: Servers.describe('physical-inspection teams (bays) on the exporting side (ESTIMATE; 2025: 20 CN→VN, 5 VN→CN, about 85–90 % busy in peak weeks)'),
    quarantineTeams: Servers.describe(
      'quarantine sampling teams on the exporting side (ESTIMATE; 2025: 4 CN→VN, 8 VN→CN, where fruit and seafood dominate; about 65–85 % busy in peak weeks)',
    ),
    farSideDesks: Servers.describe('acceptance desks on the far (importing) side (ESTIMATE; 2025: 28 CN→VN, 7 VN→CN, about 90 % busy in peak weeks: just above the document check, so not binding)'),
    farSideInspectionTeams: Servers.describe('physical-inspection teams on the far side (ESTIMATE; 2025: 10 CN→VN, 3 VN→CN, about 70–90 % busy in peak weeks)'),
  })
  .strict();
export type AsIsStaffing = z.infer<typeof AsIsStaffingSchema>;

/**
 * 2025 staffing (ESTIMATE, calibrated to P33). CN→VN carries 81 % of the tonnage (P23), about four
 * times the trucks of VN→CN. The document check is the binding step: sized so in the peak-season
 * weeks (P22: 2× the annual mean) it is busy all the open hours, which is what gives today's
 * 1–2 day clearance; every other step is 65–90 % busy then. See the as-is-2025 scenario.
 */
const DEFAULT_STAFFING = {
  'CN-VN': { declarationDesks: 8, documentOfficers: 25, inspectionTeams: 20, quarantineTeams: 4, farSideDesks: 28, farSideInspectionTeams: 10 },
  'VN-CN': { declarationDesks: 2, documentOfficers: 6, inspectionTeams: 5, quarantineTeams: 8, farSideDesks: 7, farSideInspectionTeams: 3 },
} as const;

export const AsIsParamsSchema = z
  .object({
    startDay: z
      .number()
      .int()
      .nonnegative()
      .default(105)
      .describe(
        'day index (t = 0 is Mon 1 Jan 2025) at which a run starts, warm-up included; 105 = Mon 16 Apr, so an off-peak April warm-up and week lead into the May peak (facts §2.4)',
      ),
    declarationMs: RangeMs.default([3 * MIN, 5 * MIN]).describe('P40: 3–5 min to register a temporary-import/export vehicle at a manual desk (La Lay, HIGH for another gate)'),
    firstTimeDeclarationMs: RangeMs.default([7 * MIN, 10 * MIN]).describe('P40: 7–10 min to register a first-time vehicle'),
    firstTimeShare: Probability.default(0.1).describe('share of trucks registering for the first time (ESTIMATE: 10 %, repeat carriers dominate)'),
    documentCheckMs: RangeMs.default([5 * MIN, 30 * MIN]).describe('P45: 5–30 min document check (ESTIMATE)'),
    inspectionProbability: Probability.default(0.1).describe('P46: share of consignments physically inspected, 5–15 % (ESTIMATE: 10 %)'),
    inspectionMs: RangeMs.default([1 * HOUR, 3 * HOUR]).describe('physical inspection of a truck, unloading included, 1–3 h (ESTIMATE); also used on the far side'),
    quarantineProbability: Probability.default(0.2).describe(
      'share of fruit/vegetable and frozen-seafood trucks sampled for quarantine (ESTIMATE: 20 %; other goods are never sampled)',
    ),
    quarantineMs: RangeMs.default([1 * HOUR, 3 * HOUR]).describe('P44: quarantine sampling 60–180 min (ESTIMATE)'),
    crossingMs: RangeMs.default([45 * MIN, 75 * MIN]).describe(
      'driving the approach (P7: 3.5 km) and the bridge with the border-guard check, about 1 h (facts §2.5: "about 1 h via Bridge II"; ESTIMATE 45–75 min); unstaffed, so it runs at any hour',
    ),
    farSideAcceptanceMs: RangeMs.default([5 * MIN, 30 * MIN]).describe('far-side acceptance of a truck at a desk, same kind as P45: 5–30 min (ESTIMATE)'),
    farSideInspectionProbability: Probability.default(0.05).describe('share of trucks physically inspected again on the far side (ESTIMATE: 5 %, the low end of P46)'),
    staffing: z
      .object({ 'VN-CN': AsIsStaffingSchema, 'CN-VN': AsIsStaffingSchema })
      .strict()
      .default(DEFAULT_STAFFING)
      .describe('server counts per direction; VN-CN is exported from the VN control area and accepted in CN, CN-VN the reverse'),
    calendar: z
      .preprocess(withoutWeekendPilot, CalendarParamsSchema)
      .describe(
        'opening hours, closures and demand profile; weekendOpen defaults to false here, even in a partial calendar, as the as-is 2025 gate had no weekend pilot (P28: weekends closed before 7 Mar 2026)',
      ),
    demand: TruckDemandSchema.prefault({}).describe('truck demand (2025: 4,509 t/day average, P17)'),
  })
  .strict();

/** The as-is default for the weekend pilot is off: fills `weekendOpen: false` when it is not given. */
function withoutWeekendPilot(calendar: unknown): unknown {
  if (calendar === undefined) return { weekendOpen: false };
  if (typeof calendar === 'object' && calendar !== null && !('weekendOpen' in calendar)) return { ...calendar, weekendOpen: false };
  return calendar;
}

export type AsIsParams = z.infer<typeof AsIsParamsSchema>;
/** The input shape (defaults may be left out). */
export type AsIsParamsInput = z.input<typeof AsIsParamsSchema>;
