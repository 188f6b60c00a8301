/**
 * Walking a distance table: from a node, the cheapest next lane again and again until the goal.
 * The route planner, the PIBT step's detours and deadlock resolution all extend routes this way.
 */
import type { Site } from '../tick/site.ts';
import type { DistanceTable } from '../graph/distance-table.ts';

/** The lanes from `node` to `goal` along `table` (`goal` is its goal node), and whether the goal was reached. */
export function followTable(site: Site, table: DistanceTable, node: string, goal: string): { lanes: string[]; reached: boolean } {
  const lanes: string[] = [];
  const limit = site.cells.laneGraph.nodeIds.length;
  for (let hops = 0; node !== goal && hops <= limit; hops++) {
    const next = table.nextLane(node);
    if (!next) break;
    lanes.push(next);
    node = site.cells.lane(next).to;
  }
  return { lanes, reached: node === goal };
}
