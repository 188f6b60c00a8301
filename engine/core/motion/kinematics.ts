/**
 * Longitudinal kinematics shared by the engine (to know what a vehicle can do) and by virtual
 * vehicles (to drive). Pure integer arithmetic on mm, mm/s, mm/s² and ms.
 *
 * The speed rule is discrete-time safe: a vehicle that drives one tick at speed v and then brakes
 * at the service rate b stops within the room it has: v·dt + v²/(2b) ≤ room. Solving for v gives
 * v ≤ −b·dt + √((b·dt)² + 2·b·room). The same bound with a target speed at a distance keeps it
 * under the speed limit of a slower lane ahead. Braking at the service rate always stays within
 * the bound if it held on the previous tick, so a vehicle never needs its emergency brake unless
 * its room shrinks under it (an emergency stop or a breakdown).
 */

export interface SpeedConstraint {
  /** Distance from the nose to where the constraint starts, mm (≥ 0). */
  readonly atMm: number;
  /** Highest speed allowed from there on, mm/s (0 = stop there). */
  readonly speedMmps: number;
}

export interface SpeedInput {
  /** Current speed, mm/s. */
  readonly speedMmps: number;
  /** Top speed right now (vehicle maximum and the speed limit where the nose is), mm/s. */
  readonly capMmps: number;
  readonly accelMmps2: number;
  readonly brakeMmps2: number;
  readonly dtMs: number;
  /** Stop points and slower stretches ahead. */
  readonly ahead: readonly SpeedConstraint[];
}

/** Highest speed with which the vehicle may start a tick `atMm` before a point it must pass at ≤ `speedMmps`. */
export function safeSpeedMmps(atMm: number, speedMmps: number, brakeMmps2: number, dtMs: number): number {
  const bdt = (brakeMmps2 * dtMs) / 1000;
  const v = -bdt + Math.sqrt(bdt * bdt + 2 * brakeMmps2 * Math.max(0, atMm) + speedMmps * speedMmps);
  return Math.max(0, Math.floor(v));
}

/** The speed to drive during the next tick, mm/s (integer, never negative). */
export function nextSpeedMmps(input: SpeedInput): number {
  const { speedMmps, capMmps, accelMmps2, brakeMmps2, dtMs } = input;
  let v = Math.min(capMmps, speedMmps + Math.floor((accelMmps2 * dtMs) / 1000));
  for (const c of input.ahead) v = Math.min(v, safeSpeedMmps(c.atMm, c.speedMmps, brakeMmps2, dtMs));
  // Never brake harder than the service brake unless the bound demands it (then the bound wins:
  // it means the room shrank, and stopping short is the only safe answer).
  return Math.max(0, v);
}

/** Distance covered in one tick at `speedMmps`, mm, never beyond `roomMm`. */
export function travelMm(speedMmps: number, dtMs: number, roomMm: number): number {
  return Math.max(0, Math.min(Math.floor((speedMmps * dtMs) / 1000), Math.floor(roomMm)));
}

/** Distance needed to stop from `speedMmps` at `brakeMmps2`, mm. */
export function stoppingDistanceMm(speedMmps: number, brakeMmps2: number): number {
  return Math.ceil((speedMmps * speedMmps) / (2 * brakeMmps2));
}

/** Speed after one tick of emergency braking, mm/s. */
export function emergencyBrakeMmps(speedMmps: number, emergencyMmps2: number, dtMs: number): number {
  return Math.max(0, speedMmps - Math.ceil((emergencyMmps2 * dtMs) / 1000));
}
