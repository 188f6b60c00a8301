/**
 * Capacity search (domain/facts.md §7.2): the largest demand multiplier at which a model is still
 * stable, found by bisection. The model is a black box `evaluate(multiplier)` that runs at
 * `multiplier × base demand` and says whether the queue stayed stable and what it delivered.
 *
 * Bisection assumes stability is monotone in the multiplier (stable below capacity, unstable
 * above). A noisy model can break that near capacity; the search still ends, and the bracket it
 * returns is always a stable point and an unstable point that were actually observed.
 */

/** What one model run at a given demand multiplier reports. */
export interface Evaluation {
  stable: boolean;
  /** Measured deliveries per simulated day in that run (not multiplier × demand). */
  throughputPerDay: number;
  /** Anything the caller wants back for the run at capacity (KPIs, the stability reason…). */
  detail?: unknown;
}

/** One evaluation as recorded in the result, in the order it was made. */
export interface EvaluationRecord {
  multiplier: number;
  stable: boolean;
  throughputPerDay: number;
}

export type SearchPhase = 'check-lo' | 'widen' | 'bisect';

/** Passed to `onProgress` after every evaluation. */
export interface SearchProgress {
  phase: SearchPhase;
  record: EvaluationRecord;
  /** Evaluations made so far, this one included. */
  evaluationsUsed: number;
  bracket: Bracket;
}

/** [largest multiplier seen stable, smallest seen unstable]; null where none was seen. */
export type Bracket = [stable: number | null, unstable: number | null];

/**
 * `converged`: bracket narrower than the tolerance. `budget-spent`: evaluations ran out first.
 * `below-range`: even `lo` is unstable. `above-cap`: still stable at `maxHi`.
 */
export type SearchStatus = 'converged' | 'budget-spent' | 'below-range' | 'above-cap';

export interface SearchOptions {
  /** Smallest multiplier tried; must be > 0. Checked first. */
  lo: number;
  /** First upper guess; doubled (up to `maxHi`) until a run is unstable. Must be > lo. */
  hi: number;
  /** Stop when (unstable − stable) / stable ≤ tolerance (relative, e.g. 0.01 for 1 %). */
  tolerance: number;
  /** Hard budget of `evaluate` calls, ≥ 1. */
  maxEvaluations: number;
  /** Cap for the widening; default 64 × hi. */
  maxHi?: number;
  onProgress?: (progress: SearchProgress) => void;
}

export interface CapacityResult {
  status: SearchStatus;
  converged: boolean;
  /** Largest multiplier seen stable; null when none was (below-range, or budget spent at once). */
  multiplier: number | null;
  /** Measured throughput of the run at `multiplier`, per day; null with it. */
  throughputPerDay: number | null;
  /** `detail` of the run at `multiplier`, as `evaluate` returned it. */
  detail?: unknown;
  bracket: Bracket;
  evaluations: EvaluationRecord[];
  /** One or two sentences a planner can read. */
  note: string;
}

/**
 * Finds the largest stable demand multiplier of `evaluate` in at most `opts.maxEvaluations` calls,
 * made one at a time in a fixed order, so the result is deterministic when `evaluate` is.
 * Throws RangeError on invalid options (lo ≤ 0, hi ≤ lo, tolerance ≤ 0, budget < 1).
 */
export async function searchCapacity(
  evaluate: (multiplier: number) => Promise<Evaluation> | Evaluation,
  opts: SearchOptions,
): Promise<CapacityResult> {
  const { lo, hi, tolerance, maxEvaluations } = opts;
  const maxHi = opts.maxHi ?? hi * 64;
  if (!(lo > 0) || !(hi > lo) || !(maxHi >= hi) || !(tolerance > 0) || !(Number.isInteger(maxEvaluations) && maxEvaluations >= 1)) {
    throw new RangeError(
      `[capacity-search] invalid options [lo=${lo} hi=${hi} maxHi=${maxHi} tolerance=${tolerance} maxEvaluations=${maxEvaluations}]`,
    );
  }
  const evaluations: EvaluationRecord[] = [];
  // A holder object, not two `let`s: TS does not see assignments made inside `run`.
  const seen: { best: StablePoint | null; unstableAt: number | null } = { best: null, unstableAt: null };
  const bracket = (): Bracket => [seen.best?.multiplier ?? null, seen.unstableAt];

  const run = async (multiplier: number, phase: SearchPhase): Promise<void> => {
    const e = await evaluate(multiplier);
    const record = { multiplier, stable: e.stable, throughputPerDay: e.throughputPerDay };
    evaluations.push(record);
    const { best, unstableAt } = seen;
    // NOTE: a noisy model may report stable above an unstable point; only points inside the
    // bracket move it, so it stays ordered.
    if (e.stable && (best === null || multiplier > best.multiplier) && (unstableAt === null || multiplier < unstableAt)) {
      seen.best = { multiplier, throughputPerDay: e.throughputPerDay, detail: e.detail };
    } else if (!e.stable && (unstableAt === null || multiplier < unstableAt)) {
      seen.unstableAt = multiplier;
    }
    opts.onProgress?.({ phase, record, evaluationsUsed: evaluations.length, bracket: bracket() });
  };
  const finish = (status: SearchStatus, note: string): CapacityResult => ({
    status,
    converged: status === 'converged',
    multiplier: seen.best?.multiplier ?? null,
    throughputPerDay: seen.best?.throughputPerDay ?? null,
    ...(seen.best?.detail !== undefined ? { detail: seen.best.detail } : {}),
    bracket: bracket(),
    evaluations,
    note,
  });
  const budgetLeft = () => evaluations.length < maxEvaluations;

  await run(lo, 'check-lo');
  const atLo = seen.best;
  if (atLo === null) {
    return finish('below-range', `unstable already at the lowest multiplier ${fmt(lo)}: capacity is below the searched range; lower lo`);
  }
  // Widen until something is unstable: bisection needs both ends.
  for (let probe = hi; seen.unstableAt === null; probe = Math.min(probe * 2, maxHi)) {
    if (!budgetLeft()) {
      const m = seen.best?.multiplier ?? lo;
      return finish('budget-spent', `budget of ${maxEvaluations} evaluation(s) spent before any unstable multiplier was found; capacity is at least ${fmt(m)}× base demand`);
    }
    await run(probe, 'widen');
    if (seen.unstableAt === null && probe >= maxHi) {
      return finish('above-cap', `still stable at the cap ${fmt(maxHi)}× base demand: capacity is above the searched range; raise maxHi`);
    }
  }
  let best = seen.best ?? atLo;
  let unstableAt = seen.unstableAt ?? maxHi;
  while (relWidth(best.multiplier, unstableAt) > tolerance && budgetLeft()) {
    await run((best.multiplier + unstableAt) / 2, 'bisect');
    best = seen.best ?? atLo;
    unstableAt = seen.unstableAt ?? maxHi;
  }
  const width = relWidth(best.multiplier, unstableAt);
  const found =
    `capacity ≈ ${fmt(best.multiplier)}× base demand (${fmt(best.throughputPerDay)}/day delivered at that load), ` +
    `stable at ${fmt(best.multiplier)} and unstable at ${fmt(unstableAt)}`;
  return width <= tolerance
    ? finish('converged', `${found}: bracket within ${pct(width)} after ${evaluations.length} evaluations`)
    : finish('budget-spent', `${found}: bracket still ${pct(width)} wide (wanted ${pct(tolerance)}) when the budget of ${maxEvaluations} evaluations ran out`);
}

interface StablePoint {
  multiplier: number;
  throughputPerDay: number;
  detail?: unknown;
}

function relWidth(stable: number, unstable: number): number {
  return (unstable - stable) / stable;
}

function fmt(x: number): string {
  if (Number.isInteger(x) || Math.abs(x) >= 1000) return String(Math.round(x));
  return x.toPrecision(4);
}

function pct(fraction: number): string {
  return `${(fraction * 100).toPrecision(2)} %`;
}
