/**
 * Runs a loaded sweep: expands the grid, hands the points to a pool of worker threads and turns
 * their outcomes into rows in grid order, then picks the configuration to recommend. The rows do
 * not depend on the number of workers.
 */
import type { LoadedLayout } from './load-sweep.ts';
import type { Sweep } from './sweep-schema.ts';
import type { SweepWorkerData } from './sweep-worker.ts';
import type { PointOutcome } from './sweep-point.ts';
import { expandGrid, type SkippedCranes } from './sweep-grid.ts';
import { makeRow, type SweepRow } from './sweep-rows.ts';
import { selectConfig, type Selection } from './sweep-select.ts';
import { runPool } from './worker-pool.ts';

const WORKER_MODULE = new URL('./sweep-worker.ts', import.meta.url).href;

export interface SweepRunOptions {
  readonly sweep: Sweep;
  readonly layouts: readonly LoadedLayout[];
  /** Worker threads, ≥ 1. */
  readonly workers: number;
  /** Overrides the sweep's hours per point. */
  readonly hours?: number;
  /** Called once the grid is expanded, before any point runs, with the number of points. */
  readonly onStart?: (total: number) => void;
  /** Called on the main thread as each point finishes: points done so far, and the total. */
  readonly onPoint?: (done: number, total: number, row: SweepRow) => void;
}

export interface SweepRun {
  /** Simulated hours per point (undefined: each scenario's own duration). */
  readonly hours: number | undefined;
  readonly rows: readonly SweepRow[];
  readonly skipped: readonly SkippedCranes[];
  readonly selection: Selection;
}

/** Runs every point of the grid; resolves once all have finished or failed. */
export async function runSweep(o: SweepRunOptions): Promise<SweepRun> {
  const { sweep } = o;
  const hours = o.hours ?? sweep.hours;
  const { points, skipped } = expandGrid(sweep, o.layouts);
  const data: SweepWorkerData = { layouts: o.layouts.map((l) => ({ name: l.name, scenario: l.scenario, map: l.map })), hours };
  o.onStart?.(points.length);
  let done = 0;
  const outcomes = await runPool<(typeof points)[number], PointOutcome>({
    module: WORKER_MODULE,
    data,
    tasks: points,
    workers: o.workers,
    onSettled: (index, outcome) => {
      done++;
      const point = points[index]!;
      const row = makeRow(point, outcome.ok ? { ok: true, value: outcome.value as PointOutcome } : outcome, sweep.costs, sweep.target);
      o.onPoint?.(done, points.length, row);
    },
  });
  const rows = outcomes.map((outcome, i) => makeRow(points[i]!, outcome, sweep.costs, sweep.target));
  return { hours, rows, skipped, selection: selectConfig(rows) };
}
