import { describe, expect, it } from 'vitest';
import { PoseInterpolator, SNAP_DISTANCE_M, angleDelta } from '../../viewer/src/model/pose-interpolator.ts';
import type { VehicleDraw } from '../../viewer/src/model/view-types.ts';

function draw(id: string, x: number, y: number, heading = 0): VehicleDraw {
  return { id, x, y, heading, lengthM: 15.6, widthM: 3, look: 'driving', cargo: null };
}

describe('given headings on both sides of ±π', () => {
  it('turns along the shorter arc when the angle wraps', () => {
    expect(angleDelta(3, -3)).toBeCloseTo(2 * Math.PI - 6, 12);
    expect(angleDelta(-3, 3)).toBeCloseTo(6 - 2 * Math.PI, 12);
    expect(angleDelta(0.1, 0.3)).toBeCloseTo(0.2, 12);
    expect(angleDelta(0, 7 * Math.PI)).toBeCloseTo(Math.PI, 12);
  });
});

describe('given updates every 200 ms', () => {
  function steady() {
    const ip = new PoseInterpolator();
    for (let k = 0; k < 20; k++) ip.update([draw('A', k * 0.5, 0)], k * 200);
    return ip;
  }

  it('learns the interval and glides from the drawn pose to the new one over it', () => {
    const ip = steady();
    expect(ip.interval).toBeCloseTo(200, 0);
    const t0 = 19 * 200;
    ip.update([draw('A', 20, 0)], t0 + 200);
    const p = ip.poseOf('A', t0 + 200)!;
    expect(p.x).toBeCloseTo(9.5, 3); // starts where it was drawn, no jump
    expect(ip.poseOf('A', t0 + 200 + ip.interval / 2)!.x).toBeCloseTo((p.x + 20) / 2, 6);
    expect(ip.poseOf('A', t0 + 200 + ip.interval)!.x).toBe(20);
    expect(ip.moving(t0 + 250)).toBe(true);
    expect(ip.moving(t0 + 200 + ip.interval + 1)).toBe(false);
  });

  it('turns the heading across ±π the short way', () => {
    const ip = steady();
    ip.update([draw('A', 9.5, 0, 3)], 4000);
    ip.update([draw('A', 9.5, 0, -3)], 4200);
    const mid = ip.poseOf('A', 4200 + ip.interval / 2)!.heading;
    expect(Math.abs(mid)).toBeGreaterThan(3); // passes through π, not through 0
  });

  it('places new vehicles and long jumps at once, and forgets vehicles that left', () => {
    const ip = steady();
    ip.update([draw('A', 9.5 + SNAP_DISTANCE_M + 1, 0), draw('B', 5, 5)], 4000);
    expect(ip.poseOf('A', 4000)!.x).toBe(9.5 + SNAP_DISTANCE_M + 1);
    expect(ip.poseOf('B', 4000)).toEqual({ x: 5, y: 5, heading: 0 });
    expect(ip.moving(4000)).toBe(false);
    ip.update([draw('B', 6, 5)], 4200);
    expect(ip.poseOf('A', 4200)).toBeNull();
    expect(ip.slotOf('B')).toBe(0);
    expect(ip.size).toBe(1);
  });

  it('keeps every vehicle of a large fleet on its own track', () => {
    const ip = new PoseInterpolator();
    const n = 500;
    ip.update(Array.from({ length: n }, (_, i) => draw(`V${i}`, i, 2 * i)), 0);
    ip.update(Array.from({ length: n }, (_, i) => draw(`V${i}`, i + 1, 2 * i)), 250);
    const out = { x: 0, y: 0, heading: 0 };
    for (let i = 0; i < n; i++) {
      ip.sample(i, 250 + ip.interval / 2, out);
      expect(out).toEqual({ x: i + 0.5, y: 2 * i, heading: 0 });
    }
  });
});
