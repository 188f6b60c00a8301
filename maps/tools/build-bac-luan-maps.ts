/**
 * Generates the Bắc Luân II lane maps:
 *   maps/data/bac-luan-2.phase1.json  (2026, one IGV track each way)
 *   maps/data/bac-luan-2.phase2.json  (2027–2030, two tracks each way)
 *
 * Run: `node bin/run-ts.mjs maps/tools/build-bac-luan-maps.ts`. The output is deterministic
 * (pretty JSON, 2-space indent, arrays sorted by id); a map that fails `validateMap` or
 * `MapSchema` is never written. Layout and numbers: maps/tools/bac-luan/ and each map's notes.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MapSchema, type IgvMap } from '../schema/map-schema.ts';
import { buildBacLuanMap, type PhaseSpec } from './bac-luan/layout.ts';
import { mapNotes } from './bac-luan/notes.ts';
import { PHASE1, PHASE2 } from './bac-luan/phases.ts';
import { validateMap } from './validate-map.ts';

/** Where the generated files go. */
export const BAC_LUAN_MAP_FILES = {
  phase1: join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'bac-luan-2.phase1.json'),
  phase2: join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'bac-luan-2.phase2.json'),
} as const;

function withNotes(phase: PhaseSpec): IgvMap {
  const map = buildBacLuanMap(phase);
  return { ...map, notes: mapNotes(phase, map) };
}

/** The phase-1 map (2026): one IGV track each way. Pure; the same object shape on every call. */
export function buildPhase1(): IgvMap {
  return withNotes(PHASE1);
}

/** The phase-2 map (2027–2030): two IGV tracks each way, more cranes, gates, chargers and bays. Pure. */
export function buildPhase2(): IgvMap {
  return withNotes(PHASE2);
}

/** The exact text written for a map: 2-space pretty JSON with a trailing newline. */
export function mapFileText(map: IgvMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}

async function main(): Promise<void> {
  for (const [file, map] of [
    [BAC_LUAN_MAP_FILES.phase1, buildPhase1()],
    [BAC_LUAN_MAP_FILES.phase2, buildPhase2()],
  ] as const) {
    const parsed = MapSchema.safeParse(map);
    if (!parsed.success) throw new Error(`[build-bac-luan-maps] ${map.id} fails MapSchema: ${parsed.error.message}`);
    const issues = validateMap(map);
    if (issues.length > 0) {
      const lines = issues.slice(0, 20).map((i) => `  ${i.code} ${i.path}: ${i.message}`);
      throw new Error(`[build-bac-luan-maps] ${map.id} has ${issues.length} map issues:\n${lines.join('\n')}`);
    }
    await writeFile(file, mapFileText(map), 'utf8');
    process.stdout.write(`wrote ${file}: ${map.nodes.length} nodes, ${map.lanes.length} lanes, ${map.stations.length} stations\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`build-bac-luan-maps: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
