/**
 * Bench child: the server side of the vehicle-link bench, in one of two modes.
 * - `gateway`: our vehicle link (see gateway-link.ts).
 * - `bare`: a plain `ws` server that JSON.parses each message and acks `connection` messages the
 *   same way — the baseline the gateway's cost is a ratio of.
 * Both time a state from the client's send (carried in the state) to the point where it has been
 * taken in: after the logic's translation (gateway) or after JSON.parse (bare).
 *
 * usage (forked by bench/link-load/link-bench-run.ts): node bin/run-ts.mjs bench/link-load/link-server.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as perf, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import { clock, cpuPercent, serveIpc } from './ipc.ts';
import { sentAtOf } from './link-ids.ts';
import { bump, summarize } from './stats.ts';
import type { GatewayLink } from './gateway-link.ts';

export type LinkMode = 'bare' | 'gateway';

export interface ServerWindow {
  readonly seconds: number;
  readonly cpu: { userMs: number; systemMs: number; percent: number };
  /** Messages taken in during the window, by topic. */
  readonly accepted: Record<string, number>;
  /** Raw (server clock − client stamp) ms of the window's states; the coordinator corrects the clock offset. */
  readonly ingest: ReturnType<typeof summarize>;
  /** Event-loop lag p99 (timer delay beyond its 10 ms period), ms. */
  readonly eventLoopP99Ms: number;
  readonly rssMiB: number;
  /** Garbage-collection pauses in the window: how many (major: mark-compact), their total and the longest, ms. */
  readonly gc: { count: number; major: number; totalMs: number; maxMs: number };
}

export interface ServerTotals {
  readonly accepted: Record<string, number>;
  /** Messages refused, by link error type (gateway only; the bare server refuses nothing). */
  readonly refused: Record<string, number>;
  /** States that went through the whole ingest path (logic translation included, gateway). */
  readonly statesIngested: number;
  /** Commands the logic produced, by kind, counted and dropped (gateway). */
  readonly commandsDropped: Record<string, number>;
  readonly ticks: number;
}

const ELD_MS = 10;
let http: Server | null = null;
let bare: WebSocketServer | null = null;
let gateway: GatewayLink | null = null;
let windowOpen = false;
let ingest: number[] = [];
const bareAccepted: Record<string, number> = {};
const commandsDropped: Record<string, number> = {};
let statesIngested = 0;
const eld = monitorEventLoopDelay({ resolution: ELD_MS });
let windowStart = { cpu: process.cpuUsage(), wall: 0, accepted: {} as Record<string, number> };
let gc = { count: 0, major: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  if (!windowOpen) return;
  for (const e of list.getEntries()) {
    gc.count++;
    if ((e as { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

function recordState(sentAt: number): void {
  statesIngested++;
  if (windowOpen && Number.isFinite(sentAt)) ingest.push(clock() - sentAt);
}

const acceptedNow = async (): Promise<Record<string, number>> => (gateway ? gateway.counts('igv_vda_messages_accepted_total', 'topic') : { ...bareAccepted });

function startBare(server: Server): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/vda5050/v2/')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { topic: string; payload: { headerId: number; information?: { infoType: string; infoDescription?: string }[] } };
        bump(bareAccepted, m.topic);
        if (m.topic === 'connection') ws.send(JSON.stringify({ topic: 'ack', payload: { topic: 'connection', headerId: m.payload.headerId } }));
        else if (m.topic === 'state') recordState(sentAtOf(m.payload.information));
      });
    });
  });
  return wss;
}

serveIpc({
  async listen(args) {
    const server = createServer((_req, res) => res.writeHead(404).end());
    http = server;
    if (args.mode === 'gateway') {
      const { startGatewayLink } = await import('./gateway-link.ts');
      gateway = startGatewayLink(server, Number(args.links), recordState, commandsDropped);
    } else bare = startBare(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` };
  },
  async 'window-start'() {
    ingest = [];
    gc = { count: 0, major: 0, totalMs: 0, maxMs: 0 };
    eld.reset();
    eld.enable();
    windowStart = { cpu: process.cpuUsage(), wall: clock(), accepted: await acceptedNow() };
    windowOpen = true;
  },
  async 'window-end'(): Promise<ServerWindow> {
    windowOpen = false;
    const wallMs = clock() - windowStart.wall;
    const cpu = cpuPercent(windowStart.cpu, wallMs);
    eld.disable();
    const now = await acceptedNow();
    const accepted: Record<string, number> = {};
    for (const [k, v] of Object.entries(now)) accepted[k] = v - (windowStart.accepted[k] ?? 0);
    return { seconds: wallMs / 1000, cpu, accepted, ingest: summarize(ingest), eventLoopP99Ms: Math.max(0, eld.percentile(99) / 1e6 - ELD_MS), rssMiB: process.memoryUsage().rss / 2 ** 20, gc };
  },
  async totals(): Promise<ServerTotals> {
    return {
      accepted: await acceptedNow(),
      refused: gateway ? await gateway.counts('igv_vda_errors_total', 'type') : {},
      statesIngested,
      commandsDropped: { ...commandsDropped },
      ticks: gateway?.ticks() ?? 0,
    };
  },
  /** Heap in use, MiB, after a full GC when the child runs with --expose-gc (BENCH_NODE_ARGS): for spotting growth. */
  heap() {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  },
  async close() {
    gateway?.close();
    for (const c of bare?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    setImmediate(() => process.exit(0));
  },
});
