/**
 * The report's four chart kinds as inline SVG strings: line chart over simulated hours, stacked
 * bars per hour, histogram with marked values, and horizontal percentage bars. No scripts, no
 * external assets; hover titles give exact values where the marks are big enough to point at.
 */
import { axes, esc, fmt, hourTicks, legend, linear, pct, plotBox, plotNote, px, svgOpen, zeroBasedTicks, type Frame, type LegendItem } from './svg-primitives.ts';

const WIDE: Frame = { w: 1040, h: 300, left: 64, right: 20, top: 34, bottom: 48 };
const HALF: Frame = { w: 520, h: 300, left: 64, right: 18, top: 34, bottom: 48 };

/** Points are [hours, value]; a series may be empty. */
export interface LineSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Values held over intervals [x0, x1) hours, drawn as steps; used instead of `points` when set. */
  readonly spans?: readonly { readonly x0: number; readonly x1: number; readonly y: number }[];
  readonly dashed?: boolean;
  /** Light fill between the line and zero (single-series charts). */
  readonly area?: boolean;
}

export interface LineChartOptions {
  readonly label: string;
  readonly series: readonly LineSeries[];
  /** Right end of the time axis, hours. */
  readonly xMax: number;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Unit appended to hover values, e.g. 't/h'. */
  readonly unit: string;
  readonly yInteger?: boolean;
  readonly wide?: boolean;
  /** Horizontal reference line (e.g. a target rate); drawn dashed and listed in the legend. */
  readonly reference?: { readonly value: number; readonly name: string; readonly color: string };
  /** Shown over the plot when set (e.g. "no deliveries in this run"). */
  readonly note?: string | null;
}

/** Lines (or steps) over simulated time; markers with hover values when a series has ≤ 48 of them. */
export function lineChart(o: LineChartOptions): string {
  const f = o.wide ? WIDE : HALF;
  const b = plotBox(f);
  const all = o.series.flatMap((s) => [...s.points.map((p) => p[1]), ...(s.spans ?? []).map((p) => p.y)]);
  const y = zeroBasedTicks(Math.max(0, ...all, o.reference?.value ?? 0), 5, o.yInteger);
  const sx = linear(0, o.xMax, b.x0, b.x1);
  const sy = linear(0, y.top, b.y0, b.y1);
  const out = [svgOpen(f, o.label), axes(f, sx, sy, hourTicks(o.xMax, o.wide ? 12 : 8), y.ticks, o.xTitle, o.yTitle)];
  if (o.reference) {
    const ry = px(sy(o.reference.value));
    out.push(`<line x1="${px(b.x0)}" x2="${px(b.x1)}" y1="${ry}" y2="${ry}" stroke="${o.reference.color}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }
  for (const s of o.series) {
    const line = s.spans ? s.spans.flatMap((p) => [[p.x0, p.y] as const, [p.x1, p.y] as const]) : s.points;
    if (line.length === 0) continue;
    const d = line.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(sx(p[0]))} ${px(sy(p[1]))}`).join('');
    if (s.area && line.length > 1) {
      const first = line[0]!;
      const last = line[line.length - 1]!;
      out.push(`<path d="${d}L${px(sx(last[0]))} ${px(b.y0)}L${px(sx(first[0]))} ${px(b.y0)}Z" fill="${s.color}" fill-opacity="0.12"/>`);
    }
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.2" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    const marks = s.spans
      ? s.spans.map((p) => ({ x: (p.x0 + p.x1) / 2, y: p.y, when: `${fmt(p.x0, 2)}–${fmt(p.x1, 2)} h` }))
      : s.points.map((p) => ({ x: p[0], y: p[1], when: `${fmt(p[0], 2)} h` }));
    if (marks.length <= 48) {
      for (const m of marks) {
        out.push(`<circle cx="${px(sx(m.x))}" cy="${px(sy(m.y))}" r="3.2" fill="${s.color}"><title>${esc(s.name)}, ${m.when}: ${fmt(m.y, 1)} ${esc(o.unit)}</title></circle>`);
      }
    }
  }
  const items: LegendItem[] = o.series.map((s) => ({ name: s.name, color: s.color, shape: s.dashed ? 'dash' : 'line' }));
  if (o.reference) items.push({ name: o.reference.name, color: o.reference.color, shape: 'dash' });
  if (items.length > 1) out.push(legend(f, items));
  if (o.note) out.push(plotNote(f, o.note));
  out.push('</svg>');
  return out.join('');
}

export interface StackSeries {
  readonly name: string;
  readonly color: string;
  /** One value per bin, same order as `bins`. */
  readonly values: readonly number[];
}

export interface StackedBarOptions {
  readonly label: string;
  /** Time bins [x0, x1) in hours. */
  readonly bins: readonly { readonly x0: number; readonly x1: number }[];
  readonly series: readonly StackSeries[];
  readonly xMax: number;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly yInteger?: boolean;
  readonly wide?: boolean;
  readonly note?: string | null;
}

/** Stacked bars per time bin, series stacked bottom-up in the order given. */
export function stackedBarChart(o: StackedBarOptions): string {
  const f = o.wide ? WIDE : HALF;
  const b = plotBox(f);
  const totals = o.bins.map((_, i) => o.series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const y = zeroBasedTicks(Math.max(0, ...totals), 5, o.yInteger);
  const sx = linear(0, o.xMax, b.x0, b.x1);
  const sy = linear(0, y.top, b.y0, b.y1);
  const out = [svgOpen(f, o.label), axes(f, sx, sy, hourTicks(o.xMax, o.wide ? 12 : 8), y.ticks, o.xTitle, o.yTitle)];
  o.bins.forEach((bin, i) => {
    const full = sx(bin.x1) - sx(bin.x0);
    // Thin bars (a week of hours) get no gap, or they would vanish into the gaps.
    const gap = full >= 6 ? Math.min(full * 0.15, 8) : 0;
    const x = sx(bin.x0) + gap / 2;
    const w = Math.max(0.5, full - gap);
    let acc = 0;
    const parts = o.series.map((s) => `${s.name} ${fmt(s.values[i] ?? 0, 1)}`).join(', ');
    out.push(`<g${gap === 0 ? ' shape-rendering="crispEdges"' : ''}><title>${fmt(bin.x0, 2)}–${fmt(bin.x1, 2)} h: ${esc(parts)}</title>`);
    for (const s of o.series) {
      const v = Math.max(0, s.values[i] ?? 0);
      if (v > 0) out.push(`<rect x="${px(x)}" y="${px(sy(acc + v))}" width="${px(w)}" height="${px(sy(acc) - sy(acc + v))}" fill="${s.color}"/>`);
      acc += v;
    }
    out.push('</g>');
  });
  if (o.series.length > 1) out.push(legend(f, o.series.map((s) => ({ name: s.name, color: s.color, shape: 'box' }))));
  if (o.note) out.push(plotNote(f, o.note));
  out.push('</svg>');
  return out.join('');
}

export interface HistogramOptions {
  readonly label: string;
  readonly values: readonly number[];
  readonly xTitle: string;
  readonly yTitle: string;
  /** Measured values to mark (e.g. P50, P95); null ones are skipped. */
  readonly markers: readonly { readonly value: number | null; readonly name: string; readonly color: string }[];
  /** Targets to mark (dashed); one far beyond the data is named in the axis title instead of squashing the bars. */
  readonly targets: readonly { readonly value: number; readonly name: string }[];
  readonly emptyNote: string;
}

/** Counts of `values` in about 24 equal bins from 0, with vertical marker and target lines. */
export function histogram(o: HistogramOptions): string {
  const f: Frame = { ...HALF, top: 44 };
  const b = plotBox(f);
  const vals = o.values.filter((v) => Number.isFinite(v)).map((v) => Math.max(0, v));
  const markVals = o.markers.map((m) => m.value ?? 0);
  const dataMax = Math.max(0, ...vals, ...markVals);
  // A target stretches the axis only while the data keeps at least half the width; with no data
  // the targets alone set the scale, so the empty chart still shows where "good" would be.
  const shown = o.targets.filter((t) => vals.length === 0 || t.value <= 2 * dataMax);
  const x = zeroBasedTicks(Math.max(dataMax, ...shown.map((t) => t.value)), 6);
  const offScale = o.targets.filter((t) => t.value > x.top).map((t) => t.name);
  const xTitle = offScale.length > 0 ? `${o.xTitle}; ${offScale.join(' and ')} beyond the axis` : o.xTitle;
  // Bins subdivide the tick step so bin edges line up with the labelled ticks; about 24 bins.
  const ticksN = Math.max(1, x.ticks.length - 1);
  const perTick = [1, 2, 4, 5, 10].reduce((best, m) => (Math.abs(ticksN * m - 24) < Math.abs(ticksN * best - 24) ? m : best), 1);
  const nBins = ticksN * perTick;
  const binW = x.top / nBins;
  const counts = new Array<number>(nBins).fill(0);
  for (const v of vals) counts[Math.min(nBins - 1, Math.floor(v / binW))]!++;
  // Headroom above the tallest bar keeps the marker labels off the bars.
  const y = zeroBasedTicks(Math.max(0, ...counts) * 1.2, 5, true);
  const sx = linear(0, x.top, b.x0, b.x1);
  const sy = linear(0, y.top, b.y0, b.y1);
  const out = [svgOpen(f, o.label), axes(f, sx, sy, x.ticks, y.ticks, xTitle, o.yTitle)];
  counts.forEach((c, i) => {
    if (c === 0) return;
    const x0 = sx(i * binW) + 0.5;
    const w = Math.max(0.5, sx((i + 1) * binW) - sx(i * binW) - 1);
    out.push(`<rect class="hist" x="${px(x0)}" y="${px(sy(c))}" width="${px(w)}" height="${px(b.y0 - sy(c))}"><title>${fmt(i * binW, 1)}–${fmt((i + 1) * binW, 1)}: ${c}</title></rect>`);
  });
  for (const t of o.targets) {
    if (t.value > x.top) continue;
    const tx = px(sx(t.value));
    const anchor = sx(t.value) > b.x1 - 24 ? 'end' : 'middle';
    out.push(`<line class="target" x1="${tx}" x2="${tx}" y1="${px(b.y1)}" y2="${px(b.y0)}"/><text class="target-label" x="${tx}" y="${px(b.y1 - 4)}" text-anchor="${anchor}">${esc(t.name)}</text>`);
  }
  if (vals.length > 0) {
    o.markers.forEach((m, i) => {
      if (m.value === null) return;
      const mx = px(sx(m.value));
      out.push(`<line x1="${mx}" x2="${mx}" y1="${px(b.y1 + 12)}" y2="${px(b.y0)}" stroke="${m.color}" stroke-width="2"/>`);
      const flip = sx(m.value) > b.x1 - 90;
      out.push(`<text class="marker" x="${mx}" y="${px(b.y1 + 22 + i * 14)}" dx="${flip ? -4 : 4}" text-anchor="${flip ? 'end' : 'start'}" fill="${m.color}">${esc(m.name)}</text>`);
    });
  }
  if (vals.length === 0) out.push(plotNote(f, o.emptyNote));
  out.push('</svg>');
  return out.join('');
}

export interface HBarItem {
  readonly label: string;
  /** A fraction (1 = 100 %); null = not applicable (drawn as "n/a"). */
  readonly value: number | null;
  readonly highlight?: boolean;
}

/** Horizontal percentage bars on a 0–100 % scale (extended if a value exceeds 100 %). */
export function hBarChart(o: { readonly label: string; readonly items: readonly HBarItem[]; readonly xTitle: string; readonly naNote: string }): string {
  const rowH = 34;
  const f: Frame = { w: 520, h: 24 + 48 + 8 + rowH * o.items.length, left: 128, right: 64, top: 24, bottom: 48 };
  const b = plotBox(f);
  const top = Math.max(1, ...o.items.map((i) => i.value ?? 0));
  const x = zeroBasedTicks(top * 100, 4);
  const sx = linear(0, x.top / 100, b.x0, b.x1);
  const out = [svgOpen(f, o.label)];
  for (const t of x.ticks) {
    const tx = px(sx(t.v / 100));
    out.push(`<line class="grid" x1="${tx}" x2="${tx}" y1="${px(b.y1)}" y2="${px(b.y0)}"/><text class="tick tick-x" x="${tx}" y="${px(b.y0 + 17)}" text-anchor="middle">${t.label} %</text>`);
  }
  o.items.forEach((it, i) => {
    const cy = b.y1 + 4 + i * rowH + rowH / 2;
    out.push(`<text class="bar-label${it.highlight ? ' strong' : ''}" x="${px(b.x0 - 8)}" y="${px(cy)}" text-anchor="end" dominant-baseline="middle">${esc(it.label)}</text>`);
    out.push(`<rect class="track" x="${px(b.x0)}" y="${px(cy - 10)}" width="${px(sx(1) - b.x0)}" height="20" rx="3"/>`);
    if (it.value === null || !Number.isFinite(it.value)) {
      out.push(`<text class="na" x="${px(b.x0 + 8)}" y="${px(cy)}" dominant-baseline="middle">n/a — ${esc(o.naNote)}</text>`);
      return;
    }
    const w = Math.max(0, sx(it.value) - b.x0);
    out.push(`<rect class="${it.highlight ? 'bar bar-hot' : 'bar'}" x="${px(b.x0)}" y="${px(cy - 10)}" width="${px(w)}" height="20" rx="3"><title>${esc(it.label)}: ${pct(it.value, 1)}</title></rect>`);
    out.push(`<text class="bar-value${it.highlight ? ' strong' : ''}" x="${px(b.x0 + w + 6)}" y="${px(cy)}" dominant-baseline="middle">${pct(it.value, 0)}</text>`);
  });
  out.push(`<line class="axis" x1="${px(b.x0)}" x2="${px(b.x0)}" y1="${px(b.y1)}" y2="${px(b.y0)}"/>`);
  out.push(`<text class="axis-title" x="${px((b.x0 + b.x1) / 2)}" y="${px(f.h - 8)}" text-anchor="middle">${esc(o.xTitle)}</text>`);
  out.push('</svg>');
  return out.join('');
}
