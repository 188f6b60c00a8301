/**
 * The traditional lane's share of a run's KPIs, from the as-is model's result over the run window:
 * what it released per day, its clearance and how busy each staffed step was.
 */
import type { AsIsResult } from '../gate/as-is/as-is-result.ts';

export interface TraditionalLaneFigures {
  tonnesPerDay: number;
  trucksPerDay: number;
  byDirection: Record<'VN-CN' | 'CN-VN', { tonnesPerDay: number; trucksPerDay: number }>;
  clearanceMinutes: { p50: number | null; p95: number | null };
  /** `traditional-<step>` → busy share of the open hours, the busier direction. */
  loads: [string, number][];
}

export function traditionalLaneFigures(r: AsIsResult | null): TraditionalLaneFigures | null {
  if (r === null) return null;
  const steps = new Map<string, number>();
  for (const perStep of Object.values(r.utilisation)) {
    for (const [step, u] of Object.entries(perStep)) steps.set(step, Math.max(steps.get(step) ?? 0, u));
  }
  const minutes = (h: number) => (Number.isFinite(h) ? h * 60 : null);
  return {
    tonnesPerDay: r.tonnesPerDay.total,
    trucksPerDay: r.trucksPerDay.total,
    byDirection: {
      'VN-CN': { tonnesPerDay: r.tonnesPerDay['VN-CN'], trucksPerDay: r.trucksPerDay['VN-CN'] },
      'CN-VN': { tonnesPerDay: r.tonnesPerDay['CN-VN'], trucksPerDay: r.trucksPerDay['CN-VN'] },
    },
    clearanceMinutes: { p50: minutes(r.clearanceHours.p50), p95: minutes(r.clearanceHours.p95) },
    loads: [...steps].map(([step, u]) => [`traditional-${step}`, u] as [string, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  };
}
