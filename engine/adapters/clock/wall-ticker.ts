/**
 * The wall clock that drives the live gate: one tick every `tickMs / timeScale` wall ms, on a
 * schedule computed from the start time (so timer jitter never accumulates into drift). When
 * the process falls behind (a long GC pause, a busy machine) it runs the missed ticks back to back,
 * at most `maxCatchUp` at a time, so engine time keeps pace with the wall clock.
 */
export interface WallTicker {
  stop(): void;
  /** Ticks run so far by this ticker. */
  ticks(): number;
}

export interface WallTickerOptions {
  readonly tickMs: number;
  /** Engine ms per wall ms (1 = real time). */
  readonly timeScale?: number;
  readonly maxCatchUp?: number;
  /** Runs one tick; may return a promise (the next tick waits for it). */
  readonly onTick: () => void | Promise<void>;
  readonly onError?: (err: unknown) => void;
  readonly now?: () => number;
}

export function startWallTicker(options: WallTickerOptions): WallTicker {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.tickMs / (options.timeScale ?? 1);
  const maxCatchUp = options.maxCatchUp ?? 50;
  const start = now();
  let done = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function loop(): Promise<void> {
    if (stopped) return;
    const due = Math.floor((now() - start) / intervalMs);
    let ran = 0;
    while (!stopped && done < due && ran < maxCatchUp) {
      try {
        await options.onTick();
      } catch (err) {
        options.onError?.(err);
      }
      done++;
      ran++;
    }
    if (stopped) return;
    // Behind by more than the catch-up budget: let go of the missed ticks rather than spin.
    if (done < due - maxCatchUp) done = due;
    const wait = Math.max(0, start + (done + 1) * intervalMs - now());
    timer = setTimeout(() => void loop(), wait);
  }

  timer = setTimeout(() => void loop(), intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    ticks: () => done,
  };
}
