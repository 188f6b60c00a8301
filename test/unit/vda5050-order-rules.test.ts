import { describe, expect, it } from 'vitest';
import { OrderSchema, OrderStructureSchema } from '../../engine/protocol/vda5050/order.ts';
import type { Order } from '../../engine/protocol/vda5050/order.ts';
import { sampleOrder } from '../../engine/protocol/vda5050/samples.ts';

function issues(order: Order): { path: string; message: string }[] {
  const r = OrderSchema.safeParse(order);
  return (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Deep copy, then let the test break one thing. */
function broken(edit: (o: Order) => void, base: Order = sampleOrder()): Order {
  const o = structuredClone(base);
  edit(o);
  return o;
}

describe('given the VDA 5050 order rules', () => {
  it('accepts a fully released order, a base with a horizon and a single-node order', () => {
    expect(issues(sampleOrder())).toEqual([]);
    expect(issues(sampleOrder({ nodeIds: ['a', 'b', 'c', 'd'], releasedNodes: 2 }))).toEqual([]);
    expect(issues(sampleOrder({ nodeIds: ['a'] }))).toEqual([]);
  });

  it('accepts an update whose first node has any even sequenceId', () => {
    expect(issues(sampleOrder({ orderUpdateId: 3, firstSequenceId: 8 }))).toEqual([]);
  });

  it('reports an order without nodes at nodes', () => {
    expect(issues(broken((o) => ((o.nodes = []), (o.edges = []))))).toEqual([{ path: 'nodes', message: 'an order needs at least one node' }]);
  });

  it('reports edges ≠ nodes − 1 at edges', () => {
    const found = issues(broken((o) => o.edges.pop()));
    expect(found).toEqual([{ path: 'edges', message: '3 nodes need 2 edges (nodes − 1), got 1' }]);
  });

  it('reports a new order not starting at sequenceId 0 at nodes.0.sequenceId', () => {
    const found = issues(sampleOrder({ firstSequenceId: 2 }));
    expect(found[0]).toEqual({ path: 'nodes.0.sequenceId', message: 'sequenceId must be 0 (a new order (orderUpdateId 0) starts at 0), got 2' });
  });

  it('reports an update starting at an odd sequenceId, and every element off the even/odd ladder', () => {
    const found = issues(sampleOrder({ orderUpdateId: 1, firstSequenceId: 3, nodeIds: ['a', 'b'] }));
    expect(found).toEqual([
      { path: 'nodes.0.sequenceId', message: "the first node's sequenceId must be even, got 3" },
      { path: 'edges.0.sequenceId', message: 'sequenceId must be 3 (nodes even, edges odd, consecutive in list order), got 4' },
      { path: 'nodes.1.sequenceId', message: 'sequenceId must be 4 (nodes even, edges odd, consecutive in list order), got 5' },
    ]);
  });

  it('reports the count and the one edge now out of place when an edge is dropped', () => {
    const found = issues(broken((o) => o.edges.splice(0, 1)));
    expect(found.map((i) => i.path)).toEqual(['edges', 'edges.0.sequenceId', 'edges.0.startNodeId', 'edges.0.endNodeId']);
  });

  it('reports a gap in the sequenceIds at the element that breaks the ladder', () => {
    const found = issues(broken((o) => (o.edges[1]!.sequenceId = 5)));
    expect(found).toEqual([{ path: 'edges.1.sequenceId', message: 'sequenceId must be 3 (nodes even, edges odd, consecutive in list order), got 5' }]);
  });

  it('reports a sequenceId used twice', () => {
    const found = issues(broken((o) => (o.nodes[2]!.sequenceId = 2)));
    expect(found).toContainEqual({ path: 'nodes.2.sequenceId', message: 'sequenceId 2 is already used by nodes[1]' });
  });

  it('reports a released element after an unreleased one (the base must be a prefix)', () => {
    const found = issues(broken((o) => (o.nodes[2]!.released = true), sampleOrder({ releasedNodes: 1 })));
    expect(found).toEqual([
      { path: 'nodes.2.released', message: 'released after the unreleased edges[0]: the base (released) must be a prefix of the order' },
    ]);
  });

  it('reports a released edge whose end node is not released', () => {
    const found = issues(broken((o) => (o.edges[0]!.released = true), sampleOrder({ releasedNodes: 1 })));
    expect(found).toEqual([
      { path: 'edges.0.released', message: 'edge released but its end node nodes[1] (n2) is not: an edge is released only with both its nodes' },
    ]);
  });

  it('reports edge endpoints that do not match the adjacent nodes', () => {
    const found = issues(broken((o) => ((o.edges[1]!.startNodeId = 'n1'), (o.edges[1]!.endNodeId = 'x'))));
    expect(found).toEqual([
      { path: 'edges.1.startNodeId', message: 'startNodeId must be n2 (nodes[1]), got n1' },
      { path: 'edges.1.endNodeId', message: 'endNodeId must be n3 (nodes[2]), got x' },
    ]);
  });

  it('reports angles outside [-π, π] at their exact path', () => {
    const found = issues(broken((o) => ((o.nodes[1]!.nodePosition!.theta = 4), (o.edges[0]!.orientation = -3.2))));
    expect(found.map((i) => i.path)).toEqual(['nodes.1.nodePosition.theta', 'edges.0.orientation']);
    expect(found[0]!.message).toBe('angle must be in [-π, π] rad');
  });

  it('reports a trajectory whose knotVector does not fit its control points', () => {
    const found = issues(broken((o) => (o.edges[0]!.trajectory = { degree: 1, knotVector: [0, 1], controlPoints: [{ x: 0, y: 0 }, { x: 10, y: 0 }] })));
    expect(found).toEqual([{ path: 'edges.0.trajectory.knotVector', message: 'knotVector must have controlPoints + degree + 1 = 4 entries, got 2' }]);
  });

  it('the structural schema alone accepts what only the rules reject', () => {
    const o = broken((x) => (x.edges[0]!.startNodeId = 'elsewhere'));
    expect(OrderStructureSchema.safeParse(o).success).toBe(true);
    expect(OrderSchema.safeParse(o).success).toBe(false);
  });
});
