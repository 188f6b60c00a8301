/**
 * `igv map check FILE [--json]`: prints either one OK line or one line per fault, and returns the
 * exit code (0 valid, 1 invalid or unreadable). Never throws at the user.
 */
import { loadMapFile } from './load-map.ts';
import type { MapIssue } from './map-issue.ts';
import { validateMap } from './validate-map.ts';

export interface MapCheckOptions {
  /** Print `{ ok, issues }` as JSON instead of text. */
  json?: boolean;
}

/**
 * Checks one map file. Text output: `OK: <file>: <n> nodes, <n> lanes, <n> stations`, or
 * `<file>: <path>: <code>: <message>` per fault followed by `FAIL: <n> fault(s)`, on stdout.
 * An unexpected error becomes `igv map check: <message>` on stderr. Resolves to the exit code.
 */
export async function runMapCheck(file: string, opts: MapCheckOptions = {}): Promise<number> {
  try {
    const loaded = await loadMapFile(file);
    const issues: MapIssue[] = loaded.ok ? validateMap(loaded.map) : loaded.issues;
    const ok = issues.length === 0;
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ok, issues }, null, 2)}\n`);
    } else if (ok && loaded.ok) {
      const { nodes, lanes, stations } = loaded.map;
      process.stdout.write(`OK: ${file}: ${nodes.length} nodes, ${lanes.length} lanes, ${stations.length} stations\n`);
    } else {
      const lines = issues.map((i) => `${file}: ${i.path}: ${i.code}: ${oneLine(i.message)}\n`);
      process.stdout.write(`${lines.join('')}FAIL: ${issues.length} fault(s)\n`);
    }
    return ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`igv map check: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

/** One fault, one line: a message that quotes file content may hold line breaks. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}
