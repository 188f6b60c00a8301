/**
 * The planner's one step per tick: PIBT (engine/core/planner/mapf/pibt.ts, the same code
 * `igv mapf` runs on MovingAI grids) on the place graph. Each vehicle is an agent standing at its
 * frontier, the last cell it holds ahead of its nose; its next place is the cell its claim would
 * grow into. A vehicle committed to its route may only take its route's next cell or wait; a
 * vehicle whose frontier is the end of a lane beyond its commit point (a diverge where it may
 * still choose) ranks every next cell by travel time to its goal, its route's first.
 *
 * What the engine does with the step: when PIBT sends a free vehicle into another lane because
 * its route's next lane starts with a queue (a vehicle standing in its first cell), and that way
 * is at most `laneChoiceSlackMs` longer, the route is changed to go that way. Cells held by other
 * vehicles are closed to the step; traffic control still grants every cell (the planner only
 * proposes), so a wrong choice costs time, never safety.
 */
import type { Site } from '../tick/site.ts';
import type { CellGraph } from '../graph/cell-graph.ts';
import type { Draft } from '../tick/draft.ts';
import type { VehicleState } from '../model/world.ts';
import { recordTrack } from '../motion/record-track.ts';
import { patchVehicle } from '../tick/vehicle-records.ts';
import { cellTimesTo, placeGraphOf, type PlaceGraph } from './place-graph.ts';
import { createPibt, type Pibt } from './mapf/pibt.ts';
import { NONE } from './mapf/mapf-graph.ts';
import { UNREACHABLE } from './mapf/distance-cache.ts';
import { tickPriorityOrder } from './priority-order.ts';
import { followTable } from './follow-table.ts';
import { sameList } from '../util/same-list.ts';

/** Where a vehicle stands for the step. */
interface Frontier {
  /** What it was worked out from: a frontier changes only when these do. */
  readonly cells: CellGraph;
  readonly held: readonly number[];
  readonly lane: string;
  readonly route: readonly string[];
  /** Its frontier cell and the cell after it on its track (NONE at the track's end). */
  readonly cell: number;
  readonly next: number;
  /**
   * Index in `route` of the lane `next` starts when the frontier is a lane's last cell, else −1.
   * That lane lies past the commit point (the travel limit is never beyond the held space), so
   * the vehicle may still choose another.
   */
  readonly choiceAt: number;
}

// By vehicle id. A moving vehicle gets a new record every tick but new cells only every couple of
// seconds: keyed on what the frontier depends on, not on the record.
const frontiers = new Map<string, Frontier>();

function frontierOf(site: Site, v: VehicleState): Frontier {
  const known = frontiers.get(v.id);
  if (known && known.cells === site.cells && known.lane === v.lane && known.route === v.route && sameList(known.held, v.held)) return known;
  const t = recordTrack(site.cells, v);
  let cell = NONE;
  let lane = -1;
  let index = -1;
  walk: for (let i = t.noseLane; i < t.lanes.length; i++) {
    const s = t.starts[i]!;
    const list = t.infos[i]!.cells;
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      if (s + c.s1 <= t.nose) continue;
      if (cell !== NONE && !holds(v.held, c.id)) break walk;
      cell = c.id;
      lane = i;
      index = j;
    }
  }
  let next = NONE;
  let choiceAt = -1;
  if (cell !== NONE) {
    const list = t.infos[lane]!.cells;
    if (index + 1 < list.length) next = list[index + 1]!.id;
    else if (lane + 1 < t.lanes.length) {
      next = t.infos[lane + 1]!.cells[0]!.id;
      choiceAt = lane - t.noseLane;
    }
  }
  const f: Frontier = { cells: site.cells, held: v.held, lane: v.lane, route: v.route, cell, next, choiceAt };
  frontiers.set(v.id, f);
  return f;
}

function holds(held: readonly number[], cell: number): boolean {
  let lo = 0;
  let hi = held.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const h = held[mid]!;
    if (h === cell) return true;
    if (h < cell) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Scratch kept per place graph: the PIBT instance (room for the whole fleet) and per-cell and per-agent arrays. */
interface Scratch {
  pibt: Pibt;
  capacity: number;
  from: Int32Array;
  to: Int32Array;
  order: Int32Array;
  readonly zeros: Int32Array;
  /** Per cell: a vehicle holding it, or null; cells set are listed in `touched`. */
  readonly holder: (VehicleState | null)[];
  /** Per cell: the call (`stamp`) in which it was last taken as a frontier (one agent per cell). */
  readonly frontierStamp: Float64Array;
  stamp: number;
  readonly touched: number[];
}

const scratchByGraph = new WeakMap<PlaceGraph, Scratch>();

function scratchFor(pg: PlaceGraph, fleet: number): Scratch {
  let s = scratchByGraph.get(pg);
  const n = pg.graph.n;
  if (!s) {
    s = {
      pibt: createPibt(pg.graph, fleet, { swap: false }), capacity: fleet,
      from: new Int32Array(fleet), to: new Int32Array(fleet), order: new Int32Array(fleet),
      zeros: new Int32Array(n), holder: new Array<VehicleState | null>(n).fill(null), frontierStamp: new Float64Array(n), stamp: 0, touched: [],
    };
    scratchByGraph.set(pg, s);
  } else if (s.capacity < fleet) {
    const capacity = Math.max(fleet, 2 * s.capacity);
    Object.assign(s, { pibt: createPibt(pg.graph, capacity, { swap: false }), capacity, from: new Int32Array(capacity), to: new Int32Array(capacity), order: new Int32Array(capacity) });
  }
  return s;
}

/** Runs the step for every vehicle and changes the route of each vehicle it sends round a queue. */
export function chooseNextPlaces(site: Site, draft: Draft): void {
  const slack = site.config.laneChoiceSlackMs;
  const order = tickPriorityOrder(draft);
  if (order.length === 0) return;
  const pg = placeGraphOf(site.cells);
  const s = scratchFor(pg, order.length);
  const { holder, pibt, frontierStamp } = s;
  const stamp = ++s.stamp;
  for (const c of s.touched) holder[c] = null;
  s.touched.length = 0;
  pibt.closed.fill(0);
  // Agents, in priority order: one per distinct frontier, the higher-priority vehicle where two
  // share a cell (a follower standing in its leader's last cell).
  const agentVehicle: VehicleState[] = [];
  const agentFrontier: Frontier[] = [];
  for (const id of order) {
    const v = draft.vehicles.get(id)!;
    for (const c of v.held) {
      pibt.closed[c] = 1;
      if (holder[c] === null) s.touched.push(c);
      holder[c] = v;
    }
    const f = frontierOf(site, v);
    if (f.cell === NONE || frontierStamp[f.cell] === stamp) continue;
    frontierStamp[f.cell] = stamp;
    agentVehicle.push(v);
    agentFrontier.push(f);
  }
  const N = agentVehicle.length;
  // A lane whose first junction cell cannot be left (its box holds a standing vehicle) is as
  // closed as a held cell: the queue reaches back to the diverge.
  const standingIn = (c: number): VehicleState | null => {
    const v = holder[c]!;
    return v !== null && v.speedMmps === 0 ? v : null;
  };
  const queueAt = (c: number): VehicleState | null => {
    const here = standingIn(c);
    if (here) return here;
    for (const b of pg.box[c]!) {
      const v = standingIn(b);
      if (v) return v;
    }
    return null;
  };
  const from = s.from.subarray(0, N);
  const to = s.to.subarray(0, N).fill(NONE);
  const planOrder = s.order.subarray(0, N);
  const free: number[] = [];
  for (let i = 0; i < N; i++) {
    const v = agentVehicle[i]!;
    const f = agentFrontier[i]!;
    from[i] = f.cell;
    planOrder[i] = i; // agents were listed in priority order
    pibt.closed[f.cell] = 0; // a frontier is occupancy PIBT resolves itself (inheritance), not a wall
    const moving = v.status === 'ok' && !v.paused && !v.turnAround && !v.routeBlocked && v.task !== null && v.task.serviceUntilMs === null;
    pibt.hint[i] = moving ? f.next : NONE;
    pibt.goals[i] = NONE;
    pibt.dist[i] = s.zeros;
    pibt.waitPenalty[i] = 0;
    pibt.hintOnly[i] = 1;
    // Free to choose only at the end of a lane, and only round a queue: a cell held by a vehicle
    // passing through frees itself in a moment.
    if (moving && f.choiceAt >= 0 && slack > 0 && queueAt(f.next)) {
      const goal = v.task!.legs[v.task!.legIndex]!.node;
      const dist = cellTimesTo(site, site.timesTo(goal, draft.closedLanes), draft.closedLanes);
      pibt.dist[i] = dist;
      pibt.hintOnly[i] = 0;
      // Waiting here and then taking the route is worth `slack` of detour: PIBT ranks waiting as
      // the route's next cell plus the slack, so a longer way is taken only within it.
      pibt.waitPenalty[i] = dist[f.next]! + slack - dist[f.cell]!;
      free.push(i);
    }
  }
  for (const i of free) {
    // Every lane this agent could choose: closed where a queue reaches back to its start.
    const f = agentFrontier[i]!;
    const g = pg.graph;
    for (let k = g.off[f.cell]!; k < g.off[f.cell + 1]!; k++) {
      const c = g.adj[k]!;
      if (!pibt.closed[c] && queueAt(c)) pibt.closed[c] = 1;
    }
  }
  pibt.step(from, to, planOrder, () => 0);
  for (const i of free) {
    const f = agentFrontier[i]!;
    const u = to[i]!;
    if (u === NONE || u === f.next || u === f.cell || pibt.dist[i]![u]! >= UNREACHABLE) continue;
    divert(site, draft, agentVehicle[i]!, f, u, queueAt(f.next)!.id);
  }
}

/** Sends `v` into the lane starting with cell `u` and on from its end to the goal. */
function divert(site: Site, draft: Draft, v: VehicleState, f: Frontier, u: number, blockerId: string): void {
  const { cells } = site;
  const lane = cells.cells[u]!.lane;
  const fromLane = f.choiceAt === 0 ? v.lane : v.route[f.choiceAt - 1]!;
  if (cells.lane(fromLane).singleTrackWith === lane) return;
  const goal = v.task!.legs[v.task!.legIndex]!.node;
  const way = followTable(site, site.timesTo(goal, draft.closedLanes), cells.lane(lane).to, goal);
  if (!way.reached) return;
  const extra = [lane, ...way.lanes];
  const queued = v.route[f.choiceAt]!;
  patchVehicle(draft, v.id, { route: [...v.route.slice(0, f.choiceAt), ...extra] });
  draft.counters.reroutes++;
  draft.events.push({ kind: 'Rerouted', vehicleId: v.id, reason: `${queued} starts with a queue (${blockerId} stands there); PIBT sends it via ${lane}` });
}
