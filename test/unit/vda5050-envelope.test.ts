import { describe, expect, it } from 'vitest';
import { encode, parseMasterMessage, parseVehicleMessage, utf8Length } from '../../engine/protocol/vda5050/envelope.ts';
import type { VdaError } from '../../engine/protocol/vda5050/state.ts';
import { describeZodError, linkError } from '../../engine/protocol/vda5050/link-errors.ts';
import { StateSchema } from '../../engine/protocol/vda5050/state.ts';
import {
  sampleConnection,
  sampleFactsheet,
  sampleInstantActions,
  sampleOrder,
  sampleState,
  sampleVisualization,
} from '../../engine/protocol/vda5050/samples.ts';

const LIMIT = 64 * 1024;

function vehicleError(text: string): VdaError {
  const r = parseVehicleMessage(text, LIMIT);
  if (r.ok) throw new Error(`expected an error, parsed ${r.message.topic}`);
  return r.error;
}

const refs = (e: VdaError): Record<string, string> => Object.fromEntries((e.errorReferences ?? []).map((r) => [r.referenceKey, r.referenceValue]));

describe('given a vehicle sending messages to the master', () => {
  it.each([
    ['state', sampleState()],
    ['visualization', sampleVisualization()],
    ['connection', sampleConnection()],
    ['factsheet', sampleFactsheet()],
  ] as const)('a valid %s parses into its typed envelope', (topic, payload) => {
    const r = parseVehicleMessage(encode(topic, payload as never), LIMIT);
    expect(r.ok && r.message.topic).toBe(topic);
    expect(r.ok && r.message.payload).toEqual(payload);
  });

  it('answers MESSAGE_TOO_LARGE when the UTF-8 size exceeds the limit, before parsing', () => {
    const e = vehicleError(`{"topic":"state","payload":{"x":"${'đ'.repeat(LIMIT / 2)}"}}`);
    expect(e.errorType).toBe('MESSAGE_TOO_LARGE');
    expect(e.errorLevel).toBe('WARNING');
    expect(refs(e).limit).toBe(String(LIMIT));
  });

  it('counts bytes, not characters', () => {
    expect(utf8Length('ađ🚚')).toBe(1 + 2 + 4);
    const text = encode('state', sampleState({ orderId: 'đ'.repeat(100) }));
    expect(parseVehicleMessage(text, text.length + 50).ok).toBe(false);
    expect(parseVehicleMessage(text, utf8Length(text)).ok).toBe(true);
  });

  it('answers MALFORMED_MESSAGE saying where parsing stopped when the JSON is truncated', () => {
    const text = encode('state', sampleState());
    const e = vehicleError(text.slice(0, 40));
    expect(e.errorType).toBe('MALFORMED_MESSAGE');
    expect(e.errorDescription).toContain('ends too early at character 40');
  });

  it('answers MALFORMED_MESSAGE with line and column when a character is wrong', () => {
    const e = vehicleError('{"topic":"state",\n "payload": {"a": }}');
    expect(e.errorDescription).toContain('line 2 column 19');
    expect(refs(e).offset).toBe('36');
  });

  it.each([
    ['an array', '[1,2]'],
    ['no topic', '{"payload":{}}'],
    ['a numeric topic', '{"topic":7,"payload":{}}'],
    ['a string payload', '{"topic":"state","payload":"x"}'],
  ])('answers MALFORMED_MESSAGE when the JSON is not an envelope (%s)', (_what, text) => {
    expect(vehicleError(text).errorType).toBe('MALFORMED_MESSAGE');
  });

  it('answers UNKNOWN_TOPIC for a topic outside VDA 5050 and the link', () => {
    const e = vehicleError('{"topic":"telemetry","payload":{"headerId":1}}');
    expect(e.errorType).toBe('UNKNOWN_TOPIC');
    expect(refs(e)).toEqual({ topic: 'telemetry' });
  });

  it('answers TOPIC_NOT_ALLOWED when a vehicle sends an order or instant actions', () => {
    expect(vehicleError(encode('order', sampleOrder())).errorType).toBe('TOPIC_NOT_ALLOWED');
    const e = vehicleError(encode('instantActions', sampleInstantActions()));
    expect(e.errorType).toBe('TOPIC_NOT_ALLOWED');
    expect(refs(e)).toEqual({ topic: 'instantActions', headerId: '1' });
  });

  it('answers UNSUPPORTED_VERSION for version 3, before the schema (3.0 shapes differ)', () => {
    const e = vehicleError(encode('state', { ...sampleState(), version: '3.0.0' }));
    expect(e.errorType).toBe('UNSUPPORTED_VERSION');
    expect(refs(e).version).toBe('3.0.0');
  });

  it('answers VALIDATION_FAILURE listing path: message when fields have wrong types', () => {
    const bad = { ...sampleState(), driving: 'yes', batteryState: { batteryCharge: 120, charging: false } };
    const e = vehicleError(JSON.stringify({ topic: 'state', payload: bad }));
    expect(e.errorType).toBe('VALIDATION_FAILURE');
    expect(e.errorDescription).toMatch(/^state invalid: driving: .*; batteryState\.batteryCharge: /);
    expect(refs(e)).toEqual({ topic: 'state', headerId: '1', path: 'driving' });
  });
});

describe('given a vehicle receiving messages from the master', () => {
  it('parses an order, instant actions, an ack and an error', () => {
    const texts = [
      encode('order', sampleOrder()),
      encode('instantActions', sampleInstantActions()),
      encode('ack', { topic: 'connection', headerId: 4 }),
      encode('error', linkError('RATE_LIMITED', 'too many states', { topic: 'state' })),
    ];
    expect(texts.map((t) => { const r = parseMasterMessage(t); return r.ok ? r.message.topic : r.error.errorType; })).toEqual(['order', 'instantActions', 'ack', 'error']);
  });

  it('reports an order breaking a rule as VALIDATION_FAILURE with the rule path', () => {
    const o = sampleOrder();
    o.edges[1]!.endNodeId = 'x';
    const r = parseMasterMessage(encode('order', o));
    expect(r.ok ? null : refs(r.error).path).toBe('edges[1].endNodeId');
  });

  it('answers TOPIC_NOT_ALLOWED when the master sends a vehicle topic', () => {
    const r = parseMasterMessage(encode('state', sampleState()));
    expect(r.ok ? null : r.error.errorType).toBe('TOPIC_NOT_ALLOWED');
  });
});

describe('given describeZodError', () => {
  it('lists at most max issues and says how many more there were', () => {
    const r = StateSchema.safeParse({});
    const text = describeZodError(r.error!, 2);
    expect(text.split('; ')).toHaveLength(3);
    expect(text).toMatch(/^headerId: .*; timestamp: .*; … \d+ more$/);
  });
});
