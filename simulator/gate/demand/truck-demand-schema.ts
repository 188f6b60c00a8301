/**
 * Parameters of the truck demand at the Bắc Luân II cargo gate (facts §2.1–§2.3, §6). Every
 * number is a named field with its unit and facts-sheet number; ESTIMATE marks guesses.
 */
import { z } from 'zod';
import { DIRECTIONS, GOODS_TYPES, type Direction } from '../../../engine/core/model/order.ts';

const goodsWeightsSchema = z.object(
  Object.fromEntries(GOODS_TYPES.map((g) => [g, z.number().nonnegative()])) as Record<(typeof GOODS_TYPES)[number], z.ZodNumber>,
);
export type GoodsWeights = z.infer<typeof goodsWeightsSchema>;

/** Goods that may use the smart lane in the pilot: agri, frozen seafood, electronics (facts §2.3). */
export const PILOT_GOODS = ['fruit-vegetables', 'frozen-seafood', 'electronics'] as const;

export const TruckDemandSchema = z
  .object({
    tonnesPerDay: z
      .number()
      .positive()
      .default(4509)
      .describe('laden cargo, both directions, t/day averaged over calendar days; Jan–May 2025 average (P17)'),
    multiplier: z.number().nonnegative().default(1).describe('demand scale applied to tonnesPerDay; the capacity search varies it'),
    shareCnToVnTonnage: z.number().min(0).max(1).default(0.81).describe('share of tonnage going CN→VN (P23: 81 : 19, 2023)'),
    tonnesPerTruck: z
      .number()
      .positive()
      .default(16.4)
      .describe('mean load of a non-containerised truck, t (P19: 16.4 t per vehicle crossing, 2023)'),
    looseTruckSpread: z
      .number()
      .min(0)
      .max(0.95)
      .default(0.5)
      .describe('non-containerised loads are uniform in tonnesPerTruck × (1 ± this) (ESTIMATE)'),
    goodsMix: z
      .object({ 'VN-CN': goodsWeightsSchema, 'CN-VN': goodsWeightsSchema })
      .default({
        'VN-CN': { 'fruit-vegetables': 0.5, 'frozen-seafood': 0.35, electronics: 0, other: 0.15 },
        'CN-VN': { 'fruit-vegetables': 0.05, 'frozen-seafood': 0.02, electronics: 0.5, other: 0.43 },
      })
      .describe(
        'relative tonnage weights of goods per direction: VN→CN fruit and seafood, CN→VN electronics and other (textiles, machinery, cars) (facts §2.3, ESTIMATE)',
      ),
    pilotGoodsShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe('share of tonnage that is pilot goods eligible for the smart lane (P25: 50–70 %, ESTIMATE)'),
    containerisedShare: z.number().min(0).max(1).default(0.7).describe('share of trucks carrying a container (P26: 60–80 %, ESTIMATE)'),
    share40ft: z.number().min(0).max(1).default(0.7).describe('share of 40 ft boxes (or long trailers when not containerised) (ESTIMATE)'),
    tonnesPerContainer: z
      .tuple([z.number().int().positive(), z.number().int().positive()])
      .default([15_000, 22_000])
      .describe('range of cargo per container, kg (P54: 15–22 t, ESTIMATE)'),
    containerModeKg: z
      .number()
      .int()
      .positive()
      .default(17_000)
      .describe('mode of the triangular container load, kg; 17 t makes the mean 18 t (P54, ESTIMATE)'),
    arrivalsDuringClosure: z
      .boolean()
      .default(true)
      .describe(
        'true: trucks arrive around the clock and queue while the gate is closed; false: each open day keeps its expected tonnage but it arrives only in open minutes, and closed days get none',
      ),
  })
  .strict()
  .superRefine((d, ctx) => {
    const [lo, hi] = d.tonnesPerContainer;
    if (!(lo <= d.containerModeKg && d.containerModeKg <= hi)) {
      ctx.addIssue({ code: 'custom', path: ['containerModeKg'], message: 'containerModeKg must lie inside tonnesPerContainer' });
    }
    for (const dir of DIRECTIONS) {
      if (!GOODS_TYPES.some((g) => d.goodsMix[dir][g] > 0)) {
        ctx.addIssue({ code: 'custom', path: ['goodsMix', dir], message: 'at least one goods weight must be positive' });
      }
    }
    if (d.pilotGoodsShare > pilotGoodsTonnageShare(d) + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['pilotGoodsShare'],
        message: `pilotGoodsShare exceeds the pilot goods' share of the goods mix (${pilotGoodsTonnageShare(d).toFixed(3)})`,
      });
    }
  });

export type TruckDemand = z.infer<typeof TruckDemandSchema>;

/** Share of tonnage moving in `direction` (0–1). */
export function directionShare(demand: Pick<TruckDemand, 'shareCnToVnTonnage'>, direction: Direction): number {
  return direction === 'CN-VN' ? demand.shareCnToVnTonnage : 1 - demand.shareCnToVnTonnage;
}

/** Share of tonnage, both directions, whose goods type is a pilot good (0–1), per the goods mix. */
export function pilotGoodsTonnageShare(demand: Pick<TruckDemand, 'shareCnToVnTonnage' | 'goodsMix'>): number {
  return DIRECTIONS.reduce((sum, dir) => {
    const w = demand.goodsMix[dir];
    const total = GOODS_TYPES.reduce((a, g) => a + w[g], 0);
    const pilot = PILOT_GOODS.reduce((a, g) => a + w[g], 0);
    return sum + (total > 0 ? (directionShare(demand, dir) * pilot) / total : 0);
  }, 0);
}

/** Expected cargo per truck, kg, over the containerised / loose mix. */
export function meanKgPerTruck(demand: TruckDemand): number {
  const [lo, hi] = demand.tonnesPerContainer;
  const containerMean = (lo + hi + demand.containerModeKg) / 3;
  return demand.containerisedShare * containerMean + (1 - demand.containerisedShare) * demand.tonnesPerTruck * 1000;
}
