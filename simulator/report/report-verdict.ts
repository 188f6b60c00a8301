/**
 * The verdict box: the planner's question answered in three cards — capacity multiple against
 * the 3× target (P35), clearance P50/P95 against the 4–6 h target (P34, facts §7.2) and the
 * binding constraint — each coloured green (met), amber (close) or red (far off / not measured).
 */
import type { Kpis } from '../kpis/kpis.ts';
import { esc, fmt, pct } from './svg-primitives.ts';

/** P35: the 2030 capacity target, as a multiple of the 2025 daily baseline. */
export const TARGET_MULTIPLE = 3;
/** P34 / facts §7.2: smart-lane clearance P50 ≤ 4 h and P95 ≤ 6 h, in minutes. */
export const CLEARANCE_P50_MAX_MIN = 240;
export const CLEARANCE_P95_MAX_MIN = 360;

export type Level = 'green' | 'amber' | 'red';

/** Green at ≥ 3×, amber from 2× (two thirds of the way), red below or when not a number. */
export function capacityLevel(multiple: number): Level {
  if (!Number.isFinite(multiple)) return 'red';
  return multiple >= TARGET_MULTIPLE ? 'green' : multiple >= (TARGET_MULTIPLE * 2) / 3 ? 'amber' : 'red';
}

/** Green when P50 ≤ 4 h and P95 ≤ 6 h; amber when P50 is still inside the 4–6 h band; red otherwise or unmeasured (minutes in). */
export function clearanceLevel(p50: number | null, p95: number | null): Level {
  if (p50 === null || p95 === null) return 'red';
  if (p50 <= CLEARANCE_P50_MAX_MIN && p95 <= CLEARANCE_P95_MAX_MIN) return 'green';
  return p50 <= CLEARANCE_P95_MAX_MIN ? 'amber' : 'red';
}

const RANK: Record<Level, number> = { green: 0, amber: 1, red: 2 };

/** Readable names of `capacity.bottleneck` values, with the `utilization` key each one reads. */
export const BOTTLENECKS: Record<string, { label: string; key: string }> = {
  'igv-fleet': { label: 'IGV fleet', key: 'igv' },
  'transfer-cranes': { label: 'transfer cranes', key: 'cranes' },
  'automated-gates': { label: 'automated gates', key: 'gates' },
  'nii-scanners': { label: 'NII scanners', key: 'scanners' },
  'inspection-bays': { label: 'inspection bays', key: 'inspectionBays' },
};

/** Label and `utilization` key of a bottleneck name; traditional-lane steps read their own key. */
export function bottleneckOf(name: string): { label: string; key: string } | undefined {
  if (name.startsWith('traditional-')) return { label: `traditional lane: ${name.slice('traditional-'.length)}`, key: name };
  return BOTTLENECKS[name];
}

/** Hours from minutes, one decimal, for the clearance figures. */
export function hours(min: number | null): string {
  return min === null ? '–' : `${fmt(min / 60, 1)} h`;
}

/** The verdict section's HTML; every figure comes from `kpis`, so it always agrees with kpis.json. */
export function renderVerdict(kpis: Kpis): string {
  const cap = kpis.capacity;
  const multiple = Number.isFinite(cap.multiple) ? cap.multiple : 0;
  const reached = multiple >= TARGET_MULTIPLE;
  const capLvl = capacityLevel(multiple);
  const { p50, p95 } = kpis.clearanceMinutes;
  const clrLvl = clearanceLevel(p50, p95);
  const measured = p50 !== null && p95 !== null;
  const overall: Level = RANK[capLvl] >= RANK[clrLvl] ? capLvl : clrLvl;

  const b = bottleneckOf(cap.bottleneck);
  const bLabel = b?.label ?? cap.bottleneck;
  const bUtil = b ? (kpis.utilization[b.key] ?? null) : null;
  const idle = bUtil === null || bUtil <= 0;

  const headline = [
    reached ? `${TARGET_MULTIPLE}× capacity target reached` : `${TARGET_MULTIPLE}× capacity target not reached`,
    !measured ? 'clearance not measured (no deliveries)' : clrLvl === 'green' ? 'clearance within the 4–6 h target' : 'clearance target missed',
  ].join(' · ');
  const scaled =
    kpis.simulatedHours < 24
      ? `<p class="fine">Daily figures are scaled up from a ${esc(fmt(kpis.simulatedHours, 2))} h run, which includes the start-up from an empty yard.</p>`
      : '';

  return `<section class="verdict lvl-${overall}" id="verdict">
<h2 class="verdict-head">${esc(headline)}</h2>
<div class="cards">
<div class="card lvl-${capLvl}"><div class="big">${fmt(multiple, 2)}×</div>
<p>capacity multiple ${fmt(multiple, 2)}× of the 2025 baseline (target ${TARGET_MULTIPLE}×: P35) — <strong>${reached ? 'reached' : 'not reached'}</strong></p>
<p class="fine">${fmt(kpis.throughput.tonnesPerDay, 0)} t/day against ${fmt(cap.baselineTonnesPerDay, 0)} t/day (P17); ${fmt(cap.perOpenHour, 2)}× today's rate per open hour (P32)</p></div>
<div class="card lvl-${clrLvl}"><div class="big">${measured ? `${hours(p50)} <span class="sep">/</span> ${hours(p95)}` : 'n/a'}</div>
<p>${measured ? `clearance P50 ${hours(p50)}, P95 ${hours(p95)}` : 'clearance P50/P95'} against the 4–6 h target (P34) — <strong>${!measured ? 'not measured' : clrLvl === 'green' ? 'met' : 'missed'}</strong></p>
<p class="fine">${measured ? `target P50 ≤ 4 h and P95 ≤ 6 h; ${fmt(kpis.orders.delivered, 0)} orders delivered` : 'no order was delivered, so there is no clearance time to measure'}</p></div>
<div class="card lvl-neutral"><div class="big">${esc(bLabel)}</div>
<p>binding constraint: ${esc(bLabel)}${idle ? '' : ` — ${pct(bUtil, 0)} busy`}</p>
<p class="fine">${idle ? 'nothing was busy in this run, so nothing constrained it' : 'the busiest resource, so the first to saturate as demand grows'}</p></div>
</div>
${scaled}</section>`;
}
