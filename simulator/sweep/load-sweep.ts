/**
 * Reading a sweep file: file checks, JSON, the schema, then each layout's scenario and map (which
 * must have gate demand, since the demand multiplier and the cranes act on the gate process).
 * Every failure is a list of one-line messages `FILE: $.json.path: what is wrong`, never a throw.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import { loadScenarioFile } from '../scenarios/load-scenario.ts';
import type { Scenario } from '../scenarios/scenario-schema.ts';
import { SweepSchema, type Sweep } from './sweep-schema.ts';

/** A layout ready to run: its scenario, its map and how many transfer cranes each side has. */
export interface LoadedLayout {
  readonly name: string;
  readonly scenarioPath: string;
  readonly scenario: Scenario;
  readonly map: IgvMap;
  /** The smaller of the two sides' transfer-crane counts. */
  readonly cranesPerSide: number;
}

export type LoadedSweep = { ok: true; sweep: Sweep; layouts: LoadedLayout[] } | { ok: false; errors: string[] };

const MAX_BYTES = 1024 * 1024;

/** `$.a[0].b` for a zod issue path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

/** Parses sweep JSON text (no file access); errors are prefixed with `label`. */
export function parseSweep(label: string, text: string): { ok: true; sweep: Sweep } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`${label}: not JSON (${(err as Error).message})`] };
  }
  const parsed = SweepSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${label}: ${jsonPath(i.path)}: ${i.message}`) };
  return { ok: true, sweep: parsed.data };
}

/** Reads and checks a sweep file and every scenario and map it names. */
export async function loadSweepFile(path: string): Promise<LoadedSweep> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, errors: [`${path}: not a file`] };
    if (info.size > MAX_BYTES) return { ok: false, errors: [`${path}: ${info.size} bytes, more than the ${MAX_BYTES} a sweep may have`] };
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`] };
  }
  const parsed = parseSweep(path, text);
  if (!parsed.ok) return parsed;
  const { sweep } = parsed;
  const errors: string[] = [];
  const layouts: LoadedLayout[] = [];
  for (const [i, l] of sweep.layouts.entries()) {
    const scenarioPath = resolve(dirname(path), l.scenario);
    const loaded = await loadScenarioFile(scenarioPath);
    if (!loaded.ok) {
      errors.push(`${path}: $.layouts[${i}].scenario: cannot use ${l.scenario}: ${loaded.errors[0] ?? 'unknown error'}`);
      continue;
    }
    if (loaded.scenario.demand.kind !== 'gate') {
      errors.push(`${path}: $.layouts[${i}].scenario: ${l.scenario} has demand kind [${loaded.scenario.demand.kind}]; a sweep needs kind [gate]`);
      continue;
    }
    const cranes = (side: string) => loaded.map.stations.filter((s) => s.kind === 'transfer-crane' && s.jurisdiction === side).length;
    // The sweep's season: a 3× claim must hold in the peak season (P22), not only in March.
    const demand = loaded.scenario.demand;
    const scenario = sweep.startDay === undefined ? loaded.scenario : { ...loaded.scenario, demand: { ...demand, startDay: sweep.startDay } };
    layouts.push({ name: l.name, scenarioPath, scenario, map: loaded.map, cranesPerSide: Math.min(cranes('VN'), cranes('CN')) });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, sweep, layouts };
}
