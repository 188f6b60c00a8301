/**
 * A generated container-terminal-sized lane grid for scale benchmarks: a Manhattan grid of
 * one-way lanes (rows alternate east/west, columns north/south, so every block can be driven
 * round), every block edge split at a midpoint node. Quay cranes stand on the midpoints of the
 * southern row, yard cranes on the northern row, parking slots on the midpoints in between.
 * Geometry is abstract (right-angle corners): a benchmark map, not a site.
 */
import { MAP_FORMAT, type IgvMap, type Lane, type MapNode, type Station } from '../maps/schema/map-schema.ts';

export function terminalGrid(cols: number, rows: number, spacingMm = 60_000): IgvMap {
  const nodes: MapNode[] = [];
  const lanes: Lane[] = [];
  const stations: Station[] = [];
  const id = (c: number, r: number) => `N${String(c).padStart(3, '0')}-${String(r).padStart(3, '0')}`;
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) nodes.push({ id: id(c, r), x: c * spacingMm, y: r * spacingMm });
  let n = 0;
  const edge = (a: string, b: string, ax: number, ay: number, bx: number, by: number, station?: Station['kind']) => {
    const mid = `M${String(++n).padStart(5, '0')}`;
    nodes.push({ id: mid, x: (ax + bx) / 2, y: (ay + by) / 2 });
    const half = Math.round(Math.hypot(bx - ax, by - ay) / 2);
    const lane = (from: string, to: string, k: string): Lane => ({
      id: `L${String(n).padStart(5, '0')}${k}`, from, to, lengthMm: half, speedLimitMmps: 8_333, widthMm: 3_500, kind: 'yard', jurisdiction: 'VN',
    });
    lanes.push(lane(a, mid, 'a'), lane(mid, b, 'b'));
    if (station) stations.push({ id: `S-${mid}`, name: `${station} ${mid}`, kind: station, jurisdiction: 'VN', capacity: 1, nodes: [mid], serviceTimeMs: 60_000 });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const east = r % 2 === 0;
      const [a, b] = east ? [c, c + 1] : [c + 1, c];
      const kind = r === 0 ? 'transfer-crane' : r === rows - 1 ? 'transfer-crane' : r % 2 === 1 ? 'igv-parking' : undefined;
      edge(id(a, r), id(b, r), a * spacingMm, r * spacingMm, b * spacingMm, r * spacingMm, kind);
    }
  }
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r + 1 < rows; r++) {
      const north = c % 2 === 0;
      const [a, b] = north ? [r, r + 1] : [r + 1, r];
      edge(id(c, a), id(c, b), c * spacingMm, a * spacingMm, c * spacingMm, b * spacingMm);
    }
  }
  return {
    format: MAP_FORMAT, id: `terminal-grid-${cols}x${rows}`, name: `Generated terminal grid ${cols}×${rows}`, version: '1',
    frame: { origin: { latDeg: 0, lonDeg: 0 }, unit: 'mm', axes: 'x-east-y-north' },
    nodes, lanes, stations, conflictZones: [], notes: ['Generated for benchmarks; abstract geometry.'],
  };
}
