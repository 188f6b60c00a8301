import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MapSchema } from '../../maps/schema/map-schema.ts';
import { createEngineConfig } from '../../engine/core/config/engine-config.ts';
import { createSite } from '../../engine/core/tick/site.ts';
import { cellTimesTo, placeGraphOf } from '../../engine/core/planner/place-graph.ts';
import { UNREACHABLE } from '../../engine/core/planner/mapf/distance-cache.ts';
import { createDistanceCache } from '../../engine/core/planner/mapf/distance-cache.ts';

describe('given the phase-2 Bắc Luân II map compiled for the MAPF solvers', () => {
  const map = MapSchema.parse(JSON.parse(readFileSync('maps/data/bac-luan-2.phase2.json', 'utf8')));
  const site = createSite(map, createEngineConfig({}));
  const pg = placeGraphOf(site.cells);
  const { graph } = pg;

  it('has one node per cell and edges only along lanes and from a lane end into the lanes leaving it', () => {
    expect(graph.n).toBe(site.cells.cells.length);
    for (let c = 0; c < graph.n; c++) {
      const cell = site.cells.cells[c]!;
      const outs = [...graph.adj.subarray(graph.off[c]!, graph.off[c + 1]!)];
      const list = site.cells.laneCells(cell.lane);
      if (cell.index + 1 < list.length) expect(outs).toEqual([list[cell.index + 1]]);
      else {
        expect(pg.lastOnLane[c]).toBe(1);
        const leaving = site.cells.laneGraph.outLanes(site.cells.lane(cell.lane).to).map((l) => site.cells.laneCells(l.id)[0]);
        expect(outs).toEqual(leaving);
      }
    }
  });

  it('gives travel times to a goal that fall along every lane and agree with hop reachability', () => {
    const station = [...site.stations.values()][0]!;
    const goal = station.nodes[0]!;
    const times = cellTimesTo(site, site.timesTo(goal, new Set()), new Set());
    const goalCell = site.cells.laneCells(site.cells.laneGraph.inLanes(goal)[0]!.id).at(-1)!;
    const hops = createDistanceCache(graph).to(goalCell);
    let reachable = 0;
    for (let c = 0; c < graph.n; c++) {
      const cell = site.cells.cells[c]!;
      const list = site.cells.laneCells(cell.lane);
      if (times[c]! < UNREACHABLE) {
        reachable++;
        if (cell.index + 1 < list.length) expect(times[c]!).toBeGreaterThan(times[list[cell.index + 1]!]!);
        // A place the engine can drive from to the goal is one the solvers' graph connects to it.
        expect(hops[c]!).toBeLessThan(UNREACHABLE);
      }
    }
    expect(reachable).toBeGreaterThan(graph.n / 2);
  });

  it('closes a closed lane to the goal tables', () => {
    const goal = [...site.stations.values()][0]!.nodes[0]!;
    const lane = site.cells.laneGraph.laneIds.find((l) => !site.deadEndLanes.has(l))!;
    const closed = new Set([lane]);
    const times = cellTimesTo(site, site.timesTo(goal, closed), closed);
    for (const c of site.cells.laneCells(lane)) expect(times[c]).toBe(UNREACHABLE);
  });
});
