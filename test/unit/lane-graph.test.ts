import { describe, expect, it } from 'vitest';
import { createLaneGraph, laneTravelTimeMs } from '../../engine/core/graph/lane-graph.ts';
import { IgvError } from '../../engine/core/errors.ts';
import type { IgvMap, Lane } from '../../maps/schema/map-schema.ts';
import { mapFromAscii } from '../fixtures/ascii-map.ts';

// A one-way ring A→B→E→F→A with a single-track spur B═C═D.
const RING_WITH_SPUR = `
  A-->B===C===D
  ^   |
  |   v
  F<--E
`;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

function withLanes(map: IgvMap, lanes: Lane[]): IgvMap {
  return { ...map, lanes };
}

describe('given a ring with a single-track spur drawn as ASCII', () => {
  const map = mapFromAscii(RING_WITH_SPUR);
  const lg = createLaneGraph(map);

  it('has one graph node per map node and one directed link per lane when built', () => {
    expect(lg.graph.getNodeCount()).toBe(6);
    expect(lg.graph.getLinkCount()).toBe(8);
    expect(lg.nodeIds).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(lg.laneIds).toEqual(['A-B', 'B-C', 'B-E', 'C-B', 'C-D', 'D-C', 'E-F', 'F-A']);
  });

  it('carries the Lane as link data and the MapNode as node data when queried', () => {
    const link = lg.graph.getLink('B', 'E');
    expect(link?.data).toBe(lg.lane('B-E'));
    expect(lg.graph.getNode('E')?.data).toEqual({ id: 'E', x: 40_000, y: 0 });
    expect(lg.laneBetween('E', 'B')).toBeUndefined();
  });

  it('lists lanes in and out of a node sorted by lane id when asked', () => {
    expect(lg.outLanes('B').map((l) => l.id)).toEqual(['B-C', 'B-E']);
    expect(lg.inLanes('B').map((l) => l.id)).toEqual(['A-B', 'C-B']);
    expect(lg.outLanes('nope')).toEqual([]);
    expect(lg.node('nope')).toBeUndefined();
    expect(lg.nodeIndex('nope')).toBe(-1);
    expect(lg.nodeIndex('C')).toBe(2);
  });

  it('precomputes centre lines whose length is the lane length when built', () => {
    for (const id of lg.laneIds) expect(lg.centreLine(id)!.length).toBe(lg.lane(id)!.lengthMm);
    expect(lg.centreLine('F-A')!.points).toEqual([
      [0, 0],
      [0, 30_000],
    ]);
  });

  it('iterates neighbours in lane-id order whatever order the file lists lanes in', () => {
    const reversed = createLaneGraph(withLanes(map, [...map.lanes].reverse()));
    const order = (g: typeof lg) => {
      const seen: string[] = [];
      g.graph.forEachLinkedNode('B', (_n, link) => void seen.push(link.data.id), true);
      return seen;
    };
    expect(order(reversed)).toEqual(['B-C', 'B-E']);
    expect(order(reversed)).toEqual(order(lg));
  });
});

describe('given a map with two lanes joining the same nodes the same way', () => {
  const map = mapFromAscii('A-->B');
  const twin: Lane = { ...map.lanes[0]!, id: 'A-B-again' };

  it('throws IGV_ERR_DUPLICATE_LANE naming both lanes when the graph is built', () => {
    const err = thrown(() => createLaneGraph(withLanes(map, [...map.lanes, twin])));
    expect(err).toBeInstanceOf(IgvError);
    expect((err as IgvError).code).toBe('IGV_ERR_DUPLICATE_LANE');
    expect((err as IgvError).message).toMatch(/^\[lane-graph\] .*\[lanes=A-B, A-B-again, from=A, to=B\]$/);
  });
});

describe('given a lane that names a node the map does not have', () => {
  const map = mapFromAscii('A-->B');
  const stray: Lane = { ...map.lanes[0]!, id: 'B-Z', from: 'B', to: 'Z' };

  it('throws IGV_ERR_UNKNOWN_NODE instead of letting ngraph invent the node', () => {
    const err = thrown(() => createLaneGraph(withLanes(map, [...map.lanes, stray])));
    expect(err).toBeInstanceOf(IgvError);
    expect((err as IgvError).code).toBe('IGV_ERR_UNKNOWN_NODE');
  });
});

describe('given a lane with a speed limit', () => {
  const lane = mapFromAscii('A-->B', { spacingMm: 2_500, speedLimitMmps: 3_000 }).lanes[0]!; // 10,000 mm

  it('uses the lane limit when the vehicle is faster', () => {
    expect(laneTravelTimeMs(lane, 8_333)).toBe(3_334); // 3,333.3 ms rounded up
  });

  it('uses the vehicle speed when the vehicle is slower', () => {
    expect(laneTravelTimeMs(lane, 2_000)).toBe(5_000);
  });
});
