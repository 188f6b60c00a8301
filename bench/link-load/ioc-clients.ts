/**
 * Bench child: N IOC feed clients on real WebSockets (`/ioc/v1`), each
 * subscribed to every collection and keeping its own mirror (engine/protocol/ioc/mirror.ts),
 * asking for a resync when a patch does not fit. Messages are JSON.parsed, not zod-checked: the
 * viewer trusts its server the same way, and 100 clients' validation would load this process
 * more than the server. Notes when each version was applied, for the delivery lag.
 *
 * usage (forked by bench/link-load/ioc-bench-run.ts): node bin/run-ts.mjs bench/link-load/ioc-clients.ts
 */
import WebSocket from 'ws';
import { createMirror, type FeedMirror } from '../../engine/protocol/ioc/mirror.ts';
import { COLLECTIONS, type ServerMessage } from '../../engine/protocol/ioc/messages.ts';
import { clock, cpuPercent, serveIpc } from './ipc.ts';
import { bump, summarize } from './stats.ts';

interface Client {
  readonly ws: WebSocket;
  readonly mirror: FeedMirror;
  /** [version, wall ms] of each snapshot or patch applied while the window was open. */
  applied: [number, number][];
}

export interface ClientsWindow {
  readonly seconds: number;
  readonly cpu: { percent: number };
  /** Messages received in the window by type, all clients. */
  readonly messages: Record<string, number>;
  readonly bytes: number;
  readonly resyncs: number;
}

const clients: Client[] = [];
const messages: Record<string, number> = {};
let bytes = 0;
let resyncs = 0;
let closing = false;
let unexpectedCloses = 0;
let windowOpen = false;
let windowStart = { cpu: process.cpuUsage(), wall: 0, messages: {} as Record<string, number>, bytes: 0, resyncs: 0 };

function open(url: string): Promise<Client> {
  // No subprotocol offered: `igv-ioc/1` is not a valid RFC 6455 token ('/'), ws (and browsers) refuse it.
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const client: Client = { ws, mirror: createMirror(), applied: [] };
  ws.on('message', (data) => {
    const text = String(data);
    bytes += text.length;
    const msg = JSON.parse(text) as ServerMessage;
    bump(messages, msg.type);
    const r = client.mirror.apply(msg);
    if (r === 'resync') {
      resyncs++;
      ws.send(JSON.stringify({ type: 'resync' }));
    } else if (r === 'ok' && windowOpen) client.applied.push([client.mirror.version(), clock()]);
  });
  ws.on('close', () => !closing && unexpectedCloses++);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', collections: [...COLLECTIONS] }));
      resolve(client);
    });
    ws.once('error', reject);
  });
}

serveIpc({
  async connect(args) {
    const { url, clients: n } = args as { url: string; clients: number };
    const opened = await Promise.all(Array.from({ length: n }, () => open(url)));
    clients.push(...opened);
    return { open: clients.length };
  },
  'window-start'() {
    for (const c of clients) c.applied = [];
    windowStart = { cpu: process.cpuUsage(), wall: clock(), messages: { ...messages }, bytes, resyncs };
    windowOpen = true;
  },
  'window-end'(): ClientsWindow {
    windowOpen = false;
    const wallMs = clock() - windowStart.wall;
    const delta: Record<string, number> = {};
    for (const [k, v] of Object.entries(messages)) delta[k] = v - (windowStart.messages[k] ?? 0);
    return { seconds: wallMs / 1000, cpu: { percent: cpuPercent(windowStart.cpu, wallMs).percent }, messages: delta, bytes: bytes - windowStart.bytes, resyncs: resyncs - windowStart.resyncs };
  },
  /**
   * Publish → apply lag of every version applied in the window whose publish time is known,
   * `offsetMs` (this clock − the server's) corrected; the same for the first client to apply each
   * version (the others wait for this process to parse and apply it for them, one after another);
   * and how many versions clients missed (coalesced into a later patch).
   */
  lags(args) {
    const { publishedAt, offsetMs } = args as { publishedAt: [number, number][]; offsetMs: number };
    const at = new Map(publishedAt);
    const lags: number[] = [];
    const first = new Map<number, number>();
    let coalesced = 0;
    for (const c of clients) {
      const seen = new Set<number>();
      for (const [v, t] of c.applied) {
        seen.add(v);
        const p = at.get(v);
        if (p === undefined) continue;
        const lag = t - offsetMs - p;
        lags.push(lag);
        first.set(v, Math.min(first.get(v) ?? Infinity, lag));
      }
      for (const v of at.keys()) if (!seen.has(v)) coalesced++;
    }
    return { lag: summarize(lags), firstLag: summarize([...first.values()]), coalesced };
  },
  /** Waits (up to `timeoutMs`) until every mirror is at `version`; each mirror's version and digest. */
  async settle(args) {
    const { version, timeoutMs } = args as { version: number; timeoutMs: number };
    const end = clock() + timeoutMs;
    while (clients.some((c) => c.mirror.version() !== version) && clock() < end) await new Promise((r) => setTimeout(r, 20));
    return { mirrors: clients.map((c) => ({ version: c.mirror.version(), digest: c.mirror.digest() })), unexpectedCloses };
  },
  async close() {
    closing = true;
    for (const c of clients) c.ws.terminate();
    setImmediate(() => process.exit(0));
  },
});
