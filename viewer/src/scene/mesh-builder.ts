/**
 * Builds one non-indexed BufferGeometry (positions, normals, vertex colours) from many flat
 * pieces, so that a whole layer of the map is one draw call. Inputs are map-frame metres
 * (x east, y north) and a height h; three.js gets (x, h, -y).
 */
import { BufferGeometry, Color, Float32BufferAttribute } from 'three';
import type { Pt } from '../model/polyline.ts';

type V3 = readonly [number, number, number];

/** Map frame (x, y) at height h → three.js coordinates. */
export function v3(x: number, y: number, h: number): V3 {
  return [x, h, -y];
}

export class MeshBuilder {
  private readonly pos: number[] = [];
  private readonly nor: number[] = [];
  private readonly col: number[] = [];

  get empty(): boolean {
    return this.pos.length === 0;
  }

  /** Triangle a, b, c; wound so that its front faces along `outward` (default: as given). */
  tri(a: V3, b: V3, c: V3, color: Color, outward?: V3): void {
    const ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
    const wx = c[0] - a[0], wy = c[1] - a[1], wz = c[2] - a[2];
    let nx = uy * wz - uz * wy;
    let ny = uz * wx - ux * wz;
    let nz = ux * wy - uy * wx;
    const len = Math.hypot(nx, ny, nz);
    if (len < 1e-12) return;
    nx /= len; ny /= len; nz /= len;
    let p = [a, b, c];
    if (outward && nx * outward[0] + ny * outward[1] + nz * outward[2] < 0) {
      p = [a, c, b];
      nx = -nx; ny = -ny; nz = -nz;
    }
    for (const v of p) {
      this.pos.push(v[0], v[1], v[2]);
      this.nor.push(nx, ny, nz);
      this.col.push(color.r, color.g, color.b);
    }
  }

  quad(a: V3, b: V3, c: V3, d: V3, color: Color, outward?: V3): void {
    this.tri(a, b, c, color, outward);
    this.tri(a, c, d, color, outward);
  }

  /** A flat strip at height h between two edges of equal length (a road ribbon), facing up. */
  ribbon(left: readonly Pt[], right: readonly Pt[], h: number, color: Color): void {
    for (let i = 1; i < left.length; i++) {
      const l0 = left[i - 1]!, l1 = left[i]!, r0 = right[i - 1]!, r1 = right[i]!;
      this.quad(v3(r0[0], r0[1], h), v3(r1[0], r1[1], h), v3(l1[0], l1[1], h), v3(l0[0], l0[1], h), color, UP);
    }
  }

  /** A flat convex polygon at height h, facing up. */
  flat(pts: readonly Pt[], h: number, color: Color): void {
    const o = pts[0]!;
    for (let i = 2; i < pts.length; i++) {
      const b = pts[i - 1]!, c = pts[i]!;
      this.tri(v3(o[0], o[1], h), v3(b[0], b[1], h), v3(c[0], c[1], h), color, UP);
    }
  }

  /**
   * A box standing on h0 up to h1, centred at (cx, cy) + its local offset (du along the heading,
   * dv to the left), halfL × halfW in plan. No bottom face: nothing looks at it from below.
   */
  box(cx: number, cy: number, heading: number, du: number, dv: number, halfL: number, halfW: number, h0: number, h1: number, color: Color): void {
    const c = Math.cos(heading), s = Math.sin(heading);
    const ox = cx + du * c - dv * s;
    const oy = cy + du * s + dv * c;
    const at = (u: number, v: number): Pt => [ox + u * c - v * s, oy + u * s + v * c];
    const ring = [at(-halfL, -halfW), at(halfL, -halfW), at(halfL, halfW), at(-halfL, halfW)];
    this.flat(ring, h1, color);
    for (let i = 0; i < 4; i++) {
      const p = ring[i]!, q = ring[(i + 1) % 4]!;
      const fx = (p[0] + q[0]) / 2, fy = (p[1] + q[1]) / 2;
      this.quad(v3(p[0], p[1], h0), v3(q[0], q[1], h0), v3(q[0], q[1], h1), v3(p[0], p[1], h1), color, v3(fx - ox, fy - oy, 0));
    }
  }

  build(): BufferGeometry {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(this.pos, 3));
    g.setAttribute('normal', new Float32BufferAttribute(this.nor, 3));
    g.setAttribute('color', new Float32BufferAttribute(this.col, 3));
    g.computeBoundingSphere();
    return g;
  }
}

export const UP: V3 = [0, 1, 0];
