/**
 * Where the viewer gets its map: `?map=<url>` (same origin, e.g. a map file next to a replayed
 * trace) or the running gate's GET /api/v1/map. The answer is checked for the igv-map/1 shape the
 * scene relies on, not fully validated (the browser bundle does not carry the map schema).
 */
import type { IgvMap } from '../../../maps/schema/map-schema.ts';
import type { ApiClient } from './api-client.ts';

export type MapResult = { readonly ok: true; readonly map: IgvMap } | { readonly ok: false; readonly message: string };

/** Loads the map from `url` (when given) or the API. */
export async function loadMap(url: string | null, api: ApiClient): Promise<MapResult> {
  let json: unknown;
  if (url) {
    try {
      const res = await fetch(url);
      if (!res.ok) return { ok: false, message: `map ${url}: HTTP ${res.status}` };
      json = await res.json();
    } catch (e) {
      return { ok: false, message: `map ${url}: ${e instanceof Error ? e.message : String(e)}` };
    }
  } else {
    const r = await api.get<unknown>('/map');
    if (!r.ok) return { ok: false, message: `map (GET /api/v1/map): ${r.message}` };
    json = r.value;
  }
  return looksLikeMap(json) ? { ok: true, map: json } : { ok: false, message: 'map: not an igv-map/1 document' };
}

function looksLikeMap(x: unknown): x is IgvMap {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return m.format === 'igv-map/1' && Array.isArray(m.nodes) && Array.isArray(m.lanes) && Array.isArray(m.stations);
}
