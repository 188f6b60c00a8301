/**
 * Which configuration to recommend. A configuration is a layout, a fleet size and a crane count;
 * it is judged at the highest demand multiplier of the grid and reaches the target only when every
 * seed run there reaches it. The cheapest such configuration is the answer; when there is none,
 * the best one is named (most seeds reaching the target, then most seeds stable, then the highest
 * mean throughput multiple, then the lowest cost) with what it misses.
 */
import type { SweepTarget } from './sweep-schema.ts';
import type { SweepRow } from './sweep-rows.ts';

export interface ConfigSummary {
  readonly layout: string;
  readonly fleet: number;
  readonly cranesPerSide: number;
  readonly cost: number;
  /** Seed runs at the judged demand multiplier (errors included). */
  readonly runs: number;
  readonly reaching: number;
  readonly stable: number;
  /** Runs whose traditional lane was judged unstable. */
  readonly traditionalUnstable: number;
  readonly errors: number;
  /** Mean throughput multiple over the runs that completed (0 when none did). */
  readonly meanMultiple: number;
  /** Highest clearance P95 over the completed runs, minutes (null when none delivered). */
  readonly worstP95Min: number | null;
  readonly reaches: boolean;
  /** Grid index of the configuration's first row (ties keep the file's order). */
  readonly firstIndex: number;
}

export interface Selection {
  /** The demand multiplier the configurations were judged at (null for an empty grid). */
  readonly demandMultiplier: number | null;
  readonly configs: readonly ConfigSummary[];
  /** Cheapest configuration reaching the target, or null. */
  readonly cheapest: ConfigSummary | null;
  /** When none reaches it: the closest one, else null. */
  readonly best: ConfigSummary | null;
}

/** Summarises the configurations at the highest demand multiplier and picks the cheapest reaching the target. */
export function selectConfig(rows: readonly SweepRow[]): Selection {
  const demandMultiplier = rows.length === 0 ? null : Math.max(...rows.map((r) => r.point.demandMultiplier));
  const groups = new Map<string, SweepRow[]>();
  for (const r of rows) {
    if (r.point.demandMultiplier !== demandMultiplier) continue;
    const key = `${r.point.layout}\u0000${r.point.fleet}\u0000${r.point.cranesPerSide}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const configs = [...groups.values()].map(summarise).sort((a, b) => a.firstIndex - b.firstIndex);
  const byCost = (a: ConfigSummary, b: ConfigSummary) => a.cost - b.cost || a.fleet - b.fleet || a.cranesPerSide - b.cranesPerSide || a.firstIndex - b.firstIndex;
  const cheapest = configs.filter((c) => c.reaches).sort(byCost)[0] ?? null;
  const best =
    cheapest !== null
      ? null
      : ([...configs].sort((a, b) => b.reaching - a.reaching || b.stable - a.stable || b.meanMultiple - a.meanMultiple || byCost(a, b))[0] ?? null);
  return { demandMultiplier, configs, cheapest, best };
}

function summarise(rows: readonly SweepRow[]): ConfigSummary {
  const first = rows[0]!;
  const done = rows.flatMap((r) => (r.outcome ? [r.outcome] : []));
  const p95s = done.flatMap((o) => (o.clearanceP95Min === null ? [] : [o.clearanceP95Min]));
  const reaching = rows.filter((r) => r.reachesTarget).length;
  return {
    layout: first.point.layout,
    fleet: first.point.fleet,
    cranesPerSide: first.point.cranesPerSide,
    cost: first.cost,
    runs: rows.length,
    reaching,
    stable: done.filter((o) => o.stable).length,
    traditionalUnstable: done.filter((o) => o.traditionalStable === false).length,
    errors: rows.length - done.length,
    meanMultiple: done.length === 0 ? 0 : done.reduce((a, o) => a + o.multiple, 0) / done.length,
    worstP95Min: p95s.length === 0 ? null : Math.max(...p95s),
    reaches: rows.length > 0 && reaching === rows.length,
    firstIndex: Math.min(...rows.map((r) => r.point.index)),
  };
}

/** What a configuration misses of the target, as a short phrase ('' when it reaches it). */
export function shortfall(c: ConfigSummary, target: SweepTarget): string {
  if (c.reaches) return '';
  const parts: string[] = [];
  if (c.errors > 0) parts.push(`${c.errors} of ${c.runs} runs failed`);
  if (c.meanMultiple < target.multiple) parts.push(`throughput ${round(c.meanMultiple, 3)}× < ${target.multiple}×`);
  if (c.worstP95Min === null) parts.push('nothing delivered');
  else if (c.worstP95Min > target.clearanceP95Minutes) parts.push(`clearance P95 ${round(c.worstP95Min, 1)} min > ${target.clearanceP95Minutes} min`);
  const unstable = c.runs - c.errors - c.stable;
  if (unstable > 0) parts.push(`smart-lane queue not stable in ${unstable} of ${c.runs} runs`);
  if (c.traditionalUnstable > 0) parts.push(`traditional lane not stable in ${c.traditionalUnstable} of ${c.runs} runs`);
  if (parts.length === 0) parts.push(`${c.runs - c.reaching} of ${c.runs} runs miss it`);
  return parts.join('; ');
}

function round(x: number, d: number): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}

/** `phase2, 16 IGVs, 3 cranes/side`. */
export function configName(c: Pick<ConfigSummary, 'layout' | 'fleet' | 'cranesPerSide'>): string {
  return `${c.layout}, ${c.fleet} IGVs, ${c.cranesPerSide} crane${c.cranesPerSide === 1 ? '' : 's'}/side`;
}

/** One sentence for the CLI and the report: the recommended configuration, or the best one and what it misses. */
export function selectionSentence(s: Selection, target: SweepTarget, costUnit: string): string {
  const goal = `${target.multiple}× (stable, clearance P95 ≤ ${target.clearanceP95Minutes} min)`;
  if (s.demandMultiplier === null) return 'no grid points were run';
  const at = `at demand ×${s.demandMultiplier}`;
  if (s.cheapest) return `cheapest configuration reaching ${goal} ${at} in every seed: ${configName(s.cheapest)}, cost ${s.cheapest.cost} ${costUnit}`;
  if (!s.best) return `no configuration reaches ${goal} ${at}`;
  return `no configuration reaches ${goal} ${at}; the best is ${configName(s.best)} (cost ${s.best.cost} ${costUnit}): ${shortfall(s.best, target)}`;
}
