/**
 * Stations as simple shapes coloured by kind (one merged mesh) and their labels (CSS2D). Shapes
 * stand beside or span the lane at each stop node, never on it, so vehicles stay visible.
 * Stations at the same stop (a crane and its truck bay) share one label.
 */
import { Color, Group, Mesh, MeshLambertMaterial, Vector3, type Camera } from 'three';
import { CSS2DObject } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import type { StationKind } from '../../../maps/schema/map-schema.ts';
import type { MapGeometry, StationDraw } from '../model/map-geometry.ts';
import type { PointPose } from '../model/polyline.ts';
import { STATION_KIND_COLORS } from '../model/colors.ts';
import { MeshBuilder } from './mesh-builder.ts';

/** Station labels show within this camera distance, m; zone labels always. */
export const LABEL_RANGE_M = 1000;

const HEIGHT: Record<StationKind, number> = {
  'transfer-crane': 17, 'truck-bay': 5, 'igv-parking': 3, charger: 4, 'battery-swap': 9, 'automated-gate': 8, 'nii-scanner': 9, 'inspection-bay': 8,
};

export interface Stations {
  readonly group: Group;
  /**
   * Shows station labels near the camera only, and of overlapping ones only the first by kind
   * (zone labels always). `width`, `height`: viewport, CSS px.
   */
  updateLabels(camera: Camera, width: number, height: number): void;
  dispose(): void;
}

/** Which label wins where two overlap: earlier kinds first. */
const PRIORITY: readonly StationKind[] = ['transfer-crane', 'automated-gate', 'nii-scanner', 'inspection-bay', 'battery-swap', 'charger', 'igv-parking', 'truck-bay'];

interface Placed {
  obj: CSS2DObject;
  /** Estimated size on screen, CSS px (no layout reads per frame). */
  w: number;
  h: number;
}

export function buildStations(geo: MapGeometry): Stations {
  const group = new Group();
  group.name = 'stations';
  const b = new MeshBuilder();
  for (const s of geo.stations) {
    const color = new Color(STATION_KIND_COLORS[s.kind]);
    for (const stop of s.stops) shape(b, s.kind, stop, color);
  }
  if (!b.empty) group.add(new Mesh(b.build(), new MeshLambertMaterial({ vertexColors: true })));

  const near: Placed[] = [];
  const stops = [...groupByStop(geo.stations)].sort(([, a], [, b]) => rank(a) - rank(b));
  for (const [key, list] of stops) {
    const first = list[0]!;
    // The yard says which side it is; the prefix only makes labels collide sooner.
    const text = list.map((s) => s.name.replace(/^(VN|CN) /, '')).join(' · ');
    const obj = label(text, 'station', Math.max(...list.map((s) => HEIGHT[s.kind])) + 2);
    obj.position.set(first.x, obj.position.y, -first.y);
    obj.element.dataset.station = key;
    near.push({ obj, w: text.length * 6.2 + 10, h: 16 });
    group.add(obj);
  }
  const zones: Placed[] = [];
  for (const z of zoneLabels(geo)) {
    zones.push({ obj: z, w: (z.element.textContent ?? '').length * 7.6 + 10, h: 19 });
    group.add(z);
  }
  const taken: number[] = [];
  const v = new Vector3();
  /** Reserves the label's screen box; false when it overlaps one already placed or is off screen. */
  const place = (p: Placed, camera: Camera, width: number, height: number): boolean => {
    v.copy(p.obj.position).project(camera);
    if (v.z > 1 || v.z < -1) return false;
    const x = ((v.x + 1) / 2) * width;
    const y = ((1 - v.y) / 2) * height;
    const x0 = x - p.w / 2, x1 = x + p.w / 2, y0 = y - p.h / 2, y1 = y + p.h / 2;
    if (x1 < 0 || x0 > width || y1 < 0 || y0 > height) return false;
    for (let i = 0; i < taken.length; i += 4) {
      if (x0 < taken[i + 2]! && x1 > taken[i]! && y0 < taken[i + 3]! && y1 > taken[i + 1]!) return false;
    }
    taken.push(x0, y0, x1, y1);
    return true;
  };

  return {
    group,
    updateLabels(camera, width, height) {
      taken.length = 0;
      for (const z of zones) place(z, camera, width, height);
      for (const p of near) p.obj.visible = p.obj.position.distanceTo(camera.position) < LABEL_RANGE_M && place(p, camera, width, height);
    },
    dispose() {
      group.traverse((o) => {
        if (o instanceof Mesh) {
          o.geometry.dispose();
          (o.material as { dispose(): void }).dispose();
        }
        if (o instanceof CSS2DObject) o.element.remove();
      });
    },
  };
}

function rank(list: readonly StationDraw[]): number {
  return Math.min(...list.map((s) => PRIORITY.indexOf(s.kind)));
}

function groupByStop(stations: readonly StationDraw[]): Map<string, StationDraw[]> {
  const out = new Map<string, StationDraw[]>();
  for (const s of stations) {
    const key = `${s.x.toFixed(1)},${s.y.toFixed(1)}`;
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  }
  // Keyed by the ids of the stations at that stop, for tests and styling.
  return new Map([...out.values()].map((l) => [l.map((s) => s.id).join(' '), l]));
}

function label(text: string, kind: 'station' | 'zone', height: number): CSS2DObject {
  const el = document.createElement('div');
  el.className = `igv-label igv-label-${kind}`;
  el.textContent = text;
  Object.assign(el.style, {
    font: kind === 'zone' ? '600 13px system-ui, sans-serif' : '11px system-ui, sans-serif',
    color: kind === 'zone' ? '#ffffff' : '#e6edf3',
    background: kind === 'zone' ? 'rgba(13, 17, 23, 0.55)' : 'rgba(13, 17, 23, 0.72)',
    padding: '1px 5px',
    borderRadius: '3px',
    whiteSpace: 'nowrap',
    pointerEvents: 'none',
  });
  const obj = new CSS2DObject(el);
  obj.position.y = height;
  return obj;
}

function zoneLabels(geo: MapGeometry): CSS2DObject[] {
  const out: CSS2DObject[] = [];
  const add = (text: string, x: number, y: number, h: number) => {
    const o = label(text, 'zone', h);
    o.position.set(x, h, -y);
    out.push(o);
  };
  const { VN, CN } = geo.yards;
  if (VN) add('VN yard', (VN.minX + VN.maxX) / 2, VN.minY, 5);
  if (CN) add('CN yard', (CN.minX + CN.maxX) / 2, CN.maxY, 5);
  if (geo.bridge) {
    const q = geo.bridge;
    add('bridge', q.cx + Math.cos(q.heading) * q.halfLength * 0.55, q.cy + Math.sin(q.heading) * q.halfLength * 0.55, 6);
  }
  if (geo.border) add('border VN | CN', geo.border.b[0], geo.border.b[1], 4);
  return out;
}

/** One station shape at one stop; u along the lane, v to its left. */
function shape(b: MeshBuilder, kind: StationKind, p: PointPose, c: Color): void {
  const box = (du: number, dv: number, hl: number, hw: number, h0: number, h1: number) => b.box(p.x, p.y, p.heading, du, dv, hl, hw, h0, h1, c);
  switch (kind) {
    case 'transfer-crane': // a gantry over the IGV lane and the truck lane on its right
      for (const du of [-6, 6]) for (const dv of [3.5, -11]) box(du, dv, 0.6, 0.6, 0, 15);
      for (const du of [-6, 6]) box(du, -3.75, 0.8, 7.85, 15, 16.2);
      box(0, -3.75, 6.8, 0.5, 15.6, 16.2);
      box(0, 0, 1.6, 1.6, 13.4, 15);
      break;
    case 'truck-bay': // the truck with its trailer beside the IGV lane
      box(-2, -7.25, 8, 1.3, 0, 3.8);
      break;
    case 'igv-parking': // bollards at the corners of the bay the vehicle stands in
      for (const du of [-16.5, 0.5]) for (const dv of [2.4, -2.4]) box(du, dv, 0.25, 0.25, 0, 1);
      break;
    case 'charger':
      box(-8, 2.8, 0.6, 0.5, 0, 2);
      break;
    case 'battery-swap':
      box(-8, 7, 6, 4, 0, 7);
      break;
    case 'automated-gate': // a portal with a boom on either side
      for (const dv of [2.6, -2.6]) box(0, dv, 0.4, 0.4, 0, 6);
      box(0, 0, 0.5, 3, 6, 6.8);
      break;
    case 'nii-scanner': // a tunnel the vehicle drives through
      for (const dv of [3, -3]) box(-6, dv, 5, 0.6, 0, 7);
      box(-6, 0, 5, 3.6, 7, 8);
      break;
    case 'inspection-bay': // a shed beside the bay
      box(-8, 7, 10, 3.5, 0, 6);
      break;
  }
}
