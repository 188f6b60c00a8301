/**
 * `igv map stats FILE [--json]`: loads a map, prints its statistics as a table or JSON.
 * Exit code 0 on success, 1 when the map cannot be loaded (one line on stderr, never a stack).
 */
import { loadMapFile } from './load-map.ts';
import { mapStats, type MapStats } from './map-stats.ts';

export interface MapStatsOptions {
  /** print the statistics as JSON instead of a table */
  json?: boolean;
}

/** Runs `igv map stats` on one file and resolves to the exit code (0 or 1). */
export async function runMapStats(file: string, opts: MapStatsOptions = {}): Promise<number> {
  try {
    const loaded = await loadMapFile(file);
    if (!loaded.ok) {
      const first = loaded.issues[0];
      const more = loaded.issues.length > 1 ? ` (and ${loaded.issues.length - 1} more; run igv map check ${file})` : '';
      const what = first ? `${first.path} ${first.code}: ${first.message}` : 'unknown problem';
      process.stderr.write(`igv map stats: cannot load ${file}: ${what}${more}\n`);
      return 1;
    }
    const stats = mapStats(loaded.map);
    process.stdout.write(opts.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`igv map stats: ${file}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

/** The statistics as an aligned two-column text table, one fact per line, ending in a newline. */
export function formatStats(s: MapStats): string {
  const m = (v: number | null) => (v === null ? 'none' : `${v.toFixed(1)} m`);
  const nonZero = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const how = s.bridgeLanes.method === 'border-line' ? 'crossing the border line' : 'by direction of travel, no border line';
  const rows: [string, string][] = [
    ['map', `${s.mapId} (${s.name}), version ${s.version}`],
    ['nodes', String(s.nodes)],
    ['lanes', `${s.lanes} (${nonZero(s.lanesByKind)})`],
    ['total lane length', m(s.totalLaneLengthM)],
    ['conflict zones', String(s.conflictZones)],
    ['stations', nonZero(s.stationsByKind)],
    ['bridge lanes', `VN→CN ${s.bridgeLanes.vnToCn}, CN→VN ${s.bridgeLanes.cnToVn} (${how})`],
    ['route VN→CN', `${m(s.vnToCnRouteM)} (VN transfer crane to nearest CN transfer crane)`],
    ['route CN→VN', `${m(s.cnToVnRouteM)} (CN transfer crane to nearest VN transfer crane)`],
    ['loop', `${m(s.loopM)} (VN crane → CN crane → back)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join('');
}
