/** Reconnect delays of the feed client. */

/** Delay before reconnect attempt `attempt` (0-based), ms: 0.5 s doubling up to 5 s. */
export function backoffMs(attempt: number): number {
  return Math.min(5_000, 500 * 2 ** Math.max(0, Math.min(attempt, 10)));
}
