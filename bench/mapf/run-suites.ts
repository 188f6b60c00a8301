/**
 * Runs the MAPF suites (one-shot, lifelong, micro) for a set of settings, with progress, and
 * returns everything measured; bench/mapf-bench.ts and bench/run-all.ts both drive it.
 */
import { lifelongCases, oneShotCases, type MapfBenchSettings } from './cases.ts';
import { lifelongRows, runLifelongSuite, type LifelongRow, type LifelongRun } from './lifelong-suite.ts';
import { MICRO_CASES, runMicroSuite, type MicroRow } from './micro-suite.ts';
import { oneShotRows, runOneShotSuite, type OneShotRow, type OneShotRun } from './one-shot-suite.ts';
import type { SuiteProgress } from './progress.ts';
import { fx } from './render.ts';

export const MAPF_SUITES = ['one-shot', 'lifelong', 'micro'] as const;
export type MapfSuite = (typeof MAPF_SUITES)[number];

export interface MapfResults {
  oneShot?: { runs: OneShotRun[]; rows: OneShotRow[] };
  lifelong?: { runs: LifelongRun[]; rows: LifelongRow[] };
  micro?: MicroRow[];
}

export async function runOneShot(s: MapfBenchSettings, p: SuiteProgress, keepDir?: string): Promise<NonNullable<MapfResults['oneShot']>> {
  const cases = oneShotCases(s);
  p.start('MAPF one-shot', cases.length);
  try {
    const runs = await runOneShotSuite(cases, {
      timeLimitMs: s.timeLimitMs, seed: s.seed, ...(keepDir ? { keepDir } : {}),
      onRun: (r) => p.tick(`${r.map} N=${r.agents} random-${r.scen}: ${r.valid ? 'valid' : r.outcome} ${Math.round(r.runtimeMs)} ms`),
    });
    return { runs, rows: oneShotRows(runs) };
  } finally {
    p.stop();
  }
}

export async function runLifelong(s: MapfBenchSettings, p: SuiteProgress): Promise<NonNullable<MapfResults['lifelong']>> {
  const cases = lifelongCases(s);
  p.start('MAPF lifelong', cases.length);
  try {
    const runs = await runLifelongSuite(cases, {
      steps: s.steps, timeLimitMs: Math.max(60_000, s.steps * 60),
      onRun: (r) => p.tick(`${r.map} N=${r.agents} seed ${r.seed}: ${fx(r.throughput)}/step, ${fx(r.stepMs.mean, 3)} ms/step`),
    });
    return { runs, rows: lifelongRows(runs) };
  } finally {
    p.stop();
  }
}

export function runMicro(s: MapfBenchSettings, p: SuiteProgress): MicroRow[] {
  p.start('micro (benchmark.js)', MICRO_CASES.length);
  try {
    return runMicroSuite(MICRO_CASES, { maxTimeS: s.microMaxTimeS, onCase: (r) => p.tick(`${r.name}: ${Math.round(r.opsPerS)} ops/s ±${r.rmePct.toFixed(1)}%`) });
  } finally {
    p.stop();
  }
}
