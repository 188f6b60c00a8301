/**
 * The land, the river cut into it along the border, the bridge deck across it (with piers), the
 * yard pads and the border line on the deck. Roads and vehicles stay at height 0: the river lies
 * below the ground, so the deck needs no ramps.
 */
import { Color, Group, Mesh, MeshLambertMaterial } from 'three';
import type { MapGeometry, Quad } from '../model/map-geometry.ts';
import type { Pt } from '../model/polyline.ts';
import { MeshBuilder } from './mesh-builder.ts';

const LAND = new Color('#26302a');
const RIVER = new Color('#1b4a68');
const BANK = new Color('#3a3629');
const YARD = new Color('#323a44');
const DECK = new Color('#6f7680');
const DECK_SIDE = new Color('#4b5058');
const PIER = new Color('#545a62');
const BORDER = new Color('#ffd23f');

const RIVER_DEPTH_M = 6;
const DECK_THICKNESS_M = 1.8;
/** Land beyond the map on every side, m. */
const LAND_MARGIN_M = 1500;

/** Flat layers are drawn over the ground with a polygon offset so that they never flicker. */
export function layerMaterial(level: number, extra: Partial<{ transparent: boolean; opacity: number; color: Color }> = {}): MeshLambertMaterial {
  return new MeshLambertMaterial({
    vertexColors: extra.color === undefined,
    ...(extra.color ? { color: extra.color } : {}),
    polygonOffset: level > 0,
    polygonOffsetFactor: -level,
    polygonOffsetUnits: -level * 2,
    transparent: extra.transparent ?? false,
    opacity: extra.opacity ?? 1,
    depthWrite: !(extra.transparent ?? false),
  });
}

export function buildGround(geo: MapGeometry): Group {
  const group = new Group();
  group.name = 'ground';
  const base = new MeshBuilder();
  if (geo.river) landWithRiver(base, geo.river, geo);
  else {
    const b = geo.bounds;
    const m = LAND_MARGIN_M;
    base.flat([[b.minX - m, b.minY - m], [b.maxX + m, b.minY - m], [b.maxX + m, b.maxY + m], [b.minX - m, b.maxY + m]], 0, LAND);
  }
  if (geo.bridge) deck(base, geo.bridge, geo.river);
  group.add(new Mesh(base.build(), layerMaterial(0)));

  const pads = new MeshBuilder();
  for (const y of [geo.yards.VN, geo.yards.CN]) {
    if (y) pads.flat([[y.minX, y.minY], [y.maxX, y.minY], [y.maxX, y.maxY], [y.minX, y.maxY]], 0.01, YARD);
  }
  if (geo.bridge) pads.flat(geo.bridge.corners, 0.01, DECK);
  if (!pads.empty) group.add(new Mesh(pads.build(), layerMaterial(1)));

  if (geo.border) {
    const marks = new MeshBuilder();
    const { a, b } = geo.border;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    const nx = (-(b[1] - a[1]) / len) * 1.2;
    const ny = ((b[0] - a[0]) / len) * 1.2;
    marks.flat([[a[0] - nx, a[1] - ny], [b[0] - nx, b[1] - ny], [b[0] + nx, b[1] + ny], [a[0] + nx, a[1] + ny]], 0.02, BORDER);
    // Posts at both ends: the line itself is thin from afar.
    for (const p of [a, b]) marks.box(p[0], p[1], 0, 0, 0, 0.6, 0.6, 0, 6, BORDER);
    group.add(new Mesh(marks.build(), layerMaterial(4)));
  }
  return group;
}

/** Land on both sides of the river band, the water below, and the banks between. */
function landWithRiver(b: MeshBuilder, river: Quad, geo: MapGeometry): void {
  const ux = Math.cos(river.heading);
  const uy = Math.sin(river.heading);
  const at = (u: number, v: number): Pt => [river.cx + u * ux - v * uy, river.cy + u * uy + v * ux];
  const span = Math.hypot(geo.bounds.maxX - geo.bounds.minX, geo.bounds.maxY - geo.bounds.minY);
  const L = river.halfLength + LAND_MARGIN_M;
  const V = span + LAND_MARGIN_M;
  const w = river.halfWidth;
  b.flat([at(-L, w), at(L, w), at(L, V), at(-L, V)], 0, LAND);
  b.flat([at(-L, -V), at(L, -V), at(L, -w), at(-L, -w)], 0, LAND);
  b.flat([at(-L, -w), at(L, -w), at(L, w), at(-L, w)], -RIVER_DEPTH_M, RIVER);
  for (const side of [-1, 1]) {
    const p = at(-L, side * w);
    const q = at(L, side * w);
    const inward: [number, number, number] = [side * uy, 0, side * ux];
    b.quad([p[0], 0, -p[1]], [q[0], 0, -q[1]], [q[0], -RIVER_DEPTH_M, -q[1]], [p[0], -RIVER_DEPTH_M, -p[1]], BANK, inward);
  }
}

/** Deck sides and piers; the deck top is a pad (see buildGround). */
function deck(b: MeshBuilder, q: Quad, river: Quad | null): void {
  const [c0, c1, c2, c3] = q.corners;
  const ring = [c0, c1, c2, c3];
  for (let i = 0; i < 4; i++) {
    const p = ring[i]!, r = ring[(i + 1) % 4]!;
    const out: [number, number, number] = [(p[0] + r[0]) / 2 - q.cx, 0, -((p[1] + r[1]) / 2 - q.cy)];
    b.quad([p[0], 0, -p[1]], [r[0], 0, -r[1]], [r[0], -DECK_THICKNESS_M, -r[1]], [p[0], -DECK_THICKNESS_M, -p[1]], DECK_SIDE, out);
  }
  if (!river) return;
  // Piers every ~40 m where the deck is over water.
  const n = Math.max(2, Math.round((q.halfLength * 2) / 40));
  for (let i = 1; i < n; i++) {
    const du = -q.halfLength + (i * 2 * q.halfLength) / n;
    const x = q.cx + du * Math.cos(q.heading);
    const y = q.cy + du * Math.sin(q.heading);
    const across = Math.abs((x - river.cx) * -Math.sin(river.heading) + (y - river.cy) * Math.cos(river.heading));
    if (across > river.halfWidth) continue;
    b.box(x, y, q.heading, 0, 0, 1.5, q.halfWidth * 0.6, -RIVER_DEPTH_M, -DECK_THICKNESS_M, PIER);
  }
}
