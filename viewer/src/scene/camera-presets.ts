/**
 * Camera presets computed from the map geometry: a region of the map, seen from a direction at
 * an elevation, from the nearest distance at which the whole region fits the current viewport.
 */
import { PerspectiveCamera, Vector3 } from 'three';
import type { CameraPreset } from '../model/view-types.ts';
import type { MapGeometry } from '../model/map-geometry.ts';
import type { Box, Pt } from '../model/polyline.ts';

export interface CameraView {
  position: Vector3;
  target: Vector3;
}

interface Shot {
  region: Pt[];
  /** Map-frame direction from the target towards the camera (need not be unit). */
  from: Pt;
  /** Elevation of the camera above the ground plane, rad. */
  elevation: number;
}

const FIT_NDC = 0.9;

function corners(b: Box): Pt[] {
  return [[b.minX, b.minY], [b.maxX, b.minY], [b.maxX, b.maxY], [b.minX, b.maxY]];
}

function shotOf(p: CameraPreset, geo: MapGeometry): Shot {
  const overview: Shot = { region: corners(geo.bounds), from: [0, -1], elevation: (58 * Math.PI) / 180 };
  switch (p) {
    case 'overview':
      return overview;
    case 'bridge': {
      const q = geo.bridge;
      if (!q) return overview;
      const c = Math.cos(q.heading), s = Math.sin(q.heading);
      const at = (u: number, v: number): Pt => [q.cx + u * c - v * s, q.cy + u * s + v * c];
      const hl = q.halfLength + 20, hw = q.halfWidth + 40;
      // From the right of the deck, turned a little towards its start, low enough to see the river.
      const side: Pt = [s - 0.2 * c, -c - 0.2 * s];
      return { region: [at(-hl, -hw), at(hl, -hw), at(hl, hw), at(-hl, hw)], from: side, elevation: (38 * Math.PI) / 180 };
    }
    case 'vn-yard':
    case 'cn-yard': {
      const y = p === 'vn-yard' ? geo.yards.VN : geo.yards.CN;
      return y ? { region: corners(y), from: [0, -1], elevation: (55 * Math.PI) / 180 } : overview;
    }
  }
}

const scratch = new PerspectiveCamera();
const v = new Vector3();

/** Where to put the camera for preset `p`, for a camera with `camera`'s fov and aspect. */
export function presetView(p: CameraPreset, geo: MapGeometry, camera: PerspectiveCamera): CameraView {
  const shot = shotOf(p, geo);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of shot.region) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const target = new Vector3((minX + maxX) / 2, 0, -(minY + maxY) / 2);
  const fl = Math.hypot(shot.from[0], shot.from[1]) || 1;
  const ce = Math.cos(shot.elevation);
  const dir = new Vector3((shot.from[0] / fl) * ce, Math.sin(shot.elevation), (-shot.from[1] / fl) * ce);
  scratch.fov = camera.fov;
  scratch.aspect = camera.aspect;
  scratch.near = camera.near;
  scratch.far = camera.far;
  scratch.updateProjectionMatrix();
  const fits = (d: number): boolean => {
    scratch.position.copy(target).addScaledVector(dir, d);
    scratch.lookAt(target);
    scratch.updateMatrixWorld(true);
    for (const [x, y] of shot.region) {
      v.set(x, 0, -y).project(scratch);
      if (v.z > 1 || Math.abs(v.x) > FIT_NDC || Math.abs(v.y) > FIT_NDC) return false;
    }
    return true;
  };
  let lo = 10, hi = 40_000;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return { position: target.clone().addScaledVector(dir, hi), target };
}
