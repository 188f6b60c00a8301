/**
 * The IOC feed's wire messages (subprotocol `igv-ioc/1`, DESIGN §5), one JSON object per
 * WebSocket text message. Server messages are parsed leniently (a newer server may add fields);
 * client messages strictly (the server answers anything else with an `error`).
 */
import { z } from 'zod';
import {
  COLLECTIONS,
  FeedAlarmSchema,
  FeedGateSchema,
  FeedOrderSchema,
  FeedStateSchema,
  FeedStationSchema,
  FeedVehicleSchema,
  LiveKpisSchema,
  type Collection,
  type FeedEntry,
} from './feed-schema.ts';

export { COLLECTIONS, type Collection } from './feed-schema.ts';

export const FEED_PROTOCOL = 'igv-ioc/1';

export const CollectionSchema = z.enum(COLLECTIONS);
const Version = z.number().int().nonnegative();

export const HelloMessageSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(FEED_PROTOCOL),
  version: Version.describe('the feed version now'),
  collections: z.array(CollectionSchema).describe('collections this server offers'),
  role: z.enum(['operator', 'ioc']).optional(),
});

export const SnapshotMessageSchema = z.object({
  type: z.literal('snapshot'),
  version: Version,
  world: FeedStateSchema.partial().describe('the subscribed collections, whole'),
});

const change = <C extends Collection, S extends z.ZodType>(c: C, entry: S) =>
  z.object({ c: z.literal(c), id: z.string(), v: entry.nullable().describe('null: the entry was removed') });

export const ChangeSchema = z.discriminatedUnion('c', [
  change('gate', FeedGateSchema),
  change('vehicles', FeedVehicleSchema),
  change('orders', FeedOrderSchema),
  change('stations', FeedStationSchema),
  change('kpis', LiveKpisSchema),
  change('alarms', FeedAlarmSchema),
]);

/** One changed entry: its current value, or null when removed. */
export type Change = { [C in Collection]: { c: C; id: string; v: FeedEntry<C> | null } }[Collection];

export const PatchMessageSchema = z.object({
  type: z.literal('patch'),
  baseVersion: Version.describe('the version the client must be at to apply this'),
  version: Version,
  changes: z.array(ChangeSchema),
});

export const NOTICE_LEVELS = ['info', 'warning', 'critical'] as const;

export const NoticeSchema = z.object({
  level: z.enum(NOTICE_LEVELS),
  code: z.string().describe('the engine event kind (VehicleStalled, StationWentDown…)'),
  message: z.string(),
  tick: z.number().int().nonnegative(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const NoticeMessageSchema = NoticeSchema.extend({ type: z.literal('notice') });

export const ErrorMessageSchema = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
});

export const ServerMessageSchema = z.discriminatedUnion('type', [
  HelloMessageSchema,
  SnapshotMessageSchema,
  PatchMessageSchema,
  NoticeMessageSchema,
  ErrorMessageSchema,
]);

export const SubscribeMessageSchema = z.object({ type: z.literal('subscribe'), collections: z.array(CollectionSchema).min(1) }).strict();
export const ResyncMessageSchema = z.object({ type: z.literal('resync') }).strict();
export const ClientMessageSchema = z.discriminatedUnion('type', [SubscribeMessageSchema, ResyncMessageSchema]);

export type HelloMessage = z.infer<typeof HelloMessageSchema>;
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;
export type PatchMessage = Omit<z.infer<typeof PatchMessageSchema>, 'changes'> & { changes: Change[] };
export type NoticeMessage = z.infer<typeof NoticeMessageSchema>;
export type ErrorMessage = z.infer<typeof ErrorMessageSchema>;
export type ServerMessage = HelloMessage | SnapshotMessage | PatchMessage | NoticeMessage | ErrorMessage;
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** Error codes the server sends for a bad client message. */
export const FEED_ERRORS = {
  MALFORMED_MESSAGE: 'MALFORMED_MESSAGE',
  VALIDATION_FAILURE: 'VALIDATION_FAILURE',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
} as const;

/** `path: message` for each zod issue, joined: what an `error` message says about a bad message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

type Parsed<T> = { ok: true; message: T } | { ok: false; code: string; message: string };

function parseWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: FEED_ERRORS.MALFORMED_MESSAGE, message: 'not JSON' };
  }
  const r = schema.safeParse(json);
  return r.success ? { ok: true, message: r.data } : { ok: false, code: FEED_ERRORS.VALIDATION_FAILURE, message: describeIssues(r.error) };
}

/** Parses a server → client message (the viewer's and IOC clients' decoder). */
export function parseServerMessage(text: string): Parsed<ServerMessage> {
  return parseWith(ServerMessageSchema as z.ZodType<ServerMessage>, text);
}

/** Parses a client → server message. */
export function parseClientMessage(text: string): Parsed<ClientMessage> {
  return parseWith(ClientMessageSchema, text);
}
