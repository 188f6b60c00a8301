/**
 * Measurements of a built map that go into its notes: crane-to-crane route lengths and the size of
 * each yard. Pure functions over an IgvMap.
 */
import type { IgvMap, Jurisdiction } from '../../schema/map-schema.ts';

/** Shortest driving distance (mm, by lane lengthMm) from `start` to every node; Infinity if unreachable. */
export function distancesFrom(map: IgvMap, start: string): Map<string, number> {
  const out = new Map<string, { to: string; mm: number }[]>();
  for (const lane of map.lanes) out.set(lane.from, [...(out.get(lane.from) ?? []), { to: lane.to, mm: lane.lengthMm }]);
  const dist = new Map<string, number>(map.nodes.map((n) => [n.id, Infinity]));
  const done = new Set<string>();
  dist.set(start, 0);
  // O(n²) is plenty for a few hundred nodes and keeps this dependency-free.
  for (;;) {
    let best: string | undefined;
    for (const [id, d] of dist) if (!done.has(id) && d < Infinity && (best === undefined || d < dist.get(best)!)) best = id;
    if (best === undefined) return dist;
    done.add(best);
    for (const e of out.get(best) ?? []) {
      const d = dist.get(best)! + e.mm;
      if (d < dist.get(e.to)!) dist.set(e.to, d);
    }
  }
}

/** Shortest route (mm) from each transfer-crane stop on `from` to its nearest crane on the other side: min and max over cranes. */
export function craneRouteRangeMm(map: IgvMap, from: Jurisdiction): { minMm: number; maxMm: number } {
  const stops = (side: Jurisdiction) => map.stations.filter((s) => s.kind === 'transfer-crane' && s.jurisdiction === side).flatMap((s) => s.nodes);
  const targets = stops(from === 'VN' ? 'CN' : 'VN');
  const nearest = stops(from).map((a) => {
    const dist = distancesFrom(map, a);
    return Math.min(...targets.map((b) => dist.get(b) ?? Infinity));
  });
  return { minMm: Math.min(...nearest), maxMm: Math.max(...nearest) };
}

/** Bounding box (mm) of the yard lanes (kind yard or dock) of one side. */
export function yardBoxMm(map: IgvMap, side: Jurisdiction): { widthMm: number; depthMm: number } {
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  const xs: number[] = [];
  const ys: number[] = [];
  for (const lane of map.lanes) {
    if (lane.jurisdiction !== side || (lane.kind !== 'yard' && lane.kind !== 'dock')) continue;
    for (const p of [nodes.get(lane.from)!, nodes.get(lane.to)!].map((n) => [n.x, n.y] as const).concat(lane.polyline ?? [])) {
      xs.push(p[0]);
      ys.push(p[1]);
    }
  }
  return { widthMm: Math.max(...xs) - Math.min(...xs), depthMm: Math.max(...ys) - Math.min(...ys) };
}
