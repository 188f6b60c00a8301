import { describe, expect, it } from 'vitest';
import { createPhase1Site } from '../fixtures/phase1-run.ts';
import { isMapNode, nodeIdOf, nodePosition, parseNodeId, samePlace } from '../../engine/runtime/vehicle-link/lane-points.ts';
import { NodePositionSchema } from '../../engine/protocol/vda5050/order.ts';

const site = createPhase1Site(500);
const cells = site.cells;
const lg = cells.laneGraph;
const lane = lg.lane('L-CN-Y-CR-BYPASS-01')!;
const mapNode = 'CN-Y-CR-M03';

describe('given a lane of the phase-1 map', () => {
  it('names its ends by their map nodes and its inside by virtual nodes', () => {
    expect(nodeIdOf(cells, lane.id, 0)).toBe(lane.from);
    expect(nodeIdOf(cells, lane.id, lane.lengthMm)).toBe(lane.to);
    expect(nodeIdOf(cells, lane.id, 1234)).toBe(`${lane.id}:1234`);
    expect(isMapNode(cells, lane.from)).toBe(true);
    expect(isMapNode(cells, `${lane.id}:1234`)).toBe(false);
  });

  it('refuses an offset outside the lane or a lane it does not know', () => {
    expect(() => nodeIdOf(cells, lane.id, lane.lengthMm + 1)).toThrow(RangeError);
    expect(() => nodeIdOf(cells, lane.id, 1.5)).toThrow(RangeError);
    expect(() => nodeIdOf(cells, 'NO-SUCH-LANE', 0)).toThrow(RangeError);
  });

  it('parses every node id it writes back to the same lane point when given the lane as hint', () => {
    for (const offsetMm of [0, 1, 777, lane.lengthMm - 1, lane.lengthMm]) {
      expect(parseNodeId(cells, nodeIdOf(cells, lane.id, offsetMm), lane.id)).toEqual({ lane: lane.id, offsetMm });
    }
  });

  it('parses a virtual node without a hint', () => {
    expect(parseNodeId(cells, `${lane.id}:5000`)).toEqual({ lane: lane.id, offsetMm: 5000 });
  });

  it('gives null for an unknown node, a virtual node beyond its lane or on an unknown lane', () => {
    expect(parseNodeId(cells, 'NOPE')).toBeNull();
    expect(parseNodeId(cells, `${lane.id}:${lane.lengthMm + 1}`)).toBeNull();
    expect(parseNodeId(cells, 'NOPE:12')).toBeNull();
  });
});

describe('given a map node where several lanes meet', () => {
  const ins = lg.inLanes(mapNode);
  const outs = lg.outLanes(mapNode);

  it('maps it to the end of the hint lane when that lane ends there', () => {
    expect(ins.length).toBeGreaterThan(1);
    const hint = ins[1]!;
    expect(parseNodeId(cells, mapNode, hint.id)).toEqual({ lane: hint.id, offsetMm: hint.lengthMm });
  });

  it('maps it to the start of the hint lane when that lane starts there', () => {
    const hint = outs[0]!;
    expect(parseNodeId(cells, mapNode, hint.id)).toEqual({ lane: hint.id, offsetMm: 0 });
  });

  it('maps it to the start of the first lane leaving it when the hint does not touch it', () => {
    expect(parseNodeId(cells, mapNode, lane.id)).toEqual({ lane: outs[0]!.id, offsetMm: 0 });
    expect(parseNodeId(cells, mapNode)).toEqual({ lane: outs[0]!.id, offsetMm: 0 });
  });

  it('counts a lane end and the next lane start as the same place', () => {
    const a = { lane: ins[0]!.id, offsetMm: ins[0]!.lengthMm };
    const b = { lane: outs[0]!.id, offsetMm: 0 };
    expect(samePlace(cells, a, b)).toBe(true);
    expect(samePlace(cells, a, { lane: outs[0]!.id, offsetMm: 1 })).toBe(false);
  });
});

describe('given a lane point', () => {
  it('places its node in metres on the lane, heading along it, with the contract deviations', () => {
    const n = lg.node(lane.from)!;
    const p = nodePosition(cells, lane.id, 0, site.map.id);
    expect(p.x).toBeCloseTo(n.x / 1000, 6);
    expect(p.y).toBeCloseTo(n.y / 1000, 6);
    expect(p.mapId).toBe('bac-luan-2.phase1');
    expect(p.allowedDeviationXY).toBe(0.5);
    expect(p.allowedDeviationTheta).toBe(0.35);
    expect(NodePositionSchema.safeParse(p).success).toBe(true);
  });

  it('turns theta with a curved lane', () => {
    const start = nodePosition(cells, lane.id, 0, site.map.id);
    const end = nodePosition(cells, lane.id, lane.lengthMm, site.map.id);
    const to = lg.node(lane.to)!;
    expect(end.x).toBeCloseTo(to.x / 1000, 6);
    expect(Math.abs(end.theta! - start.theta!)).toBeGreaterThan(0.05);
  });
});
