/**
 * Reading a scenario file and its map: file checks, JSON, the schema, then the references a
 * scenario makes into its map (stations of the flows, lanes and vehicles of the faults are
 * checked by the engine as it runs). Every failure is a list of precise messages, never a throw.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import { loadMapFile } from '../../maps/tools/load-map.ts';
import { ScenarioSchema, type Scenario } from './scenario-schema.ts';
import { faultModelErrors } from '../faults/expand-fault-model.ts';
import { mapFaultTargets } from '../faults/scenario-faults.ts';

export type LoadedScenario = { ok: true; scenario: Scenario; map: IgvMap; mapPath: string } | { ok: false; errors: string[] };

const MAX_BYTES = 5 * 1024 * 1024;

export async function loadScenarioFile(path: string): Promise<LoadedScenario> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, errors: [`${path}: not a file`] };
    if (info.size === 0) return { ok: false, errors: [`${path}: the file is empty`] };
    if (info.size > MAX_BYTES) return { ok: false, errors: [`${path}: ${info.size} bytes, more than the ${MAX_BYTES} a scenario may have`] };
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`${path}: not JSON (${(err as Error).message})`] };
  }
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${path}: $${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`),
    };
  }
  const scenario = parsed.data;
  const mapPath = resolve(dirname(path), scenario.map);
  const loaded = await loadMapFile(mapPath);
  if (!loaded.ok) return { ok: false, errors: loaded.issues.map((i) => `${mapPath}: ${i.path}: ${i.code}: ${i.message}`) };
  const errors = scenarioReferenceErrors(scenario, loaded.map).map((e) => `${path}: ${e}`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, scenario, map: loaded.map, mapPath };
}

/** Stations named by the demand, and lanes and stations named by the fault model, that the map does not have. */
export function scenarioReferenceErrors(scenario: Scenario, map: IgvMap): string[] {
  const stations = new Set(map.stations.map((s) => s.id));
  const errors: string[] = [];
  if (scenario.demand.kind === 'rate') {
    scenario.demand.flows.forEach((f, i) => {
      for (const [field, ids] of [['origin', [f.origin]], ['destination', [f.destination]], ['via', f.via]] as const) {
        for (const id of ids) if (!stations.has(id)) errors.push(`$.demand.flows[${i}].${field}: the map has no station [${id}]`);
      }
    });
  } else if (scenario.demand.kind === 'list') {
    scenario.demand.orders.forEach((o, i) => {
      for (const id of [o.origin, o.destination, ...o.via]) if (!stations.has(id)) errors.push(`$.demand.orders[${i}]: the map has no station [${id}]`);
    });
  }
  if (scenario.faultModel) errors.push(...faultModelErrors(scenario.faultModel, mapFaultTargets(map)).map((e) => `$.faultModel: ${e}`));
  return errors;
}
