import { describe, expect, it } from 'vitest';
import { nextSpeedMmps, safeSpeedMmps, stoppingDistanceMm, travelMm } from '../../engine/core/motion/kinematics.ts';

const spec = { accelMmps2: 650, brakeMmps2: 750, capMmps: 8_333 };

function driveTo(roomMm: number, dtMs: number, start = 0) {
  let v = start;
  let s = 0;
  let maxDecel = 0;
  for (let i = 0; i < 10_000; i++) {
    const next = nextSpeedMmps({ speedMmps: v, ...spec, dtMs, ahead: [{ atMm: roomMm - s, speedMmps: 0 }] });
    maxDecel = Math.max(maxDecel, ((v - next) * 1000) / dtMs);
    v = next;
    s += travelMm(v, dtMs, roomMm - s);
    if (v === 0 && i > 0) break;
  }
  return { s, maxDecel };
}

describe('given the discrete-time speed rule', () => {
  it('never passes the end of the room and stops close to it when driving up to a stop', () => {
    for (const dt of [100, 500, 1000]) {
      for (const room of [5_000, 40_000, 300_000]) {
        const { s } = driveTo(room, dt);
        expect(s).toBeLessThanOrEqual(room);
        expect(room - s).toBeLessThan(3_000);
      }
    }
  });
  it('needs no more than the service brake when the room does not shrink', () => {
    const { maxDecel } = driveTo(300_000, 500);
    expect(maxDecel).toBeLessThanOrEqual(spec.brakeMmps2 + 2);
  });
  it('obeys the cap and the acceleration limit when starting from rest', () => {
    const v1 = nextSpeedMmps({ speedMmps: 0, ...spec, dtMs: 1000, ahead: [] });
    expect(v1).toBe(650);
    const vmax = nextSpeedMmps({ speedMmps: 8_300, ...spec, dtMs: 1000, ahead: [] });
    expect(vmax).toBe(8_333);
  });
  it('slows down in time for a slower lane ahead', () => {
    const v = safeSpeedMmps(10_000, 1_389, 750, 1000);
    // one tick at v, then braking at 0.75 m/s² must reach 1.389 m/s within 10 m
    const d = (v * 1000) / 1000 + (v * v - 1_389 * 1_389) / (2 * 750);
    expect(d).toBeLessThanOrEqual(10_000);
  });
  it('computes stopping distance in mm', () => {
    expect(stoppingDistanceMm(7_500, 750)).toBe(37_500);
  });
});
