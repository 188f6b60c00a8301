/**
 * Single-track blocks: stretches of road used in both directions (lanes paired by
 * `singleTrackWith`). Two vehicles meeting head-on inside one can never pass, so traffic control
 * treats a block as one interlocked section: vehicles enter only in the block's current direction
 * (a same-direction convoy may share it), and a dead-end block (a dock or charger stall) admits
 * one vehicle at a time, which must be going there.
 */
import type { LaneGraph } from './lane-graph.ts';

export interface Block {
  readonly id: number;
  /** Every lane of the block, both directions, sorted. */
  readonly lanes: readonly string[];
  /** Nodes where the block meets the rest of the network. */
  readonly portals: readonly string[];
  /** True when the block has a single portal: vehicles enter and leave by the same end. */
  readonly deadEnd: boolean;
  /**
   * Where each lane of the block leads: the portal a vehicle on it drives toward, or, in a
   * dead-end block, the dead end itself. Vehicles in one block going toward the same node travel
   * the same direction.
   */
  readonly towards: ReadonlyMap<string, string>;
}

/**
 * Groups twin lane pairs into blocks. Pairs chain through a node that has no other lanes, so a
 * single-track road made of several lanes is one block.
 */
export function findBlocks(laneGraph: LaneGraph): Block[] {
  const twinLanes = laneGraph.laneIds.filter((id) => laneGraph.lane(id)!.singleTrackWith !== undefined);
  const parent = new Map<string, string>(twinLanes.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };

  const isInterior = (node: string) => {
    const lanes = [...laneGraph.inLanes(node), ...laneGraph.outLanes(node)];
    return lanes.length > 0 && lanes.every((l) => l.singleTrackWith !== undefined);
  };
  for (const id of twinLanes) {
    const lane = laneGraph.lane(id)!;
    union(id, lane.singleTrackWith!);
    for (const node of [lane.from, lane.to]) {
      if (!isInterior(node)) continue;
      for (const other of [...laneGraph.inLanes(node), ...laneGraph.outLanes(node)]) union(id, other.id);
    }
  }

  const groups = new Map<string, string[]>();
  for (const id of twinLanes) {
    const root = find(id);
    const list = groups.get(root);
    if (list) list.push(id);
    else groups.set(root, [id]);
  }
  const roots = [...groups.keys()].sort();
  return roots.map((root, index) => {
    const lanes = groups.get(root)!.sort();
    const nodes = new Set<string>();
    for (const id of lanes) {
      const lane = laneGraph.lane(id)!;
      nodes.add(lane.from);
      nodes.add(lane.to);
    }
    const portals = [...nodes].filter((n) => !isInterior(n)).sort();
    const inBlock = new Set(lanes);
    const towards = new Map<string, string>();
    for (const id of lanes) {
      let lane = laneGraph.lane(id)!;
      for (let hops = 0; hops <= lanes.length; hops++) {
        if (portals.includes(lane.to)) break;
        const next = laneGraph.outLanes(lane.to).find((l) => inBlock.has(l.id) && l.id !== lane.singleTrackWith);
        if (!next) break;
        lane = next;
      }
      towards.set(id, lane.to);
    }
    return Object.freeze({
      id: index,
      lanes: Object.freeze(lanes),
      portals: Object.freeze(portals),
      deadEnd: portals.length <= 1,
      towards,
    });
  });
}
