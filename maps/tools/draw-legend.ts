/**
 * The legend strip of `igv map draw`: lane kinds, single track, direction, border, river and the
 * station symbols, laid out left to right in rows. Pure string building; px coordinates.
 */
import { LANE_KINDS, STATION_KINDS } from '../schema/map-schema.ts';
import { LANE_COLOURS, STATION_STYLE, arrowHead, esc, f, stationSymbol } from './draw-svg.ts';

const CHAR_PX = 6.6; // estimated width of one 11 px character

/** Legend in the box (x, y, w, h), px. */
export function drawLegend(x: number, y: number, w: number, h: number): string {
  const out: string[] = [
    `<g id="legend">`,
    `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" fill="#fff" stroke="#bbb"/>`,
    `<text x="${f(x + 10)}" y="${f(y + 17)}" font-size="12" font-weight="bold">Legend</text>`,
  ];
  const row = (cy: number, heading: string, items: { swatch: (sx: number) => string; label: string }[]) => {
    out.push(`<text x="${f(x + 10)}" y="${f(cy + 4)}" font-size="11" fill="#444">${heading}</text>`);
    let cx = x + 78;
    for (const it of items) {
      out.push(it.swatch(cx));
      out.push(`<text x="${f(cx + 30)}" y="${f(cy + 4)}" font-size="11">${esc(it.label)}</text>`);
      cx += 30 + it.label.length * CHAR_PX + 18;
    }
  };
  const lane = (cy: number, colour: string, extra = '') => (sx: number) =>
    `<line x1="${f(sx)}" y1="${f(cy)}" x2="${f(sx + 24)}" y2="${f(cy)}" stroke="${colour}" stroke-width="2.5"${extra}/>`;
  const r1 = y + 38;
  row(r1, 'Lanes', [
    ...LANE_KINDS.map((k) => ({ swatch: lane(r1, LANE_COLOURS[k]), label: k })),
    { swatch: lane(r1, '#64748b', ' stroke-dasharray="6 3"'), label: 'single track (both ways)' },
    { swatch: (sx: number) => lane(r1, '#64748b')(sx) + arrowHead(sx + 14, r1, 0, 6, '#64748b'), label: 'driving direction' },
    { swatch: lane(r1, '#dc2626'), label: 'VN | CN border' },
    {
      swatch: (sx: number) => `<rect x="${f(sx)}" y="${f(r1 - 7)}" width="24" height="14" fill="#dbeafe"/>`,
      label: 'river under the bridge',
    },
  ]);
  const r2 = y + 66;
  row(r2, 'Stations', STATION_KINDS.map((k) => ({ swatch: (sx: number) => stationSymbol(k, sx + 12, r2, 5), label: STATION_STYLE[k].label })));
  out.push('</g>');
  return out.join('\n');
}
