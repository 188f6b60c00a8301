/**
 * The viewer's IOC feed client: the same protocol and mirror as every IOC client (DESIGN §2, "one
 * feed"). It subscribes to every collection, feeds each server message to the mirror, asks for a
 * resync when the mirror refuses a patch, and reconnects after a drop with a growing delay. State
 * listeners hear about changes at most once per animation frame: the scene and the HUD redraw once
 * however many patches came in between.
 */
import { COLLECTIONS, type FeedState } from '../../../engine/protocol/ioc/feed-schema.ts';
import { parseServerMessage, type Notice } from '../../../engine/protocol/ioc/messages.ts';
import { createMirror, type FeedMirror } from '../../../engine/protocol/ioc/mirror.ts';
import { backoffMs } from './backoff.ts';
import type { FeedStatus } from './feed-status.ts';

export type { FeedStatus } from './feed-status.ts';

/** The browser's WebSocket, or a stand-in with the same surface (tests). */
export type SocketFactory = (url: string) => WebSocket;

export interface FeedClientOptions {
  /** ws(s) URL of the feed, token included. */
  readonly url: string;
  readonly socket?: SocketFactory;
  /** Runs `cb` before the next repaint; `requestAnimationFrame` by default. */
  readonly nextFrame?: (cb: () => void) => void;
}

export interface FeedClient {
  readonly mirror: FeedMirror;
  status(): FeedStatus;
  /** Called at most once per frame after the mirror changed; returns an unsubscribe. */
  onState(cb: (state: FeedState) => void): () => void;
  onStatus(cb: (status: FeedStatus) => void): () => void;
  onNotice(cb: (notice: Notice) => void): () => void;
  /** Closes the socket for good (no reconnect). */
  close(): void;
}

/** `ws(s)://host/ioc/v1?token=…` for the page at `location`. */
export function feedUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ioc/v1?token=${encodeURIComponent(token)}`;
}

// Close codes after which trying again cannot help: the token is missing, unknown or not allowed.
const REFUSED = new Set([4401, 4403]);

/** Connects now and keeps connected until `close()`. */
export function connectFeed(options: FeedClientOptions): FeedClient {
  const open = options.socket ?? ((url: string) => new WebSocket(url));
  const nextFrame = options.nextFrame ?? ((cb: () => void) => void requestAnimationFrame(cb));
  const mirror = createMirror();
  const stateCbs = new Set<(s: FeedState) => void>();
  const statusCbs = new Set<(s: FeedStatus) => void>();
  const noticeCbs = new Set<(n: Notice) => void>();
  let status: FeedStatus = { kind: 'connecting', attempt: 0 };
  let attempt = 0;
  let ws: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let framePending = false;
  let closed = false;
  let role: 'operator' | 'ioc' | null = null;

  const setStatus = (s: FeedStatus) => {
    status = s;
    for (const cb of statusCbs) cb(s);
  };
  const changed = () => {
    if (framePending) return;
    framePending = true;
    nextFrame(() => {
      framePending = false;
      const s = mirror.state();
      for (const cb of stateCbs) cb(s);
    });
  };

  function connect(): void {
    if (closed) return;
    setStatus({ kind: 'connecting', attempt });
    const sock = open(options.url);
    ws = sock;
    let refusal: string | null = null;
    sock.onopen = () => sock.send(JSON.stringify({ type: 'subscribe', collections: [...COLLECTIONS] }));
    sock.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      const parsed = parseServerMessage(e.data);
      if (!parsed.ok) {
        // A message we cannot read leaves a gap in the versions: start again from a snapshot.
        if (sock.readyState === 1) sock.send(JSON.stringify({ type: 'resync' }));
        return;
      }
      const m = parsed.message;
      if (m.type === 'hello') role = m.role ?? null;
      else if (m.type === 'notice') for (const cb of noticeCbs) cb(m);
      else if (m.type === 'error') refusal = `${m.code}: ${m.message}`;
      const r = mirror.apply(m);
      if (r === 'resync') sock.send(JSON.stringify({ type: 'resync' }));
      if (r === 'ok') {
        if (m.type === 'snapshot') attempt = 0;
        if (status.kind !== 'live' || m.type === 'snapshot') setStatus({ kind: 'live', role, version: mirror.version() });
        changed();
      }
    };
    sock.onclose = (e: CloseEvent) => {
      if (ws !== sock) return;
      ws = null;
      if (closed) return setStatus({ kind: 'closed' });
      const reason = `${e.code}${e.reason ? ` ${e.reason}` : ''}`;
      if (REFUSED.has(e.code)) return setStatus({ kind: 'refused', reason: refusal ?? reason });
      const inMs = backoffMs(attempt++);
      setStatus({ kind: 'retrying', inMs, reason });
      timer = setTimeout(connect, inMs);
    };
  }
  connect();

  const listen = <T>(set: Set<T>, cb: T) => {
    set.add(cb);
    return () => void set.delete(cb);
  };
  return {
    mirror,
    status: () => status,
    onState: (cb) => listen(stateCbs, cb),
    onStatus: (cb) => listen(statusCbs, cb),
    onNotice: (cb) => listen(noticeCbs, cb),
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const s = ws;
      ws = null;
      s?.close(1000, 'viewer closed');
      setStatus({ kind: 'closed' });
    },
  };
}
