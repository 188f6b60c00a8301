/**
 * Placing a new vehicle on the map: its nose at a node (the end of a lane arriving there) or at
 * a lane offset, its body laid back along the lanes behind. The place must be free: the body's
 * cells are granted like any other space, or the placement is refused.
 */
import type { CellGraph } from '../graph/cell-graph.ts';
import type { Command } from '../model/commands.ts';
import { cellsBetween, makeTrack } from '../motion/track.ts';
import type { VehicleState } from '../model/world.ts';
import { createHoldings } from '../traffic/holdings.ts';

export interface Placement {
  readonly lane: string;
  readonly offsetMm: number;
  readonly trail: string[];
  readonly held: number[];
}

type At = Extract<Command, { kind: 'AddVehicle' }>['at'];

/** Where the vehicle would stand, or a reason it cannot be placed there. */
export function placeVehicle(
  cells: CellGraph,
  at: At,
  lengthMm: number,
  gapMm: number,
  vehicles: readonly Pick<VehicleState, 'id' | 'held'>[],
  closed: ReadonlySet<string>,
): { ok: true; placement: Placement } | { ok: false; reason: 'UNKNOWN_NODE' | 'UNKNOWN_LANE' | 'PLACEMENT_OCCUPIED'; detail: string } {
  const lg = cells.laneGraph;
  const candidates: { lane: string; offsetMm: number }[] = [];
  if ('node' in at) {
    if (!lg.node(at.node)) return { ok: false, reason: 'UNKNOWN_NODE', detail: `no node ${at.node}` };
    for (const lane of lg.inLanes(at.node)) candidates.push({ lane: lane.id, offsetMm: lane.lengthMm });
    if (candidates.length === 0) for (const lane of lg.outLanes(at.node)) candidates.push({ lane: lane.id, offsetMm: 0 });
  } else {
    const lane = lg.lane(at.lane);
    if (!lane) return { ok: false, reason: 'UNKNOWN_LANE', detail: `no lane ${at.lane}` };
    candidates.push({ lane: lane.id, offsetMm: Math.min(at.offsetMm, lane.lengthMm) });
  }
  const reach = lengthMm + gapMm;
  let lastDetail = '';
  for (const c of candidates) {
    const trail = trailBehind(cells, c.lane, c.offsetMm, reach);
    const track = makeTrack(cells, trail, c.lane, c.offsetMm, []);
    const body = cellsBetween(cells, track, Math.max(0, track.nose - reach), Math.max(track.nose, 1)).map((t) => t.cell);
    const holdings = createHoldings(cells, vehicles);
    const blockers = new Set<string>();
    const granted = holdings.tryGrant('\u0000new', body, c.lane, closed, blockers);
    holdings.done();
    if (granted) {
      return { ok: true, placement: { lane: c.lane, offsetMm: c.offsetMm, trail, held: [...body].sort((a, b) => a - b) } };
    }
    lastDetail = `lane ${c.lane} at ${c.offsetMm} mm is taken by ${[...blockers].sort().join(', ') || 'a closure'}`;
  }
  return { ok: false, reason: 'PLACEMENT_OCCUPIED', detail: lastDetail || 'no lane to stand on' };
}

/** Lanes behind a nose position that the body reaches into (first incoming lane by id at each step). */
function trailBehind(cells: CellGraph, lane: string, offsetMm: number, reachMm: number): string[] {
  const trail: string[] = [];
  let need = reachMm - offsetMm;
  let from = cells.lane(lane).from;
  const twin = cells.lane(lane).singleTrackWith;
  while (need > 0) {
    const prev = cells.laneGraph.inLanes(from).find((l) => l.id !== twin && !trail.includes(l.id));
    if (!prev) break;
    trail.unshift(prev.id);
    need -= prev.lengthMm;
    from = prev.from;
  }
  return trail;
}
