/**
 * The task module a sweep's worker threads load (through ts-worker.mjs): each task is one grid
 * point, answered with its outcome. The layouts' scenarios and maps arrive once, as worker data.
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { Scenario } from '../scenarios/scenario-schema.ts';
import type { SweepPoint } from './sweep-schema.ts';
import { runPoint, type PointOutcome } from './sweep-point.ts';

/** What every worker is given: the layouts by name, and the simulated hours per point. */
export interface SweepWorkerData {
  readonly layouts: readonly { readonly name: string; readonly scenario: Scenario; readonly map: IgvMap }[];
  readonly hours: number | undefined;
}

/** Returns the handler that runs one point; throws (an error row) for an unknown layout. */
export function createTaskHandler(data: SweepWorkerData): (p: SweepPoint) => PointOutcome {
  const byName = new Map(data.layouts.map((l) => [l.name, l]));
  return (p) => {
    const layout = byName.get(p.layout);
    if (!layout) throw new Error(`no layout [${p.layout}]`);
    return runPoint(layout.scenario, layout.map, p, data.hours);
  };
}
