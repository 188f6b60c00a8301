/**
 * Latency samples and their summary. Samples are kept whole (a 30 s window at 1,000 states/s
 * is 30,000 numbers), so percentiles are exact, not bucketed.
 */
export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

export const EMPTY_SUMMARY: Summary = { count: 0, p50: NaN, p99: NaN, p999: NaN, max: NaN, mean: NaN };

/** Nearest-rank percentiles of `samples` (ms); NaN fields when there are none. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return EMPTY_SUMMARY;
  const s = Float64Array.from(samples).sort();
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  let sum = 0;
  for (const x of s) sum += x;
  return { count: s.length, p50: rank(0.5), p99: rank(0.99), p999: rank(0.999), max: s[s.length - 1]!, mean: sum / s.length };
}

/** The same summary with every value moved by `deltaMs` (a clock offset between processes). */
export function shift(s: Summary, deltaMs: number): Summary {
  return { count: s.count, p50: s.p50 + deltaMs, p99: s.p99 + deltaMs, p999: s.p999 + deltaMs, max: s.max + deltaMs, mean: s.mean + deltaMs };
}

/** Adds `n` to `map[key]`. */
export function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** A markdown table (also readable as aligned text on a terminal). */
export function markdownTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [head.map(String), ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
