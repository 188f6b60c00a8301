/**
 * The vehicle link's JSON envelope `{topic, payload}` and the checks a received message passes,
 * in order: size → JSON → envelope shape → known topic → topic allowed for this sender →
 * version major 2 → payload schema. The first failing check answers with one link error.
 */
import { z } from 'zod';
import { Uint32Schema } from './header.ts';
import { StateSchema, VdaErrorSchema } from './state.ts';
import type { VdaError } from './state.ts';
import { VisualizationSchema } from './visualization.ts';
import { ConnectionSchema } from './connection.ts';
import { FactsheetSchema } from './factsheet.ts';
import { OrderSchema } from './order.ts';
import { InstantActionsSchema } from './instant-actions.ts';
import { describeZodError, formatPath, linkError } from './link-errors.ts';
import type { ErrorReferences } from './link-errors.ts';
import { jsonErrorOffset, lineColumn } from './json-position.ts';

/** Topics a vehicle sends. */
export const VEHICLE_TOPICS = ['state', 'visualization', 'connection', 'factsheet'] as const;
/** Topics the master sends (ack and error are link-level, not VDA 5050). */
export const MASTER_TOPICS = ['order', 'instantActions', 'ack', 'error'] as const;
export type VehicleTopic = (typeof VEHICLE_TOPICS)[number];
export type MasterTopic = (typeof MASTER_TOPICS)[number];
export type Topic = VehicleTopic | MasterTopic;

/** QoS-1 emulation: the master acknowledges every `connection` message by its headerId. */
export const AckSchema = z.object({ topic: z.enum(VEHICLE_TOPICS), headerId: Uint32Schema });
export type Ack = z.infer<typeof AckSchema>;

export const ENVELOPE_SCHEMAS = {
  state: StateSchema,
  visualization: VisualizationSchema,
  connection: ConnectionSchema,
  factsheet: FactsheetSchema,
  order: OrderSchema,
  instantActions: InstantActionsSchema,
  ack: AckSchema,
  error: VdaErrorSchema,
} as const satisfies Record<Topic, z.ZodType>;

export type PayloadOf<K extends Topic> = z.output<(typeof ENVELOPE_SCHEMAS)[K]>;
export type Envelope<K extends Topic> = { topic: K; payload: PayloadOf<K> };
export type VehicleEnvelope = { [K in VehicleTopic]: Envelope<K> }[VehicleTopic];
export type MasterEnvelope = { [K in MasterTopic]: Envelope<K> }[MasterTopic];
export type ParseResult<E> = { ok: true; message: E } | { ok: false; error: VdaError };

/** Topics whose payload carries the VDA header (and so a version). */
const HEADER_LESS: ReadonlySet<Topic> = new Set<Topic>(['ack', 'error']);
const ALL_TOPICS: readonly string[] = [...VEHICLE_TOPICS, ...MASTER_TOPICS];

/**
 * Checks a text received from a vehicle (master side).
 * @param maxBytes UTF-8 size limit; larger texts answer MESSAGE_TOO_LARGE without being parsed
 */
export function parseVehicleMessage(text: string, maxBytes: number): ParseResult<VehicleEnvelope> {
  return parseEnvelope(text, maxBytes, VEHICLE_TOPICS, 'a vehicle') as ParseResult<VehicleEnvelope>;
}

/** Checks a text received from the master (vehicle side); same checks as parseVehicleMessage. */
export function parseMasterMessage(text: string, maxBytes = Number.POSITIVE_INFINITY): ParseResult<MasterEnvelope> {
  return parseEnvelope(text, maxBytes, MASTER_TOPICS, 'the master') as ParseResult<MasterEnvelope>;
}

/** The wire text of one message. */
export function encode<K extends Topic>(topic: K, payload: PayloadOf<K>): string {
  return JSON.stringify({ topic, payload });
}

/** UTF-8 byte length without TextEncoder allocation (lone surrogates count as 3, as TextEncoder's U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseEnvelope(text: string, maxBytes: number, own: readonly Topic[], sender: string): ParseResult<{ topic: Topic; payload: unknown }> {
  const fail = (error: VdaError) => ({ ok: false, error }) as const;
  const size = text.length > maxBytes ? Number.POSITIVE_INFINITY : utf8Length(text); // each char is ≥ 1 byte
  if (size > maxBytes) {
    const bytes = utf8Length(text);
    return fail(linkError('MESSAGE_TOO_LARGE', `message is ${bytes} bytes, over the limit of ${maxBytes}`, { size: bytes, limit: maxBytes }));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(linkError('MALFORMED_MESSAGE', describeJsonFailure(text), { offset: Math.max(jsonErrorOffset(text), 0) }));
  }
  if (!isObject(value)) return fail(linkError('MALFORMED_MESSAGE', `not an envelope: expected a JSON object {topic, payload}, got ${kind(value)}`));
  const { topic, payload } = value;
  if (typeof topic !== 'string') return fail(linkError('MALFORMED_MESSAGE', `not an envelope: "topic" must be a string, got ${kind(topic)}`));
  if (!isObject(payload)) return fail(linkError('MALFORMED_MESSAGE', `not an envelope: "payload" must be a JSON object, got ${kind(payload)}`, { topic }));
  const refs: Record<string, string | number> = { topic };
  if (typeof payload.headerId === 'number') refs.headerId = payload.headerId;
  if (!ALL_TOPICS.includes(topic)) {
    return fail(linkError('UNKNOWN_TOPIC', `unknown topic ${JSON.stringify(topic.slice(0, 64))}; ${sender} may send ${own.join(', ')}`, { topic: topic.slice(0, 64) }));
  }
  const t = topic as Topic;
  if (!own.includes(t)) return fail(linkError('TOPIC_NOT_ALLOWED', `topic ${topic} is not sent by ${sender}; ${sender} may send ${own.join(', ')}`, refs));
  if (!HEADER_LESS.has(t) && typeof payload.version === 'string') {
    const major = /^(\d+)\./.exec(payload.version)?.[1];
    if (major !== undefined && major !== '2') {
      return fail(linkError('UNSUPPORTED_VERSION', `version ${payload.version.slice(0, 32)} is not supported: this link speaks VDA 5050 2.x`, { ...refs, version: payload.version.slice(0, 32) }));
    }
  }
  const parsed = ENVELOPE_SCHEMAS[t].safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const more: ErrorReferences = first ? { path: formatPath(first.path) } : {};
    return fail(linkError('VALIDATION_FAILURE', `${topic} invalid: ${describeZodError(parsed.error)}`, { ...refs, ...more }));
  }
  return { ok: true, message: { topic: t, payload: parsed.data } };
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return v === undefined ? 'nothing' : `a ${typeof v}`;
}

function describeJsonFailure(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return 'not valid JSON';
  if (offset >= text.length) return `not valid JSON: the text ends too early at character ${text.length} (truncated?)`;
  const { line, column } = lineColumn(text, offset);
  return `not valid JSON: parsing stopped at line ${line} column ${column} (character ${offset} of ${text.length}) near ${JSON.stringify(text.slice(offset, offset + 16))}`;
}
