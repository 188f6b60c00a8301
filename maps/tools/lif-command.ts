/**
 * `igv map export-lif` and `igv map import-lif`: the file-reading, printing shell around
 * lif-convert.ts. Success prints one line to stdout and returns 0; every fault prints one line
 * `igv map <cmd>: …` to stderr and the command returns 1. Nothing is thrown at the user.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { LifIssue } from '../schema/lif-schema.ts';
import { lifToMap, mapToLif } from './lif-convert.ts';
import { loadMapFile } from './load-map.ts';

/** Same ceiling as for map files: a LIF of this site is well under 1 MiB. */
const MAX_LIF_BYTES = 20 * 1024 * 1024;

function printIssues(cmd: string, file: string, issues: readonly LifIssue[]): number {
  for (const i of issues) process.stderr.write(`igv map ${cmd}: ${file} ${i.path}: ${i.message} (${i.code})\n`);
  return 1;
}

function fail(cmd: string, err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`igv map ${cmd}: ${message.split('\n')[0]}\n`);
  return 1;
}

function counts(nodes: number, edges: number, stations: number): string {
  return `${nodes} nodes, ${edges} edges, ${stations} stations`;
}

/** Converts an igv-map/1 file to LIF 1.0 at `opts.out`, stamped with the current time (UTC). */
export async function runExportLif(file: string, opts: { out: string }): Promise<number> {
  try {
    const loaded = await loadMapFile(file);
    if (!loaded.ok) return printIssues('export-lif', file, loaded.issues);
    const lif = mapToLif(loaded.map, { exportTimestamp: new Date().toISOString() });
    await writeFile(opts.out, `${JSON.stringify(lif, null, 2)}\n`);
    const layout = lif.layouts[0]!;
    process.stdout.write(`wrote ${opts.out}: ${counts(layout.nodes.length, layout.edges.length, layout.stations?.length ?? 0)}\n`);
    return 0;
  } catch (err) {
    return fail('export-lif', err);
  }
}

/**
 * Reads and JSON-parses a LIF file. Faults are `IGV_LIF_FILE` issues at `$`: unreadable, empty,
 * over 20 MiB, or not JSON (with the parser's position).
 */
export async function readLifFile(file: string): Promise<{ ok: true; json: unknown } | { ok: false; issues: LifIssue[] }> {
  const bad = (message: string) => ({ ok: false as const, issues: [{ path: '$', code: 'IGV_LIF_FILE', message }] });
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) return bad('not a regular file');
    if (info.size > MAX_LIF_BYTES) return bad(`file is ${info.size} bytes, more than the 20 MiB limit`);
    text = await readFile(file, 'utf8');
  } catch (err) {
    return bad(`cannot read the file: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text.trim() === '') return bad('file is empty');
  try {
    // a leading byte-order mark is common in files saved on Windows
    return { ok: true, json: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    return bad(`not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Converts one layout of a LIF 1.0 file to an igv-map/1 file at `opts.out`. */
export async function runImportLif(file: string, opts: { out: string; layout?: string }): Promise<number> {
  try {
    const read = await readLifFile(file);
    if (!read.ok) return printIssues('import-lif', file, read.issues);
    const res = lifToMap(read.json, opts.layout !== undefined ? { layoutId: opts.layout } : {});
    if (!res.ok) return printIssues('import-lif', file, res.issues);
    await writeFile(opts.out, `${JSON.stringify(res.map, null, 2)}\n`);
    process.stdout.write(`wrote ${opts.out}: ${counts(res.map.nodes.length, res.map.lanes.length, res.map.stations.length)}\n`);
    return 0;
  } catch (err) {
    return fail('import-lif', err);
  }
}
