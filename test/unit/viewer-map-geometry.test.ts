import { describe, expect, it } from 'vitest';
import { loadPhase1Map } from '../fixtures/phase1-run.ts';
import { mapFromAscii } from '../fixtures/ascii-map.ts';
import { laneLines, lanePolyline, mapGeometry, MARK_SPACING_M } from '../../viewer/src/model/map-geometry.ts';
import { offsetLine, measure, type Pt } from '../../viewer/src/model/polyline.ts';

const map = loadPhase1Map();
const geo = mapGeometry(map);
const nodes = new Map(map.nodes.map((n) => [n.id, n]));

/** Signed distance of p from segment a→b's line (positive = left). */
function side(a: Pt, b: Pt, p: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return (dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / Math.hypot(dx, dy);
}

function inQuad(q: { cx: number; cy: number; heading: number; halfLength: number; halfWidth: number }, p: Pt, tol = 1e-6): boolean {
  const ux = Math.cos(q.heading);
  const uy = Math.sin(q.heading);
  const du = (p[0] - q.cx) * ux + (p[1] - q.cy) * uy;
  const dv = -(p[0] - q.cx) * uy + (p[1] - q.cy) * ux;
  return Math.abs(du) <= q.halfLength + tol && Math.abs(dv) <= q.halfWidth + tol;
}

describe('given the phase-1 map', () => {
  it('gives every lane a centre line in metres from its from-node through its interior points to its to-node', () => {
    expect(laneLines(map).size).toBe(map.lanes.length);
    for (const l of map.lanes) {
      const pts = lanePolyline(map, l.id)!;
      const a = nodes.get(l.from)!;
      const b = nodes.get(l.to)!;
      expect(pts.length).toBe((l.polyline?.length ?? 0) + 2);
      expect(pts[0]).toEqual([a.x / 1000, a.y / 1000]);
      expect(pts[pts.length - 1]).toEqual([b.x / 1000, b.y / 1000]);
      expect(Math.abs(measure(pts).length - l.lengthMm / 1000)).toBeLessThan(0.01 * (l.lengthMm / 1000));
    }
    expect(lanePolyline(map, 'no-such-lane')).toBeNull();
  });

  it('draws each lane as a ribbon whose edges are half the lane width left and right of the centre line', () => {
    expect(geo.ribbons).toHaveLength(map.lanes.length);
    for (const r of geo.ribbons) {
      const lane = map.lanes.find((l) => l.id === r.laneId)!;
      const c = lanePolyline(map, r.laneId)!;
      expect(r.left).toHaveLength(c.length);
      expect(r.right).toHaveLength(c.length);
      // Check on the first segment: joins are mitred, so only segment interiors are exactly w/2 away.
      const half = lane.widthMm / 2000;
      expect(side(c[0]!, c[1]!, r.left[0]!)).toBeCloseTo(half, 6);
      expect(side(c[0]!, c[1]!, r.right[0]!)).toBeCloseTo(-half, 6);
      expect(r.twoWay).toBe(false);
    }
  });

  it('puts direction marks about every 25 m along each lane, pointing the way it is driven', () => {
    for (const l of laneLines(map).values()) {
      const marks = geo.marks.filter((m) => m.laneId === l.id);
      const len = l.line.length;
      if (len < 4) expect(marks).toHaveLength(0);
      else expect(marks).toHaveLength(Math.max(1, Math.floor(len / MARK_SPACING_M)));
    }
    const north = geo.marks.filter((m) => m.laneId === 'L-BR-N1-CN');
    expect(north).toHaveLength(Math.floor(463.5 / 25));
    for (const m of north) {
      expect(m.x).toBeCloseTo(2.5, 9);
      expect(m.heading).toBeCloseTo(Math.PI / 2, 9);
    }
    const gaps = north.slice(1).map((m, i) => m.y - north[i]!.y);
    for (const g of gaps) expect(g).toBeGreaterThan(MARK_SPACING_M * 0.99);
    for (const g of gaps) expect(g).toBeLessThan(MARK_SPACING_M * 1.1);
    expect(geo.marks.filter((m) => m.laneId === 'L-BR-S1-CN').every((m) => Math.abs(m.heading + Math.PI / 2) < 1e-9)).toBe(true);
  });

  it('spans the bridge deck over all bridge lanes, 618 m long and as wide as the border line', () => {
    const deck = geo.bridge!;
    expect(deck.halfLength * 2).toBeCloseTo(618, 6);
    expect(deck.halfWidth * 2).toBeCloseTo(27.7, 6);
    for (const l of map.lanes.filter((x) => x.kind === 'bridge')) for (const p of lanePolyline(map, l.id)!) expect(inQuad(deck, p)).toBe(true);
    expect(Math.abs(Math.sin(deck.heading))).toBeCloseTo(1, 9);
  });

  it('lays the river along the border line, longer than the deck is wide, with both bridge ends on dry land', () => {
    const river = geo.river!;
    const deck = geo.bridge!;
    expect(geo.border).toEqual({ a: [-13.85, 0], b: [13.85, 0] });
    expect(inQuad(river, [0, 0])).toBe(true);
    expect(Math.abs(Math.cos(river.heading))).toBeCloseTo(1, 9);
    expect(river.halfLength).toBeGreaterThan(deck.halfWidth);
    expect(river.cx - river.halfLength).toBeLessThan(geo.bounds.minX);
    expect(river.cx + river.halfLength).toBeGreaterThan(geo.bounds.maxX);
    expect(inQuad(river, [2.5, -154.5])).toBe(false);
    expect(inQuad(river, [2.5, 463.5])).toBe(false);
    for (const l of map.lanes.filter((x) => x.kind === 'yard' || x.kind === 'dock')) {
      for (const p of lanePolyline(map, l.id)!) expect(inQuad(river, p)).toBe(false);
    }
  });

  it('boxes each yard around its yard and dock lanes: VN south of the border, CN north', () => {
    const { VN, CN } = geo.yards;
    expect(VN!.maxY).toBeLessThan(0);
    expect(CN!.minY).toBeGreaterThan(0);
    for (const l of map.lanes.filter((x) => x.kind === 'yard' || x.kind === 'dock')) {
      const b = l.jurisdiction === 'VN' ? VN! : CN!;
      for (const [x, y] of lanePolyline(map, l.id)!) expect(x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY).toBe(true);
    }
  });

  it('labels every station at the centroid of its nodes, with its kind', () => {
    expect(geo.stations.map((s) => s.id)).toEqual(map.stations.map((s) => s.id));
    const pk = geo.stations.find((s) => s.id === 'ST-VN-PK01')!;
    expect(pk).toMatchObject({ kind: 'igv-parking', jurisdiction: 'VN', x: 187.5, y: -424.5 });
    expect(pk.stops).toHaveLength(4);
    const gate = geo.stations.find((s) => s.id === 'ST-VN-AG-N')!;
    expect(gate).toMatchObject({ kind: 'automated-gate', x: 2.5, y: -304.5 });
    expect(gate.stops[0]!.heading).toBeCloseTo(Math.PI / 2, 6); // outbound, towards the bridge
  });
});

describe('given a map with a single track used both ways', () => {
  const stall = mapFromAscii(
    `
    A------>B
            "
            K
    `,
    { spacingMm: 10_000, singleTrackZones: false, stations: { K: { kind: 'charger' } } },
  );
  const g = mapGeometry(stall);
  const twins = stall.lanes.filter((l) => l.singleTrackWith);

  it('draws the pair once, as a two-way ribbon with two-way marks', () => {
    expect(twins).toHaveLength(2);
    const drawn = g.ribbons.filter((r) => twins.some((t) => t.id === r.laneId));
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.twoWay).toBe(true);
    expect(g.ribbons).toHaveLength(stall.lanes.length - 1);
    expect(g.marks.filter((m) => m.twoWay).every((m) => m.laneId === drawn[0]!.laneId)).toBe(true);
    expect(g.bridge).toBeNull();
    expect(g.river).toBeNull();
  });
});

describe('given a polyline with a sharp turn', () => {
  it('caps the mitre of the offset line at three times the offset', () => {
    const pts: Pt[] = [[0, 0], [10, 0], [0, 0.1]];
    const off = offsetLine(pts, 1);
    const d = Math.hypot(off[1]![0] - 10, off[1]![1]);
    expect(d).toBeLessThanOrEqual(3 + 1e-9);
    expect(d).toBeGreaterThan(1);
  });
});
