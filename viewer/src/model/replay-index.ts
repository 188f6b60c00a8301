/**
 * Small pure helpers of the replay timeline: binary searches over ascending times and angle
 * interpolation by the shorter turn.
 */

/** A vehicle's order state from one order event on: what it carries and whether it has work. */
export interface CarryPoint {
  readonly t: number;
  readonly load: readonly string[];
  readonly busy: boolean;
}

/** Index of the last item whose key is ≤ `t` in `items` ascending by key; -1 when none. */
export function lastAtOrBefore<T>(items: readonly T[], t: number, key: (item: T) => number): number {
  let lo = 0, hi = items.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** How many of the ascending `times` are ≤ `t`. */
export function countUpTo(times: readonly number[], t: number): number {
  return lastAtOrBefore(times, t, (x) => x) + 1;
}

/** `b - a` wrapped to (-π, π], rad: the shorter turn from heading a to heading b. */
export function angleDelta(a: number, b: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  else if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/** The heading a fraction `f` (0…1) of the shorter turn from `a` to `b`, rad. */
export function lerpAngle(a: number, b: number, f: number): number {
  return a + angleDelta(a, b) * f;
}
