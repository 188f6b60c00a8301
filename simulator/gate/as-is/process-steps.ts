/**
 * The as-is process of one direction as an ordered list of steps, and each truck's plan through
 * it: which optional steps it visits and how long each service takes. Staffed steps serve only
 * while the calendar says open; the bridge crossing is unstaffed and runs at any hour.
 */
import { isPerishable, type Direction } from '../../../engine/core/model/order.ts';
import type { TruckArrival } from '../demand/truck-demand.ts';
import type { AsIsParams } from './as-is-params.ts';
import type { Draws } from './service-draws.ts';

/** The steps in the order a truck meets them: exporting side, bridge, far (importing) side. */
export const STEP_NAMES = ['declaration', 'documentCheck', 'inspection', 'quarantine', 'crossing', 'farSideAcceptance', 'farSideInspection'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Staffed steps, the ones with a finite server count and a utilisation. */
export const STAFFED_STEPS = STEP_NAMES.filter((s) => s !== 'crossing') as ReadonlyArray<Exclude<StepName, 'crossing'>>;
export type StaffedStep = (typeof STAFFED_STEPS)[number];

export interface StepSpec {
  readonly name: StepName;
  /** Parallel servers; Infinity for the unstaffed crossing. */
  readonly servers: number;
  /** Serves only while the calendar says open (a service in progress at closing finishes). */
  readonly staffed: boolean;
}

/** The steps of `direction` with their server counts, in STEP_NAMES order. */
export function stepSpecs(params: AsIsParams, direction: Direction): StepSpec[] {
  const s = params.staffing[direction];
  const servers: Record<StepName, number> = {
    declaration: s.declarationDesks,
    documentCheck: s.documentOfficers,
    inspection: s.inspectionTeams,
    quarantine: s.quarantineTeams,
    crossing: Number.POSITIVE_INFINITY,
    farSideAcceptance: s.farSideDesks,
    farSideInspection: s.farSideInspectionTeams,
  };
  return STEP_NAMES.map((name) => ({ name, servers: servers[name], staffed: name !== 'crossing' }));
}

/**
 * A truck's service time at each step, ms, in STEP_NAMES order; `null` where it skips the step.
 * Every draw is made whatever the outcome (common random numbers): changing a probability or a
 * range changes this truck only, not the draws of the trucks after it.
 */
export function planTruck(params: AsIsParams, truck: TruckArrival, draws: Draws): Array<number | null> {
  const firstTime = draws.chance(params.firstTimeShare);
  const declarationFirst = draws.duration(params.firstTimeDeclarationMs);
  const declarationRepeat = draws.duration(params.declarationMs);
  const documentCheck = draws.duration(params.documentCheckMs);
  const inspected = draws.chance(params.inspectionProbability);
  const inspection = draws.duration(params.inspectionMs);
  const sampled = draws.chance(params.quarantineProbability) && isPerishable(truck.goods);
  const quarantine = draws.duration(params.quarantineMs);
  const crossing = draws.duration(params.crossingMs);
  const acceptance = draws.duration(params.farSideAcceptanceMs);
  const farInspected = draws.chance(params.farSideInspectionProbability);
  const farInspection = draws.duration(params.inspectionMs);
  return [
    firstTime ? declarationFirst : declarationRepeat,
    documentCheck,
    inspected ? inspection : null,
    sampled ? quarantine : null,
    crossing,
    acceptance,
    farInspected ? farInspection : null,
  ];
}
