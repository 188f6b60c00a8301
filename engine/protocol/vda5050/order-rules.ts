/**
 * The VDA 5050 2.1 order rules that plain JSON schema cannot express: node/edge counts,
 * the sequenceId ladder, the released prefix (base before horizon) and edge endpoints.
 * Pure; returns issues instead of throwing so every violation is reported at its own path.
 */
import type { OrderStructure } from './order.ts';

export interface OrderRuleIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

interface Element {
  readonly kind: 'nodes' | 'edges';
  readonly index: number;
  readonly sequenceId: number;
  readonly released: boolean;
}

/** Nodes and edges in traversal order: node0, edge0, node1, … (extra elements of either kind last). */
function traversal(o: OrderStructure): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < Math.max(o.nodes.length, o.edges.length); i++) {
    const n = o.nodes[i];
    if (n) out.push({ kind: 'nodes', index: i, sequenceId: n.sequenceId, released: n.released });
    const e = o.edges[i];
    if (e) out.push({ kind: 'edges', index: i, sequenceId: e.sequenceId, released: e.released });
  }
  return out;
}

const label = (e: Element): string => `${e.kind}[${e.index}]`;

/** Every rule violation of a structurally valid order; empty when the order is valid. */
export function orderRuleIssues(o: OrderStructure): OrderRuleIssue[] {
  const out: OrderRuleIssue[] = [];
  if (o.nodes.length === 0) out.push({ path: ['nodes'], message: 'an order needs at least one node' });
  const wantEdges = Math.max(o.nodes.length - 1, 0);
  if (o.edges.length !== wantEdges) {
    out.push({ path: ['edges'], message: `${o.nodes.length} nodes need ${wantEdges} edges (nodes − 1), got ${o.edges.length}` });
  }
  const order = traversal(o);
  sequenceIssues(o, order, out);
  releasedIssues(o, order, out);
  endpointIssues(o, out);
  return out;
}

function sequenceIssues(o: OrderStructure, order: Element[], out: OrderRuleIssue[]): void {
  const first = o.nodes[0]?.sequenceId ?? 0;
  // A new order starts at 0; an update starts at its stitching node, whose id is any even number.
  // Expectations go by kind and index (node i: start + 2i, edge i: start + 2i + 1) so that one
  // wrong or missing element is reported alone, not as a cascade along the list.
  const update = o.orderUpdateId > 0;
  const start = update ? first - (first % 2) : 0;
  const seen = new Map<number, Element>();
  for (const el of order) {
    const path = [el.kind, el.index, 'sequenceId'];
    const earlier = seen.get(el.sequenceId);
    if (earlier) out.push({ path, message: `sequenceId ${el.sequenceId} is already used by ${label(earlier)}` });
    else seen.set(el.sequenceId, el);
    if (update && el.kind === 'nodes' && el.index === 0) {
      if (first % 2 !== 0) out.push({ path, message: `the first node's sequenceId must be even, got ${first}` });
      continue;
    }
    const want = start + 2 * el.index + (el.kind === 'edges' ? 1 : 0);
    if (el.sequenceId !== want) {
      const rule = !update && el.kind === 'nodes' && el.index === 0 ? 'a new order (orderUpdateId 0) starts at 0' : 'nodes even, edges odd, consecutive in list order';
      out.push({ path, message: `sequenceId must be ${want} (${rule}), got ${el.sequenceId}` });
    }
  }
}

function releasedIssues(o: OrderStructure, order: Element[], out: OrderRuleIssue[]): void {
  let firstUnreleased: Element | null = null;
  for (const el of order) {
    if (!el.released) {
      firstUnreleased ??= el;
      continue;
    }
    const path = [el.kind, el.index, 'released'];
    if (firstUnreleased) {
      out.push({ path, message: `released after the unreleased ${label(firstUnreleased)}: the base (released) must be a prefix of the order` });
    } else if (el.kind === 'edges') {
      const end = o.nodes[el.index + 1];
      if (end && !end.released) {
        out.push({ path, message: `edge released but its end node nodes[${el.index + 1}] (${end.nodeId}) is not: an edge is released only with both its nodes` });
      }
    }
  }
}

function endpointIssues(o: OrderStructure, out: OrderRuleIssue[]): void {
  const n = Math.min(o.edges.length, o.nodes.length - 1);
  for (let i = 0; i < n; i++) {
    const e = o.edges[i]!;
    const from = o.nodes[i]!;
    const to = o.nodes[i + 1]!;
    if (e.startNodeId !== from.nodeId) {
      out.push({ path: ['edges', i, 'startNodeId'], message: `startNodeId must be ${from.nodeId} (nodes[${i}]), got ${e.startNodeId}` });
    }
    if (e.endNodeId !== to.nodeId) {
      out.push({ path: ['edges', i, 'endNodeId'], message: `endNodeId must be ${to.nodeId} (nodes[${i + 1}]), got ${e.endNodeId}` });
    }
  }
}
