/**
 * Lifelong MAPF suite (scripted runs): `igv mapf --lifelong` per (map, N, seed), each in its own
 * child process. Starts and first goals from random-1.scen, then a new seeded random goal on each
 * arrival (the generator of planning.md's JS-PIBT table). Per-step cost is the wall time of one
 * planning step as `igv mapf` measures it (PIBT step, escape searches, new distance tables).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTs } from './child-run.ts';
import { JS_PIBT_LIFELONG, mapFile, scenFile, type LifelongReference, type MapName } from './instances.ts';

export interface LifelongCase {
  readonly map: MapName;
  readonly agents: number;
  readonly seed: number;
}

/** The igv-mapf-lifelong/1 fields the suite reads (simulator/mapf/mapf-runs.ts). */
export interface LifelongRun extends LifelongCase {
  readonly ok: boolean;
  readonly note?: string;
  readonly steps: number;
  readonly stepsRun: number;
  readonly goalsReached: number;
  readonly throughput: number;
  readonly quarters: number[];
  readonly gridlockAt: number | null;
  readonly escapes: { readonly tried: number; readonly solved: number };
  readonly stepMs: { readonly mean: number; readonly p99: number; readonly max: number };
}

export interface LifelongRow {
  readonly map: MapName;
  readonly agents: number;
  readonly seeds: number;
  readonly steps: number;
  /** Means over seeds. */
  readonly throughput: number;
  /** Each seed's throughput, seed 1 first. */
  readonly perSeed: number[];
  readonly meanMs: number;
  readonly p99Ms: number;
  /** Worst over seeds. */
  readonly maxMs: number;
  /** Fewest goals reached in any quarter of any seed's run (0 = the fleet stopped working). */
  readonly minQuarter: number;
  /** A seed gridlocked (no agent moved for 32 steps), had a quarter without goals, or failed. */
  readonly gridlock: boolean;
  readonly escapesTried: number;
  readonly escapesSolved: number;
  readonly reference: LifelongReference | null;
}

export interface LifelongOptions {
  readonly steps: number;
  readonly timeLimitMs: number;
  readonly onRun?: (run: LifelongRun, done: number, total: number) => void;
}

export async function runLifelongSuite(cases: readonly LifelongCase[], o: LifelongOptions): Promise<LifelongRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mapf-lifelong-'));
  const runs: LifelongRun[] = [];
  try {
    for (const c of cases) {
      const out = join(dir, `${c.map}-${c.agents}-${c.seed}.json`);
      const args = ['--map', mapFile(c.map), '--scen', scenFile(c.map, 1), '--agents', String(c.agents), '--out', out, '--lifelong', '--steps', String(o.steps), '--seed', String(c.seed), '--time-limit-ms', String(o.timeLimitMs), '--no-progress'];
      const child = await runTs('bench/mapf/mapf-child.ts', args, { killAfterMs: o.timeLimitMs + 30_000 });
      let run: LifelongRun;
      if (child.code === 0 || child.code === 2) {
        const doc = JSON.parse(readFileSync(out, 'utf8')) as Omit<LifelongRun, keyof LifelongCase | 'ok'> & { stopped: boolean };
        run = { ...c, ok: !doc.stopped, ...(doc.stopped ? { note: 'stopped by the time limit' } : {}), steps: doc.steps, stepsRun: doc.stepsRun, goalsReached: doc.goalsReached, throughput: doc.throughput, quarters: doc.quarters, gridlockAt: doc.gridlockAt, escapes: doc.escapes, stepMs: doc.stepMs };
      } else {
        const note = child.killed ? 'hard kill' : (child.stderr.trim().split('\n').pop() ?? `exit ${child.code}`);
        run = { ...c, ok: false, note, steps: o.steps, stepsRun: 0, goalsReached: 0, throughput: 0, quarters: [0, 0, 0, 0], gridlockAt: null, escapes: { tried: 0, solved: 0 }, stepMs: { mean: NaN, p99: NaN, max: NaN } };
      }
      runs.push(run);
      o.onRun?.(run, runs.length, cases.length);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}

export function lifelongRows(runs: readonly LifelongRun[]): LifelongRow[] {
  const groups = new Map<string, LifelongRun[]>();
  for (const r of runs) {
    const k = `${r.map}/${r.agents}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return [...groups.entries()].map(([k, rs]) => ({
    map: rs[0]!.map,
    agents: rs[0]!.agents,
    seeds: rs.length,
    steps: rs[0]!.steps,
    throughput: mean(rs.map((r) => r.throughput)),
    perSeed: rs.map((r) => r.throughput),
    meanMs: mean(rs.map((r) => r.stepMs.mean)),
    p99Ms: mean(rs.map((r) => r.stepMs.p99)),
    maxMs: Math.max(...rs.map((r) => r.stepMs.max)),
    minQuarter: Math.min(...rs.flatMap((r) => r.quarters)),
    gridlock: rs.some((r) => !r.ok || r.gridlockAt !== null || r.quarters.some((q) => q === 0)),
    escapesTried: rs.reduce((a, r) => a + r.escapes.tried, 0),
    escapesSolved: rs.reduce((a, r) => a + r.escapes.solved, 0),
    reference: JS_PIBT_LIFELONG[k] ?? null,
  }));
}
