/**
 * The site: what does not change from tick to tick — the map, its cell graph, the stations and
 * the engine configuration — plus memoised distance tables. Built once by the runtime and handed
 * to `step()` in the tick context. The memo is keyed by everything a table depends on, so it never
 * changes an answer, only how fast it comes.
 */
import type { IgvMap, Station } from '../../../maps/schema/map-schema.ts';
import type { EngineConfig } from '../config/engine-config.ts';
import { createCellGraph, type CellGraph } from '../graph/cell-graph.ts';
import { lengthsTo, travelTimesFrom, travelTimesTo, type DistanceTable, type SourceTable } from '../graph/distance-table.ts';
import { DEFAULT_VEHICLE_SPEC } from '../model/vehicle-spec.ts';

export interface Site {
  readonly map: IgvMap;
  readonly cells: CellGraph;
  readonly config: EngineConfig;
  readonly stations: ReadonlyMap<string, Station>;
  /** Station whose stop node this is. */
  readonly stationAtNode: ReadonlyMap<string, Station>;
  /** Lanes leading into dead-end blocks (docks, stalls), with their block: only a vehicle going there may take them. */
  readonly deadEndLanes: ReadonlyMap<string, number>;
  /** Stop nodes of chargers and battery-swap stations, sorted. */
  readonly chargerNodes: readonly string[];
  /**
   * Holding points: nodes on the running lanes (one lane in, one out, not a station, not in a
   * dead end) where an idle vehicle with no free parking can pause on its way round.
   */
  readonly holdingNodes: readonly string[];
  /** Travel time (ms) from every node to `goal`, avoiding closed lanes and dead ends not containing the goal. */
  timesTo(goal: string, closed: ReadonlySet<string>): DistanceTable;
  /**
   * Travel time (ms) from `source` to every node, avoiding closed lanes (a dead end is never a
   * shortcut, so it needs no closing here): one search to rank many candidate places.
   */
  timesFrom(source: string, closed: ReadonlySet<string>): SourceTable;
  /** Driving distance (mm) from every node to `goal`, same rules. */
  lengthsTo(goal: string, closed: ReadonlySet<string>): DistanceTable;
}

export function createSite(map: IgvMap, config: EngineConfig, fleet = { lengthMm: DEFAULT_VEHICLE_SPEC.lengthMm, widthMm: DEFAULT_VEHICLE_SPEC.widthMm }): Site {
  const cells = createCellGraph(map, {
    maxCellMm: config.maxCellMm,
    vehicleLengthMm: fleet.lengthMm,
    vehicleWidthMm: fleet.widthMm,
    marginMm: config.marginMm,
    gapMm: config.gapMm,
  });
  const stations = new Map([...map.stations].sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => [s.id, s]));
  const stationAtNode = new Map<string, Station>();
  for (const s of stations.values()) for (const n of s.nodes) if (!stationAtNode.has(n)) stationAtNode.set(n, s);
  const deadEndLanes = new Map<string, number>();
  for (const b of cells.blocks) {
    if (!b.deadEnd) continue;
    for (const l of b.lanes) if (!b.portals.includes(b.towards.get(l)!)) deadEndLanes.set(l, b.id);
  }

  const stationNodes = new Set([...stations.values()].flatMap((s) => s.nodes));
  const lg = cells.laneGraph;
  const holdingNodes = lg.nodeIds.filter((n) => {
    const ins = lg.inLanes(n);
    const outs = lg.outLanes(n);
    if (ins.length !== 1 || outs.length !== 1 || stationNodes.has(n)) return false;
    const lane = ins[0]!;
    return !lane.singleTrackWith && (lane.kind === 'approach' || lane.kind === 'yard') && lane.lengthMm >= fleet.lengthMm + 2 * config.gapMm;
  });

  const memo = new Map<string, DistanceTable>();
  const fromMemo = new Map<string, SourceTable>();
  const closedFor = (goal: string, closed: ReadonlySet<string>) => {
    const goalBlocks = new Set<number>();
    for (const lane of cells.laneGraph.inLanes(goal)) {
      const b = deadEndLanes.get(lane.id);
      if (b !== undefined) goalBlocks.add(b);
    }
    const all = new Set(closed);
    for (const [lane, block] of deadEndLanes) if (!goalBlocks.has(block)) all.add(lane);
    return all;
  };
  // The closed-lane set of a tick is one object for the whole tick: key it once.
  const closedKeys = new WeakMap<ReadonlySet<string>, string>();
  const closedKey = (closed: ReadonlySet<string>) => {
    let k = closedKeys.get(closed);
    if (k === undefined) closedKeys.set(closed, (k = [...closed].sort().join(',')));
    return k;
  };
  const key = (kind: string, goal: string, closed: ReadonlySet<string>) => `${kind}|${goal}|${closedKey(closed)}`;
  const speed = DEFAULT_VEHICLE_SPEC.maxSpeedLadenMmps;

  return {
    map,
    cells,
    config,
    stations,
    stationAtNode,
    deadEndLanes,
    holdingNodes,
    chargerNodes: [...stations.values()].filter((st) => st.kind === 'charger' || st.kind === 'battery-swap').flatMap((st) => st.nodes).sort(),
    timesTo(goal, closed) {
      const k = key('t', goal, closed);
      let t = memo.get(k);
      if (!t) memo.set(k, (t = travelTimesTo(cells.laneGraph, goal, { maxSpeedMmps: speed, closedLanes: closedFor(goal, closed) })));
      return t;
    },
    timesFrom(source, closed) {
      const k = key('f', source, closed);
      let t = fromMemo.get(k);
      if (!t) fromMemo.set(k, (t = travelTimesFrom(cells.laneGraph, source, { maxSpeedMmps: speed, closedLanes: closed })));
      return t;
    },
    lengthsTo(goal, closed) {
      const k = key('l', goal, closed);
      let t = memo.get(k);
      if (!t) memo.set(k, (t = lengthsTo(cells.laneGraph, goal, { closedLanes: closedFor(goal, closed) })));
      return t;
    },
  };
}
