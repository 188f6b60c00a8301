/**
 * The replay's play head, pure: where it is, whether it plays, how fast; the page calls `advance`
 * once per animation frame with the wall time that passed.
 */

export const REPLAY_SPEEDS = [1, 5, 10, 30, 60, 120, 300, 600] as const;

export interface ReplayClock {
  readonly startMs: number;
  readonly endMs: number;
  /** Engine time shown, ms. */
  readonly tMs: number;
  readonly playing: boolean;
  /** Engine ms per wall ms. */
  readonly speed: number;
}

export function replayClock(startMs: number, endMs: number, speed = 60): ReplayClock {
  return { startMs, endMs, tMs: startMs, playing: false, speed };
}

/** The clock `wallMs` of wall time later; it stops at the end. */
export function advance(c: ReplayClock, wallMs: number): ReplayClock {
  if (!c.playing || wallMs <= 0) return c;
  const t = Math.min(c.endMs, c.tMs + wallMs * c.speed);
  return { ...c, tMs: t, playing: t < c.endMs };
}

/** Jumps to `tMs` (clamped to the recording). */
export function seek(c: ReplayClock, tMs: number): ReplayClock {
  return { ...c, tMs: Math.min(c.endMs, Math.max(c.startMs, tMs)) };
}

/** Plays (from the start again when at the end) or pauses. */
export function setPlaying(c: ReplayClock, on: boolean): ReplayClock {
  if (!on) return { ...c, playing: false };
  return { ...c, playing: true, tMs: c.tMs >= c.endMs ? c.startMs : c.tMs };
}

/** Sets the speed, clamped to 1…600. */
export function setSpeed(c: ReplayClock, speed: number): ReplayClock {
  return { ...c, speed: Math.min(600, Math.max(1, Number.isFinite(speed) ? speed : 1)) };
}
