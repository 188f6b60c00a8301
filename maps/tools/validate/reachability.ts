/**
 * Rule 11: every station can be driven to from every other station on the directed lane graph
 * (a single-track twin is an ordinary directed lane here).
 */
import { mapIssue, MapIssueCode, type MapIssue } from '../map-issue.ts';
import type { MapContext } from './context.ts';

/**
 * At most one issue: the first failing (from-station, to-station) pair in station order, then node
 * order, reported at the unreachable stop node; the message also counts all failing pairs.
 */
export function checkReachability(ctx: MapContext): MapIssue[] {
  const { map, nodesById } = ctx;
  const reachCache = new Map<string, Set<string>>();
  const reachableFrom = (start: string): Set<string> => {
    let seen = reachCache.get(start);
    if (seen) return seen;
    seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const lane of ctx.outgoing.get(node) ?? []) {
        const next = ctx.map.lanes[lane]!.to;
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    reachCache.set(start, seen);
    return seen;
  };

  let first: MapIssue | undefined;
  let failingPairs = 0;
  for (const [i, from] of map.stations.entries()) {
    for (const [j, to] of map.stations.entries()) {
      if (i === j) continue;
      let failed = false;
      for (const a of from.nodes) {
        if (!nodesById.has(a)) continue;
        const reach = reachableFrom(a);
        for (const [k, b] of to.nodes.entries()) {
          if (!nodesById.has(b) || reach.has(b)) continue;
          failed = true;
          first ??= mapIssue(
            MapIssueCode.Unreachable,
            `$.stations[${j}].nodes[${k}]`,
            `station ${to.id} node [${b}] cannot be reached from station ${from.id} node [${a}]`,
          );
        }
      }
      if (failed) failingPairs++;
    }
  }
  if (!first) return [];
  if (failingPairs > 1) first.message += ` (${failingPairs} station pairs fail)`;
  return [first];
}
