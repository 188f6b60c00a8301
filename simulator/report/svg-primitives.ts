/**
 * Building blocks of the report's hand-rolled SVG charts: escaping, deterministic number
 * formatting, "nice" tick steps, a plot frame (grid, axes, tick labels, axis titles) and an
 * in-chart legend. Everything returns strings; nothing here can emit NaN or Infinity.
 */

/** Escapes user text for HTML/SVG element content and double- or single-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** An SVG coordinate with at most one decimal; non-finite input becomes 0 so markup stays valid. */
export function px(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const s = (Math.round(x * 10) / 10).toString();
  return s === '-0' ? '0' : s;
}

/**
 * A human-readable number: thousands grouped with commas, at most `maxDigits` decimals (trailing
 * zeros dropped), '–' for null/non-finite. Locale-independent so the report is byte-stable.
 */
export function fmt(x: number | null | undefined, maxDigits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const [int = '0', frac = ''] = Math.abs(x).toFixed(maxDigits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const f = frac.replace(/0+$/, '');
  const out = f ? `${grouped}.${f}` : grouped;
  return x < 0 && /[1-9]/.test(out) ? `−${out}` : out;
}

/** A fraction (0.42) as a percentage string ('42 %'), '–' for null. */
export function pct(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${fmt(x * 100, digits)}\u00a0%`;
}

/** The 1-2-2.5-5 × 10ⁿ step that cuts `span` into about `count` intervals; ≥ 1 when `integer`. */
export function niceStep(span: number, count: number, integer = false): number {
  const raw = Number.isFinite(span) && span > 0 ? span / Math.max(1, count) : 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return integer ? Math.max(1, Math.round(step)) : step;
}

export interface Tick {
  readonly v: number;
  readonly label: string;
}

/**
 * Ticks from 0 to a rounded-up maximum covering `max` (domain [0, 1] when there is nothing to
 * show). Returns the domain top and the ticks, labelled with `fmt`.
 */
export function zeroBasedTicks(max: number, count = 5, integer = false): { top: number; ticks: Tick[] } {
  const m = Number.isFinite(max) && max > 0 ? max : 1;
  const step = niceStep(m, count, integer);
  const n = Math.max(1, Math.ceil(m / step - 1e-9));
  const digits = decimalsOf(step);
  const ticks = Array.from({ length: n + 1 }, (_, i) => {
    const v = Number((i * step).toFixed(10));
    return { v, label: fmt(v, digits) };
  });
  return { top: n * step, ticks };
}

/**
 * Time-axis ticks in hours over [0, totalHours]: fractional steps for short runs, then whole
 * hours in steps of 1, 2, 3, 6, 12, 24 or more so that at most `maxTicks` labels are drawn.
 */
export function hourTicks(totalHours: number, maxTicks = 10): Tick[] {
  const total = Number.isFinite(totalHours) && totalHours > 0 ? totalHours : 1;
  if (total <= 4) return zeroBasedTicks(total, 4).ticks.filter((t) => t.v <= total + 1e-9);
  const step = HOUR_STEPS.find((s) => Math.floor(total / s) + 1 <= maxTicks) ?? Math.ceil(total / maxTicks / 168) * 168;
  const ticks: Tick[] = [];
  for (let v = 0; v <= total + 1e-9; v += step) ticks.push({ v, label: fmt(v, 0) });
  return ticks;
}
const HOUR_STEPS = [1, 2, 3, 6, 12, 24, 48, 72, 168];

function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

/** The plot box inside an SVG of `w` × `h` view-box units. */
export interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Plot-area edges of a frame, in view-box units. */
export function plotBox(f: Frame) {
  return { x0: f.left, x1: f.w - f.right, y0: f.h - f.bottom, y1: f.top };
}

/** Linear map from [d0, d1] to [r0, r1]; a degenerate domain maps everything to r0. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Opening tag with an accessible title; `label` is user-facing text and gets escaped. */
export function svgOpen(f: Frame, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.w} ${f.h}" role="img" aria-label="${esc(label)}" class="chart"><title>${esc(label)}</title>`;
}

/** Horizontal grid lines with y tick labels, x tick marks with labels, both axis titles. */
export function axes(f: Frame, sx: (v: number) => number, sy: (v: number) => number, xTicks: readonly Tick[], yTicks: readonly Tick[], xTitle: string, yTitle: string): string {
  const b = plotBox(f);
  const out: string[] = [];
  for (const t of yTicks) {
    const y = px(sy(t.v));
    out.push(`<line class="grid" x1="${px(b.x0)}" x2="${px(b.x1)}" y1="${y}" y2="${y}"/>`);
    out.push(`<text class="tick tick-y" x="${px(b.x0 - 6)}" y="${y}" text-anchor="end" dominant-baseline="middle">${esc(t.label)}</text>`);
  }
  for (const t of xTicks) {
    const x = px(sx(t.v));
    out.push(`<line class="axis" x1="${x}" x2="${x}" y1="${px(b.y0)}" y2="${px(b.y0 + 4)}"/>`);
    out.push(`<text class="tick tick-x" x="${x}" y="${px(b.y0 + 17)}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  out.push(`<line class="axis" x1="${px(b.x0)}" x2="${px(b.x1)}" y1="${px(b.y0)}" y2="${px(b.y0)}"/>`);
  out.push(`<line class="axis" x1="${px(b.x0)}" x2="${px(b.x0)}" y1="${px(b.y1)}" y2="${px(b.y0)}"/>`);
  out.push(`<text class="axis-title" x="${px((b.x0 + b.x1) / 2)}" y="${px(f.h - 8)}" text-anchor="middle">${esc(xTitle)}</text>`);
  const cy = px((b.y0 + b.y1) / 2);
  out.push(`<text class="axis-title" x="14" y="${cy}" text-anchor="middle" transform="rotate(-90 14 ${cy})">${esc(yTitle)}</text>`);
  return out.join('');
}

export interface LegendItem {
  readonly name: string;
  readonly color: string;
  readonly shape: 'line' | 'dash' | 'box';
}

/** A one-row legend right-aligned in the top margin; widths estimated from character counts. */
export function legend(f: Frame, items: readonly LegendItem[]): string {
  const widths = items.map((i) => 40 + i.name.length * 7.4);
  let x = f.w - f.right - widths.reduce((a, b) => a + b, 0);
  const y = 14;
  return items
    .map((it, i) => {
      const sw =
        it.shape === 'box'
          ? `<rect x="${px(x)}" y="${y - 6}" width="12" height="12" rx="2" fill="${it.color}"/>`
          : `<line x1="${px(x)}" x2="${px(x + 16)}" y1="${y}" y2="${y}" stroke="${it.color}" stroke-width="3"${it.shape === 'dash' ? ' stroke-dasharray="5 3"' : ''}/>`;
      const s = `${sw}<text class="legend" x="${px(x + (it.shape === 'box' ? 17 : 21))}" y="${y}" dominant-baseline="middle">${esc(it.name)}</text>`;
      x += widths[i]!;
      return s;
    })
    .join('');
}

/** A message centred over the plot area, for charts with nothing to show. */
export function plotNote(f: Frame, text: string): string {
  const b = plotBox(f);
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  const w = 24 + text.length * 7;
  return `<rect class="note-bg" x="${px(cx - w / 2)}" y="${px(cy - 16)}" width="${px(w)}" height="32" rx="6"/><text class="note" x="${px(cx)}" y="${px(cy)}" text-anchor="middle" dominant-baseline="middle">${esc(text)}</text>`;
}
