/**
 * Road ribbons (one merged mesh per lane kind), direction marks (one mesh: chevrons, or
 * diamonds on a single track used both ways) and the overlay of closed lanes.
 */
import { Color, Group, Mesh } from 'three';
import type { LaneKind } from '../../../maps/schema/map-schema.ts';
import type { DirectionMark, MapGeometry } from '../model/map-geometry.ts';
import { offsetLine, poseAlong, type Measured, type Pt } from '../model/polyline.ts';
import { CLOSED_LANE_COLOR, LANE_KIND_COLORS } from '../model/colors.ts';
import { MeshBuilder } from './mesh-builder.ts';
import { layerMaterial } from './ground-and-river.ts';

const MARK = new Color('#c9d1db');
const CLOSED = new Color(CLOSED_LANE_COLOR);

export interface Roads {
  readonly group: Group;
  setClosed(ids: readonly string[]): void;
  dispose(): void;
}

export function buildRoads(geo: MapGeometry): Roads {
  const group = new Group();
  group.name = 'roads';
  const byKind = new Map<LaneKind, MeshBuilder>();
  for (const r of geo.ribbons) {
    let b = byKind.get(r.kind);
    if (!b) byKind.set(r.kind, (b = new MeshBuilder()));
    b.ribbon(r.left, r.right, 0.03, WHITE);
  }
  for (const [kind, b] of byKind) {
    const mesh = new Mesh(b.build(), layerMaterial(2, { color: new Color(LANE_KIND_COLORS[kind]) }));
    mesh.name = `lanes-${kind}`;
    group.add(mesh);
  }
  const marks = new MeshBuilder();
  for (const m of geo.marks) mark(marks, m);
  if (!marks.empty) group.add(new Mesh(marks.build(), layerMaterial(3)));

  let closed: Mesh | null = null;
  return {
    group,
    setClosed(ids) {
      if (closed) {
        group.remove(closed);
        closed.geometry.dispose();
        (closed.material as { dispose(): void }).dispose();
        closed = null;
      }
      const b = new MeshBuilder();
      for (const id of ids) {
        const l = geo.lanes.get(id);
        if (!l) continue;
        const half = l.widthM / 2 + 0.3;
        b.ribbon(offsetLine(l.line.points, half), offsetLine(l.line.points, -half), 0.06, CLOSED);
        // Crosses every 12 m so a closure reads as one even where the lane is short.
        const n = Math.max(1, Math.floor(l.line.length / 12));
        for (let i = 0; i < n; i++) cross(b, l.line, ((i + 0.5) * l.line.length) / n, half);
      }
      if (b.empty) return;
      closed = new Mesh(b.build(), layerMaterial(5, { transparent: true, opacity: 0.8 }));
      closed.name = 'closed-lanes';
      group.add(closed);
    },
    dispose() {
      group.traverse((o) => {
        if (o instanceof Mesh) {
          o.geometry.dispose();
          (o.material as { dispose(): void }).dispose();
        }
      });
    },
  };
}

const WHITE = new Color(1, 1, 1);

/** A chevron pointing along the lane, or a diamond on a two-way single track. */
function mark(b: MeshBuilder, m: DirectionMark): void {
  const c = Math.cos(m.heading), s = Math.sin(m.heading);
  const at = (u: number, v: number): [number, number, number] => [m.x + u * c - v * s, 0.05, -(m.y + u * s + v * c)];
  const up: [number, number, number] = [0, 1, 0];
  if (m.twoWay) {
    b.quad(at(1.4, 0), at(0, 0.7), at(-1.4, 0), at(0, -0.7), MARK, up);
    return;
  }
  b.tri(at(1.2, 0), at(-0.9, 1.0), at(-0.4, 0), MARK, up);
  b.tri(at(1.2, 0), at(-0.4, 0), at(-0.9, -1.0), MARK, up);
}

/** An X across the lane at distance s along it. */
function cross(b: MeshBuilder, line: Measured, s: number, half: number): void {
  const p = poseAlong(line, s);
  const c = Math.cos(p.heading), sn = Math.sin(p.heading);
  const at = (u: number, v: number): Pt => [p.x + u * c - v * sn, p.y + u * sn + v * c];
  const w = 0.35;
  for (const k of [1, -1]) {
    const a0 = at(-half, -k * half), a1 = at(half, k * half);
    const dx = (a1[0] - a0[0]), dy = (a1[1] - a0[1]);
    const l = Math.hypot(dx, dy);
    const nx = (-dy / l) * w, ny = (dx / l) * w;
    b.flat([[a0[0] - nx, a0[1] - ny], [a1[0] - nx, a1[1] - ny], [a1[0] + nx, a1[1] + ny], [a0[0] + nx, a0[1] + ny]], 0.08, WHITE);
  }
}
