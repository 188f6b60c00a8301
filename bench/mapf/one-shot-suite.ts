/**
 * One-shot MAPF suite (scripted runs): every (map, N, scenario) instance solved by `igv mapf` in
 * its own child process with the solver's own deadline (--time-limit-ms, polled through the
 * planner's shouldStop) and a hard kill shortly after it; each solution is then checked by the
 * independent validator (../shared/tools/check-mapf.mjs) and counts only if it exits 0. Sum of
 * costs and makespan are the validator's recomputed figures, not the solver's own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, runTs } from './child-run.ts';
import { CHECK_MAPF, LACAM3, mapFile, scenFile, type LacamReference, type MapName } from './instances.ts';

export interface OneShotCase {
  readonly map: MapName;
  readonly agents: number;
  readonly scen: number;
}

export interface OneShotRun extends OneShotCase {
  /** The solver says solved. */
  readonly solved: boolean;
  /** Solved and check-mapf exited 0: the only runs that count. */
  readonly valid: boolean;
  /** 'solved', 'stopped' (time limit), 'unsolvable', 'limit', 'killed', 'invalid' or 'error'. */
  readonly outcome: string;
  /** Solver time (runtimeMs of the igv-mapf/1 document: distance tables, guide paths, search), ms. */
  readonly runtimeMs: number;
  /** Whole child process (start-up, loading, solve, writing the JSON), ms. */
  readonly processMs: number;
  /** From check-mapf (valid runs), else 0. */
  readonly sumOfCosts: number;
  readonly makespan: number;
  readonly lbSumOfCosts: number;
  readonly lbMakespan: number;
  readonly note?: string;
}

export interface OneShotRow {
  readonly map: MapName;
  readonly agents: number;
  readonly runs: number;
  readonly valid: number;
  /** Over all runs; a failed run counts with the time it took (≈ the limit). */
  readonly medianMs: number;
  readonly maxMs: number;
  /** Means over the valid runs; NaN when none. */
  readonly socOverLb: number;
  readonly makespanOverLb: number;
  readonly reference: LacamReference | null;
}

export interface OneShotOptions {
  readonly timeLimitMs: number;
  readonly seed: number;
  /** Keep solution files in this directory (default: a temporary one, removed at the end). */
  readonly keepDir?: string;
  readonly onRun?: (run: OneShotRun, done: number, total: number) => void;
}

interface SolutionDoc {
  solved: boolean;
  runtimeMs: number;
  reason: string;
  lowerBounds: { sumOfCosts: number; makespan: number };
}

export async function runOneShotSuite(cases: readonly OneShotCase[], o: OneShotOptions): Promise<OneShotRun[]> {
  const dir = o.keepDir ?? mkdtempSync(join(tmpdir(), 'mapf-bench-'));
  const runs: OneShotRun[] = [];
  try {
    for (const c of cases) {
      const run = await runCase(c, o, join(dir, `${c.map}-${c.agents}-random-${c.scen}.json`));
      runs.push(run);
      o.onRun?.(run, runs.length, cases.length);
    }
  } finally {
    if (o.keepDir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}

async function runCase(c: OneShotCase, o: OneShotOptions, out: string): Promise<OneShotRun> {
  const map = mapFile(c.map);
  const scen = scenFile(c.map, c.scen);
  const args = ['--map', map, '--scen', scen, '--agents', String(c.agents), '--out', out, '--time-limit-ms', String(o.timeLimitMs), '--seed', String(o.seed)];
  const child = await runTs('bench/mapf/mapf-child.ts', args, { killAfterMs: o.timeLimitMs + 30_000 });
  const base = { ...c, solved: false, valid: false, runtimeMs: child.wallMs, processMs: child.wallMs, sumOfCosts: 0, makespan: 0, lbSumOfCosts: 0, lbMakespan: 0 };
  if (child.killed) return { ...base, outcome: 'killed', note: 'hard kill: the solver ignored its time limit' };
  if (child.code !== 0 && child.code !== 2) return { ...base, outcome: 'error', note: child.stderr.trim().split('\n').pop() ?? `exit ${child.code}` };
  const doc = JSON.parse(readFileSync(out, 'utf8')) as SolutionDoc;
  const withDoc = { ...base, solved: doc.solved, runtimeMs: doc.runtimeMs, lbSumOfCosts: doc.lowerBounds.sumOfCosts, lbMakespan: doc.lowerBounds.makespan };
  if (!doc.solved) return { ...withDoc, outcome: doc.reason };
  const check = await runNode([CHECK_MAPF, map, scen, out, '--json'], { killAfterMs: 300_000 });
  if (check.code !== 0) return { ...withDoc, outcome: 'invalid', note: (check.stdout + check.stderr).trim().slice(0, 300) };
  const verdict = JSON.parse(check.stdout) as { sumOfCosts: number; makespan: number };
  return { ...withDoc, valid: true, outcome: 'solved', sumOfCosts: verdict.sumOfCosts, makespan: verdict.makespan };
}

/** One row per (map, N), in the order the cases were given. */
export function oneShotRows(runs: readonly OneShotRun[]): OneShotRow[] {
  const groups = new Map<string, OneShotRun[]>();
  for (const r of runs) {
    const k = `${r.map}/${r.agents}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].map(([k, rs]) => {
    const valid = rs.filter((r) => r.valid);
    const times = rs.map((r) => r.runtimeMs).sort((a, b) => a - b);
    const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
    return {
      map: rs[0]!.map,
      agents: rs[0]!.agents,
      runs: rs.length,
      valid: valid.length,
      medianMs: median(times),
      maxMs: times[times.length - 1]!,
      socOverLb: mean(valid.map((r) => r.sumOfCosts / Math.max(1, r.lbSumOfCosts))),
      makespanOverLb: mean(valid.map((r) => r.makespan / Math.max(1, r.lbMakespan))),
      reference: LACAM3[k] ?? null,
    };
  });
}

export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return NaN;
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}
