/**
 * The sweep report's chart: lines over a grid parameter (fleet size, demand multiplier), one per
 * series, with each seed's value as a faint dot behind the mean and an optional ring around one
 * point (the recommended configuration). Inline SVG from the report's primitives; the key is
 * HTML, so long series names never run off the plot.
 */
import { axes, esc, fmt, linear, plotBox, plotNote, px, svgOpen, zeroBasedTicks, type Frame } from '../report/svg-primitives.ts';

const FRAME: Frame = { w: 520, h: 300, left: 64, right: 18, top: 30, bottom: 48 };

/** Series colours, in order; distinguishable when printed in grey too (light and dark alternate). */
export const SERIES_COLORS = ['#1c7ed6', '#e8590c', '#2b8a3e', '#ae3ec9', '#f59f00', '#0c8599', '#c92a2a', '#5c940d', '#495057'];

export interface XySeries {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** Mean over seeds at each x, in x order. */
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Every seed's value (drawn faint). */
  readonly seeds: readonly { readonly x: number; readonly y: number }[];
}

export interface XyChartOptions {
  readonly label: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Unit appended to hover values. */
  readonly unit: string;
  /** The grid's x values; ticks are drawn at these. */
  readonly xValues: readonly number[];
  readonly series: readonly XySeries[];
  /** Dashed horizontal line (a target); only named above the plot when far above the data. */
  readonly reference?: { readonly value: number; readonly name: string };
  /** A point to ring and label. */
  readonly mark?: { readonly x: number; readonly y: number; readonly label: string; readonly color: string };
}

/** Lines with markers over the grid values; 0-based y axis; a note when there is nothing to draw. */
export function xyChart(o: XyChartOptions): string {
  const b = plotBox(FRAME);
  const ys = o.series.flatMap((s) => [...s.points, ...s.seeds].map((p) => p.y)).filter((v) => Number.isFinite(v));
  const dataMax = Math.max(0, ...ys);
  const ref = o.reference && (ys.length === 0 || o.reference.value <= 2 * dataMax) ? o.reference : undefined;
  const y = zeroBasedTicks(Math.max(dataMax, ref?.value ?? 0) * 1.08, 5);
  const xMax = Math.max(1, ...o.xValues);
  const sx = linear(0, xMax * 1.05, b.x0, b.x1);
  const sy = linear(0, y.top, b.y0, b.y1);
  const xTicks = [...o.xValues].sort((a, c) => a - c).map((v) => ({ v, label: fmt(v, 2) }));
  const out = [svgOpen(FRAME, o.label), axes(FRAME, sx, sy, xTicks, y.ticks, o.xTitle, o.yTitle)];
  if (o.reference && !ref) {
    // Drawing a target far above the data would squash the lines flat; say where it is instead.
    out.push(`<text class="target-label" x="${px(b.x1 - 4)}" y="${px(b.y1 - 8)}" text-anchor="end">↑ ${esc(o.reference.name)}, above the axis</text>`);
  } else if (ref) {
    const ry = px(sy(ref.value));
    out.push(`<line class="target" x1="${px(b.x0)}" x2="${px(b.x1)}" y1="${ry}" y2="${ry}"/>`);
    out.push(`<text class="target-label" x="${px(b.x1 - 4)}" y="${px(sy(ref.value) - 5)}" text-anchor="end">${esc(ref.name)}</text>`);
  }
  for (const s of o.series) {
    for (const p of s.seeds) out.push(`<circle cx="${px(sx(p.x))}" cy="${px(sy(p.y))}" r="2.4" fill="${s.color}" fill-opacity="0.3"/>`);
    if (s.points.length > 1) {
      const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(sx(p.x))} ${px(sy(p.y))}`).join('');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.2" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    for (const p of s.points) {
      out.push(`<circle cx="${px(sx(p.x))}" cy="${px(sy(p.y))}" r="3.6" fill="${s.color}"><title>${esc(s.name)}, ${esc(o.xTitle)} ${fmt(p.x, 2)}: ${fmt(p.y, 1)} ${esc(o.unit)} (mean over seeds)</title></circle>`);
    }
  }
  if (o.mark) {
    const mx = sx(o.mark.x);
    const my = sy(o.mark.y);
    const flip = mx > (b.x0 + b.x1) / 2;
    out.push(`<circle class="mark" cx="${px(mx)}" cy="${px(my)}" r="9" fill="none" stroke="${o.mark.color}" stroke-width="2.5"/>`);
    out.push(`<text class="marker" x="${px(mx)}" y="${px(Math.max(b.y1 + 10, my - 14))}" dx="${flip ? -12 : 12}" text-anchor="${flip ? 'end' : 'start'}" fill="${o.mark.color}">${esc(o.mark.label)}</text>`);
  }
  if (ys.length === 0) out.push(plotNote(FRAME, 'no completed runs to plot'));
  out.push('</svg>');
  return out.join('');
}

/** An HTML key for the series of a chart. */
export function seriesKey(series: readonly Pick<XySeries, 'name' | 'color' | 'dashed'>[]): string {
  const items = series.map(
    (s) =>
      `<li><svg viewBox="0 0 22 10" width="22" height="10" aria-hidden="true"><line x1="1" x2="21" y1="5" y2="5" stroke="${s.color}" stroke-width="3"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/></svg>${esc(s.name)}</li>`,
  );
  return `<ul class="key">${items.join('')}</ul>`;
}
