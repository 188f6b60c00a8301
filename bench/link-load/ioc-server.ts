/**
 * Bench child: the server side of the IOC fan-out bench. A headless run of the phase-2 map (a
 * fleet placed by fleetCommands and kept busy with orders, virtual vehicles driving) ticks every
 * 100 ms on the wall clock; each tick goes through the real feed pipeline into the feed hub, and
 * every IOC socket is served by the real attachIocClient. The hub is wrapped only to note the
 * wall time each version is published (before the hub's listeners send it).
 *
 * usage (forked by bench/link-load/ioc-bench-run.ts): node bin/run-ts.mjs bench/link-load/ioc-server.ts
 */
import { craneOrderStream } from '../crane-orders.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import { MapSchema } from '../../maps/schema/map-schema.ts';
import { createEngineConfig } from '../../engine/core/config/engine-config.ts';
import { createSite } from '../../engine/core/tick/site.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import type { Command } from '../../engine/core/model/commands.ts';
import { createHeadlessRun } from '../../simulator/headless-run.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import { createFeedHub, type FeedHub } from '../../engine/runtime/feed/feed-hub.ts';
import { createFeedPipeline } from '../../engine/runtime/feed/feed-pipeline.ts';
import { attachIocClient, type IocClient } from '../../engine/adapters/ws/ioc-feed-socket.ts';
import { startWallTicker, type WallTicker } from '../../engine/adapters/clock/wall-ticker.ts';
import { feedDigest } from '../../engine/protocol/ioc/digest.ts';
import { vdaTimestamp } from '../../engine/protocol/vda5050/header.ts';
import { ROOT, clock, cpuPercent, serveIpc } from './ipc.ts';
import { summarize } from './stats.ts';

const TICK_MS = 100;
const ELD_MS = 10;

export interface IocServerWindow {
  readonly seconds: number;
  readonly cpu: { percent: number };
  /** Hub versions published in the window (one per tick that changed anything). */
  readonly versions: number;
  readonly engineMs: ReturnType<typeof summarize>;
  /** Feed pipeline per tick: projection, hub diff, and the synchronous fan-out sends. */
  readonly feedMs: ReturnType<typeof summarize>;
  readonly eventLoopP99Ms: number;
  readonly movingVehicles: number;
}

export interface IocServerFinal {
  readonly version: number;
  readonly digest: string;
  /** [version, wall ms] of every version published while the window was open. */
  readonly publishedAt: [number, number][];
  readonly clients: { snapshots: number; patches: number; deferred: number }[];
  readonly vehicles: number;
  readonly delivered: number;
}

let http: Server | null = null;
let wss: WebSocketServer | null = null;
let ticker: WallTicker | null = null;
let hub: FeedHub | null = null;
let windowOpen = false;
let published: [number, number][] = [];
let engineMs: number[] = [];
let feedMs: number[] = [];
let moving = 0;
const clients: IocClient[] = [];
const eld = monitorEventLoopDelay({ resolution: ELD_MS });
let windowStart = { cpu: process.cpuUsage(), wall: 0, version: 0 };
let tickNo = 0;
let finish: () => IocServerFinal = () => {
  throw new Error('not started');
};

function setUp(vehicles: number, preTicks: number): void {
  const map = MapSchema.parse(JSON.parse(readFileSync(`${ROOT}/maps/data/bac-luan-2.phase2.json`, 'utf8')));
  const site = createSite(map, createEngineConfig({ tickMs: TICK_MS }));
  const run = createHeadlessRun(site, createWorld({ tickMs: TICK_MS, seed: 1 }));
  const orders = craneOrderStream(site, 'F', 'FAN');
  const inner = createFeedHub();
  // Stamps each version just before the hub's listeners send it out.
  hub = {
    ...inner,
    publish(state) {
      const t = clock();
      const before = inner.version();
      const v = inner.publish(state);
      if (windowOpen && v !== before) published.push([v, t]);
      return v;
    },
  };
  const pipeline = createFeedPipeline(site, hub);
  const epochMs = Date.now();
  const oneTick = () => {
    const inbox = tickNo === 0 ? [...fleetCommands(site, vehicles, 'V', {}, 90, 15_600), ...orders(vehicles)] : tickNo % 50 === 0 ? orders(Math.ceil(vehicles / 20)) : [];
    tickNo++;
    const t0 = clock();
    const out = run.tick(inbox);
    const t1 = clock();
    pipeline.onTick(out.world, out.events, vdaTimestamp(epochMs + out.world.tick * out.world.tickMs));
    if (windowOpen) {
      engineMs.push(t1 - t0);
      feedMs.push(clock() - t1);
      let n = 0;
      for (const v of out.world.vehicles.values()) if (v.speedMmps > 0) n++;
      moving = Math.max(moving, n);
    }
  };
  // Ticks before anyone listens, so the fleet is already spread out and moving when the bench starts.
  for (let i = 0; i < preTicks; i++) oneTick();
  ticker = startWallTicker({ tickMs: TICK_MS, onTick: oneTick });
  finish = () => {
    ticker?.stop();
    const w = run.runtime.world();
    return {
      version: hub!.version(),
      digest: feedDigest(hub!.snapshot().world),
      publishedAt: published,
      clients: clients.map((c) => ({ ...c.stats })),
      vehicles: w.vehicles.size,
      delivered: [...w.orders.values()].filter((o) => o.status === 'delivered').length,
    };
  };
}

serveIpc({
  async listen(args) {
    setUp(Number(args.vehicles), Number(args.preTicks ?? 300));
    const server = createServer((_req, res) => res.writeHead(404).end());
    http = server;
    wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/ioc/v1')) return socket.destroy();
      wss!.handleUpgrade(req, socket, head, (ws: WebSocket) => clients.push(attachIocClient(ws, hub!, { role: 'ioc' })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ioc/v1` };
  },
  'window-start'() {
    published = [];
    engineMs = [];
    feedMs = [];
    moving = 0;
    eld.reset();
    eld.enable();
    windowStart = { cpu: process.cpuUsage(), wall: clock(), version: hub!.version() };
    windowOpen = true;
  },
  'window-end'(): IocServerWindow {
    const wallMs = clock() - windowStart.wall;
    const cpu = cpuPercent(windowStart.cpu, wallMs);
    eld.disable();
    windowOpen = false;
    return {
      seconds: wallMs / 1000, cpu: { percent: cpu.percent }, versions: hub!.version() - windowStart.version,
      engineMs: summarize(engineMs), feedMs: summarize(feedMs), eventLoopP99Ms: Math.max(0, eld.percentile(99) / 1e6 - ELD_MS), movingVehicles: moving,
    };
  },
  /** Stops ticking; the hub's final version and digest, for the clients to catch up with. */
  finish: () => finish(),
  async close() {
    ticker?.stop();
    for (const c of wss?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    setImmediate(() => process.exit(0));
  },
});
