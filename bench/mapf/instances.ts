/**
 * What the MAPF benchmarks run, and the reference figures they are compared with. The instance
 * list is issue 7's; the references are the measurements in ../shared/planning.md (LaCAM3 first
 * solution and JS-PIBT lifelong, both measured on this 2-core machine), copied here as data.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (…/main). */
export const ROOT = resolve(here, '..', '..');
/** The shared MovingAI data and the independent validator sit beside the repository. */
export const MAPF_DIR = resolve(ROOT, '..', 'shared', 'mapf');
export const CHECK_MAPF = resolve(ROOT, '..', 'shared', 'tools', 'check-mapf.mjs');

export const MAPS = ['random-32-32-20', 'room-32-32-4', 'maze-32-32-2', 'empty-32-32', 'warehouse-10-20-10-2-1', 'den312d'] as const;
export type MapName = (typeof MAPS)[number];

export const mapFile = (m: string): string => join(MAPF_DIR, m, `${m}.map`);
export const scenFile = (m: string, k: number): string => join(MAPF_DIR, m, `${m}-random-${k}.scen`);

/** One-shot agent counts per map (issue 7). */
export const ONE_SHOT_AGENTS: Readonly<Record<MapName, readonly number[]>> = {
  'random-32-32-20': [100, 200, 300, 400],
  'room-32-32-4': [100, 200, 300],
  'maze-32-32-2': [50, 100, 200],
  'empty-32-32': [100, 300, 500],
  'warehouse-10-20-10-2-1': [200, 500, 1000],
  den312d: [200, 500, 1000],
};

export interface LacamReference {
  readonly solved: number;
  readonly medianMs: number;
  readonly socOverLb: number;
}

/** planning.md "One-shot": LaCAM3 first solution, scenarios random-1..5, solved/5, median ms, SoC/LB. */
export const LACAM3: Readonly<Record<string, LacamReference>> = {
  'random-32-32-20/100': { solved: 5, medianMs: 149, socOverLb: 1.16 },
  'random-32-32-20/200': { solved: 5, medianMs: 201, socOverLb: 1.49 },
  'random-32-32-20/300': { solved: 5, medianMs: 653, socOverLb: 2.03 },
  'random-32-32-20/400': { solved: 5, medianMs: 989, socOverLb: 2.83 },
  'room-32-32-4/100': { solved: 5, medianMs: 81, socOverLb: 1.5 },
  'room-32-32-4/200': { solved: 5, medianMs: 187, socOverLb: 2.41 },
  'room-32-32-4/300': { solved: 5, medianMs: 633, socOverLb: 3.53 },
  'maze-32-32-2/50': { solved: 5, medianMs: 553, socOverLb: 1.19 },
  'maze-32-32-2/100': { solved: 5, medianMs: 134, socOverLb: 1.5 },
  'maze-32-32-2/200': { solved: 5, medianMs: 560, socOverLb: 2.49 },
  'empty-32-32/100': { solved: 5, medianMs: 241, socOverLb: 1.03 },
  'empty-32-32/300': { solved: 5, medianMs: 175, socOverLb: 1.23 },
  'empty-32-32/500': { solved: 5, medianMs: 727, socOverLb: 1.91 },
  'warehouse-10-20-10-2-1/200': { solved: 5, medianMs: 448, socOverLb: 1.05 },
  'warehouse-10-20-10-2-1/500': { solved: 5, medianMs: 2030, socOverLb: 1.3 },
  'warehouse-10-20-10-2-1/1000': { solved: 5, medianMs: 6768, socOverLb: 1.93 },
  'den312d/200': { solved: 5, medianMs: 605, socOverLb: 1.18 },
  'den312d/500': { solved: 5, medianMs: 2280, socOverLb: 2.1 },
  'den312d/1000': { solved: 5, medianMs: 6189, socOverLb: 5.07 },
};

export interface LifelongReference {
  readonly meanMs: number;
  readonly p99Ms: number;
  readonly throughput: number;
  /** Some quarter of the 2000 steps finished no task (plain PIBT gridlocked). */
  readonly gridlock: boolean;
}

/** planning.md "Lifelong throughput": JS-PIBT (no escape layer), 2000 steps, random-1 starts and first goals. */
export const JS_PIBT_LIFELONG: Readonly<Record<string, LifelongReference>> = {
  'warehouse-10-20-10-2-1/200': { meanMs: 0.27, p99Ms: 0.95, throughput: 1.85, gridlock: false },
  'warehouse-10-20-10-2-1/500': { meanMs: 0.47, p99Ms: 1.25, throughput: 3.61, gridlock: false },
  'warehouse-10-20-10-2-1/1000': { meanMs: 0.59, p99Ms: 1.7, throughput: 5.46, gridlock: false },
  'den312d/500': { meanMs: 0.26, p99Ms: 0.72, throughput: 2.47, gridlock: false },
  'den312d/1000': { meanMs: 0.38, p99Ms: 0.86, throughput: 2.55, gridlock: false },
  'maze-32-32-2/50': { meanMs: 0.05, p99Ms: 0.28, throughput: 0.76, gridlock: false },
  'empty-32-32/300': { meanMs: 0.15, p99Ms: 0.72, throughput: 11.51, gridlock: false },
  'random-32-32-20/100': { meanMs: 0.06, p99Ms: 0.66, throughput: 0.67, gridlock: true },
  'random-32-32-20/200': { meanMs: 0.08, p99Ms: 0.35, throughput: 1.02, gridlock: true },
  'random-32-32-20/400': { meanMs: 0.13, p99Ms: 0.51, throughput: 0.62, gridlock: true },
  'room-32-32-4/100': { meanMs: 0.05, p99Ms: 0.24, throughput: 0.63, gridlock: true },
};

/**
 * Lifelong cases: issue 7 asks warehouse 100/200/400; the rest are planning.md's lifelong table
 * (so P4, no gridlock on all six maps, and P5, throughput ≥ JS-PIBT, can be read off) and the
 * warehouse 1000 case gives P1's per-step cost.
 */
export const LIFELONG_CASES: readonly { readonly map: MapName; readonly agents: number }[] = [
  { map: 'warehouse-10-20-10-2-1', agents: 100 },
  { map: 'warehouse-10-20-10-2-1', agents: 200 },
  { map: 'warehouse-10-20-10-2-1', agents: 400 },
  { map: 'warehouse-10-20-10-2-1', agents: 500 },
  { map: 'warehouse-10-20-10-2-1', agents: 1000 },
  { map: 'den312d', agents: 500 },
  { map: 'den312d', agents: 1000 },
  { map: 'maze-32-32-2', agents: 50 },
  { map: 'empty-32-32', agents: 300 },
  { map: 'random-32-32-20', agents: 100 },
  { map: 'random-32-32-20', agents: 200 },
  { map: 'random-32-32-20', agents: 400 },
  { map: 'room-32-32-4', agents: 100 },
];

/** A readable error when ../shared/mapf is missing (a clone without the shared data beside it). */
export function checkData(): string | null {
  if (!existsSync(MAPF_DIR)) return `MovingAI data not found at ${MAPF_DIR} (expected ../shared/mapf beside the repository)`;
  if (!existsSync(CHECK_MAPF)) return `validator not found at ${CHECK_MAPF}`;
  return null;
}
