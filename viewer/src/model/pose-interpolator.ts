/**
 * Smooth vehicle motion between feed updates: each vehicle glides from where it is drawn now to
 * its newly reported pose over about one update interval (position linear, heading along the
 * shorter arc). Pure and allocation-free per frame: poses live in typed arrays by slot, the
 * slot being the vehicle's index in the latest list.
 */
import type { VehicleDraw } from './view-types.ts';

export interface Pose {
  x: number;
  y: number;
  heading: number;
}

/** Signed smallest rotation from `from` to `to`, rad, in (-π, π]. */
export function angleDelta(from: number, to: number): number {
  const TAU = Math.PI * 2;
  let d = (to - from) % TAU;
  if (d <= -Math.PI) d += TAU;
  else if (d > Math.PI) d -= TAU;
  return d;
}

/** A jump longer than this (m) is drawn as a jump: a vehicle placed or moved by hand. */
export const SNAP_DISTANCE_M = 60;

export class PoseInterpolator {
  private ids: string[] = [];
  private slots = new Map<string, number>();
  private cur = new Float64Array(0); // per slot: fromX, fromY, fromH, toX, toY, toH, t0, duration
  private spare = new Float64Array(0);
  private lastAtMs: number | null = null;
  private intervalMs = 250;
  private list: readonly VehicleDraw[] = [];
  private endMs = -Infinity;

  /** The latest list, in slot order. */
  get draws(): readonly VehicleDraw[] {
    return this.list;
  }

  /** Estimated time between updates, ms: how long each glide lasts. */
  get interval(): number {
    return this.intervalMs;
  }

  slotOf(id: string): number {
    return this.slots.get(id) ?? -1;
  }

  /** True while some vehicle is still gliding at `nowMs`. */
  moving(nowMs: number): boolean {
    return nowMs < this.endMs;
  }

  /** Takes a new list that arrived at `atMs` (ms, the same clock as `sample`). */
  update(list: readonly VehicleDraw[], atMs: number): void {
    if (this.lastAtMs !== null) {
      const dt = atMs - this.lastAtMs;
      if (dt > 0 && dt < 2000) this.intervalMs = Math.min(1000, Math.max(16, this.intervalMs * 0.6 + dt * 0.4));
    }
    this.lastAtMs = atMs;
    const need = list.length * 8;
    if (this.spare.length < need) this.spare = new Float64Array(Math.max(need, this.spare.length * 2));
    const next = this.spare;
    const nextSlots = new Map<string, number>();
    const nextIds: string[] = new Array<string>(list.length);
    const at: Pose = { x: 0, y: 0, heading: 0 };
    let endMs = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      nextIds[i] = d.id;
      nextSlots.set(d.id, i);
      const o = i * 8;
      const old = this.slots.get(d.id);
      let glide = false;
      if (old !== undefined) {
        this.sample(old, atMs, at);
        glide = Math.hypot(d.x - at.x, d.y - at.y) <= SNAP_DISTANCE_M;
      }
      if (glide) {
        next[o] = at.x;
        next[o + 1] = at.y;
        next[o + 2] = at.heading;
        next[o + 7] = this.intervalMs;
        endMs = Math.max(endMs, atMs + this.intervalMs);
      } else {
        next[o] = d.x;
        next[o + 1] = d.y;
        next[o + 2] = d.heading;
        next[o + 7] = 0;
      }
      next[o + 3] = d.x;
      next[o + 4] = d.y;
      next[o + 5] = d.heading;
      next[o + 6] = atMs;
    }
    this.spare = this.cur;
    this.cur = next;
    this.slots = nextSlots;
    this.ids = nextIds;
    this.list = list;
    this.endMs = endMs;
  }

  /** Drawn pose of slot `i` at `nowMs`, written into `out` (and returned). */
  sample(i: number, nowMs: number, out: Pose): Pose {
    const c = this.cur;
    const o = i * 8;
    const dur = c[o + 7]!;
    const t = dur <= 0 ? 1 : Math.min(1, Math.max(0, (nowMs - c[o + 6]!) / dur));
    if (t >= 1) {
      out.x = c[o + 3]!;
      out.y = c[o + 4]!;
      out.heading = c[o + 5]!;
      return out;
    }
    const fx = c[o]!;
    const fy = c[o + 1]!;
    const fh = c[o + 2]!;
    out.x = fx + (c[o + 3]! - fx) * t;
    out.y = fy + (c[o + 4]! - fy) * t;
    out.heading = fh + angleDelta(fh, c[o + 5]!) * t;
    return out;
  }

  /** Drawn pose of vehicle `id`, or null when it is not in the latest list. */
  poseOf(id: string, nowMs: number): Pose | null {
    const i = this.slots.get(id);
    return i === undefined ? null : this.sample(i, nowMs, { x: 0, y: 0, heading: 0 });
  }

  get size(): number {
    return this.ids.length;
  }
}
