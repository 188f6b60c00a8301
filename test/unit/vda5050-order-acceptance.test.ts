import { describe, expect, it } from 'vitest';
import { checkOrderActions, decideOrder } from '../../engine/protocol/vda5050/order-acceptance.ts';
import type { OrderContext } from '../../engine/protocol/vda5050/order-acceptance.ts';
import { ACTION_TYPES } from '../../engine/protocol/vda5050/action.ts';
import { sampleAction, sampleOrder } from '../../engine/protocol/vda5050/samples.ts';

/** Vehicle executing order-1 update 0 with base n1..n2 (n2 = sequenceId 2) and horizon n3. */
const busy: OrderContext = { orderId: 'order-1', orderUpdateId: 0, lastBaseNode: { nodeId: 'n2', sequenceId: 2 }, idle: false, cancelled: false };

/** An update of order-1 stitched at n2. */
const update = (over: Partial<Parameters<typeof sampleOrder>[0]> = {}) =>
  sampleOrder({ orderUpdateId: 1, nodeIds: ['n2', 'n3', 'n4'], firstSequenceId: 2, ...over });

const refs = (d: ReturnType<typeof decideOrder>) =>
  d.kind === 'reject' ? Object.fromEntries((d.error.errorReferences ?? []).map((r) => [r.referenceKey, r.referenceValue])) : null;

describe('given the VDA 5050 order acceptance flow', () => {
  it('starts an order when the vehicle never had one', () => {
    expect(decideOrder(null, sampleOrder())).toEqual({ kind: 'start' });
  });

  it('starts a new orderId when the vehicle is idle', () => {
    expect(decideOrder({ ...busy, idle: true }, sampleOrder({ orderId: 'order-2' }))).toEqual({ kind: 'start' });
  });

  it('accepts an update whose first node is the last base node', () => {
    expect(decideOrder(busy, update())).toEqual({ kind: 'update' });
  });

  it('rejects with orderUpdateError when the stitching node is another node', () => {
    const d = decideOrder(busy, update({ nodeIds: ['n3', 'n4'], firstSequenceId: 4 }));
    expect(d.kind === 'reject' && d.error.errorType).toBe('orderUpdateError');
    expect(d.kind === 'reject' && d.error.errorDescription).toMatch(/^stitching node mismatch: .* n3\/4, expected the last base node n2\/2/);
    expect(refs(d)).toEqual({ orderId: 'order-1', orderUpdateId: '1', nodeId: 'n3' });
  });

  it('rejects when the stitching node has the right id but another sequenceId', () => {
    const d = decideOrder(busy, update({ firstSequenceId: 6 }));
    expect(d.kind === 'reject' && d.error.errorType).toBe('orderUpdateError');
  });

  it('rejects a lower orderUpdateId with orderUpdateError', () => {
    const d = decideOrder({ ...busy, orderUpdateId: 5 }, update({ orderUpdateId: 4 }));
    expect(d.kind === 'reject' && d.error).toMatchObject({ errorType: 'orderUpdateError', errorLevel: 'WARNING' });
  });

  it('ignores the same orderId and orderUpdateId as a duplicate', () => {
    expect(decideOrder({ ...busy, orderUpdateId: 1 }, update())).toEqual({ kind: 'duplicate' });
  });

  it('rejects a new orderId with orderError while the vehicle is busy', () => {
    const d = decideOrder(busy, sampleOrder({ orderId: 'order-2' }));
    expect(d.kind === 'reject' && d.error.errorType).toBe('orderError');
    expect(refs(d)).toEqual({ orderId: 'order-2', orderUpdateId: '0' });
  });

  it('rejects an update after a cancel with orderUpdateError', () => {
    const d = decideOrder({ ...busy, cancelled: true }, update());
    expect(d.kind === 'reject' && d.error.errorType).toBe('orderUpdateError');
    expect(d.kind === 'reject' && d.error.errorDescription).toContain('cancelled');
  });

  it('accepts an update of a finished order continuing from its last node', () => {
    expect(decideOrder({ ...busy, idle: true }, update())).toEqual({ kind: 'update' });
  });
});

describe('given the actions of an order', () => {
  it('accepts an order using only supported actions', () => {
    expect(checkOrderActions(sampleOrder({ lastNodeActions: [sampleAction('drop')] }), ACTION_TYPES)).toBeNull();
  });

  it('reports an unknown actionType as orderError naming the node and action', () => {
    const e = checkOrderActions(sampleOrder({ lastNodeActions: [sampleAction('drop'), sampleAction('detectObject', 'd1')] }), ACTION_TYPES);
    expect(e?.errorType).toBe('orderError');
    expect(e?.errorReferences).toContainEqual({ referenceKey: 'nodeId', referenceValue: 'n3' });
    expect(e?.errorReferences).toContainEqual({ referenceKey: 'actionId', referenceValue: 'd1' });
  });
});
