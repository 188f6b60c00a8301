/**
 * One IOC feed client on a WebSocket (`/ioc/v1`, subprotocol igv-ioc/1, DESIGN §5). The client
 * has its own cursor into the hub. On each hub change it gets ONE patch from its cursor to now,
 * but only while the socket's send buffer is under `maxBufferedBytes`; otherwise it is behind and
 * is tried again on the next change or a retry timer. So a slow client's queue stays bounded: it
 * gets one coalesced patch when it drains, or a snapshot if its cursor fell out of the hub's log.
 */
import type { WebSocket, RawData } from 'ws';
import type { FeedHub } from '../../runtime/feed/feed-hub.ts';
import { COLLECTIONS, type Collection } from '../../protocol/ioc/feed-schema.ts';
import { FEED_ERRORS, FEED_PROTOCOL, parseClientMessage, type Notice, type ServerMessage } from '../../protocol/ioc/messages.ts';

export interface IocClientOptions {
  readonly role: 'operator' | 'ioc';
  /** Send no feed message while the socket buffers more than this, bytes (1 MiB). */
  readonly maxBufferedBytes?: number;
  /** Larger client messages are refused with an error, bytes (64 KiB). */
  readonly maxMessageBytes?: number;
  /** A client that has not subscribed this long after the hello gets every collection, ms (100). */
  readonly defaultSubscribeMs?: number;
  /** Retry interval while behind, ms (50). */
  readonly retryMs?: number;
}

export interface IocClientStats {
  snapshots: number;
  patches: number;
  notices: number;
  noticesDropped: number;
  /** Times a send was held back because the buffer was over the limit. */
  deferred: number;
}

export interface IocClient {
  readonly stats: Readonly<IocClientStats>;
  /** The version the client was last brought to; -1 before its first snapshot. */
  cursor(): number;
  /** Stops feeding the client (the socket is left open; called on close). */
  detach(): void;
}

const OPEN = 1;

/** Serves the feed on `socket` until it closes. */
export function attachIocClient(socket: WebSocket, hub: FeedHub, options: IocClientOptions): IocClient {
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const maxMessage = options.maxMessageBytes ?? 64 * 1024;
  const retryMs = options.retryMs ?? 50;
  const stats: IocClientStats = { snapshots: 0, patches: 0, notices: 0, noticesDropped: 0, deferred: 0 };
  let collections: readonly Collection[] | null = null;
  let cursor = -1;
  let needsSnapshot = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let detached = false;

  const send = (msg: ServerMessage) => socket.send(JSON.stringify(msg));
  const over = () => socket.bufferedAmount > maxBuffered;

  function pump(): void {
    if (detached || collections === null || socket.readyState !== OPEN) return;
    if (!needsSnapshot && cursor === hub.version()) return;
    if (over()) {
      stats.deferred++;
      retry ??= setTimeout(() => {
        retry = null;
        pump();
      }, retryMs);
      return;
    }
    const version = hub.version();
    const patch = needsSnapshot ? null : encodedPatch(hub, cursor, collections);
    if (patch === null) {
      send({ type: 'snapshot', version, world: hub.snapshot(collections).world });
      stats.snapshots++;
    } else {
      socket.send(patch);
      stats.patches++;
    }
    cursor = version;
    needsSnapshot = false;
  }

  function subscribe(list: readonly Collection[]): void {
    collections = COLLECTIONS.filter((c) => list.includes(c));
    needsSnapshot = true;
    pump();
  }

  // Errors, too, are dropped while the client does not read: a flood of bad messages cannot grow the buffer.
  const error = (code: string, message: string) => socket.readyState === OPEN && !over() && send({ type: 'error', code, message });

  const onMessage = (data: RawData, isBinary: boolean) => {
    const size = Array.isArray(data) ? data.reduce((a, b) => a + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (size > maxMessage) return error(FEED_ERRORS.MESSAGE_TOO_LARGE, `message of ${size} bytes; the limit is ${maxMessage}`);
    if (isBinary) return error(FEED_ERRORS.MALFORMED_MESSAGE, 'binary messages are not part of igv-ioc/1');
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return error(parsed.code, parsed.message);
    if (parsed.message.type === 'subscribe') return subscribe(parsed.message.collections);
    if (collections === null) return subscribe(COLLECTIONS);
    needsSnapshot = true;
    pump();
  };

  const offChange = hub.onChange(() => pump());
  const offNotice = hub.onNotice((n: Notice) => {
    if (collections === null || socket.readyState !== OPEN) return;
    // A client that is behind loses notices rather than queueing them; its alarms collection still shows what holds.
    if (over() || cursor !== hub.version()) {
      stats.noticesDropped++;
      return;
    }
    send({ type: 'notice', ...n });
    stats.notices++;
  });
  const fallback = setTimeout(() => collections === null && subscribe(COLLECTIONS), options.defaultSubscribeMs ?? 100);

  function detach(): void {
    if (detached) return;
    detached = true;
    offChange();
    offNotice();
    clearTimeout(fallback);
    if (retry) clearTimeout(retry);
    socket.off('message', onMessage);
    socket.off('close', detach);
  }

  socket.on('message', onMessage);
  socket.on('close', detach);
  send({ type: 'hello', protocol: FEED_PROTOCOL, version: hub.version(), collections: [...COLLECTIONS], role: options.role });
  return { stats, cursor: () => cursor, detach };
}

// Clients at the same cursor with the same collections get the same patch: work it out and
// encode it once per hub version, not once per client. null: the cursor needs a snapshot.
const patchCache = new WeakMap<FeedHub, { version: number; texts: Map<string, string | null> }>();

function encodedPatch(hub: FeedHub, base: number, collections: readonly Collection[]): string | null {
  const version = hub.version();
  let cache = patchCache.get(hub);
  if (!cache || cache.version !== version) patchCache.set(hub, (cache = { version, texts: new Map() }));
  const key = `${base}|${collections.join(',')}`;
  let text = cache.texts.get(key);
  if (text === undefined) {
    const changes = hub.changesSince(base, collections);
    text = changes === null ? null : JSON.stringify({ type: 'patch', baseVersion: base, version, changes });
    cache.texts.set(key, text);
  }
  return text;
}
