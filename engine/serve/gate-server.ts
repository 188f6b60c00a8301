/**
 * The composition root of the live gate: wires the engine runtime (behind the live-gate queue) to
 * its edges — SQLite store, operator API, IOC feed, vehicle link, viewer — and to its drivers:
 * the wall clock (or the lockstep loop), generated demand and the simulated fleet. Everything
 * here is plumbing; behaviour lives in the modules it wires.
 */
import Fastify, { LogController } from 'fastify';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createEngineConfig } from '../core/config/engine-config.ts';
import { createSite } from '../core/tick/site.ts';
import { createWorld } from '../core/tick/create-world.ts';
import { worldDigest } from '../core/tick/world-digest.ts';
import { loadMapFile } from '../../maps/tools/load-map.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load-scenario.ts';
import { createLiveGate, type LiveGate } from '../runtime/gate/live-gate.ts';
import { createAccess, bearerToken } from '../runtime/auth/access.ts';
import { recoverWorld } from '../runtime/recovery.ts';
import { openGateStore } from '../adapters/sqlite/gate-store.ts';
import { startWallTicker, type WallTicker } from '../adapters/clock/wall-ticker.ts';
import { createVehicleLinkHub } from '../adapters/ws/vehicle-link-hub.ts';
import { createVehicleLinkLogic } from '../runtime/vehicle-link/vehicle-link-logic.ts';
import { registerOperatorApi } from '../adapters/http/operator-api.ts';
import type { ServeConfig } from './serve-config.ts';
import { loadOrCreateTokens } from './tokens-file.ts';
import { createLiveDemand, type LiveDemand } from './live-demand.ts';
import { createLiveTrace, type LiveTrace } from './live-trace.ts';
import { createFeed, type LiveFeed } from './live-feed.ts';
import { startSimulatedFleet, type SimulatedFleet } from './simulated-fleet.ts';
import { createJournalling } from './journalling.ts';
import { fleetCommands } from '../../simulator/fleet/fleet-placement.ts';
import { DEFAULT_VEHICLE_SPEC } from '../core/model/vehicle-spec.ts';

export interface GateServer {
  readonly url: string;
  readonly port: number;
  readonly tokensPath: string;
  readonly tokens: ReturnType<typeof loadOrCreateTokens>['tokens'];
  readonly gate: LiveGate;
  readonly feed: LiveFeed;
  /** Resolves when the engine stopped ticking on its own (`stopAfterHours`); the server stays up until `close`. */
  readonly finished: Promise<void>;
  close(reason?: string): Promise<void>;
}

export async function startGateServer(config: ServeConfig): Promise<GateServer> {
  const loadedMap = await loadMapFile(resolve(config.map));
  if (!loadedMap.ok) throw new Error(`${config.map}: ${loadedMap.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const map = loadedMap.map;
  const site = createSite(map, createEngineConfig({ tickMs: config.tickMs }));

  const serials = [...Array.from({ length: config.fleet.simulated }, (_, i) => simulatedSerial(config, i)), ...config.fleet.extraSerials];
  const tokensFile = loadOrCreateTokens(config.dataDir, serials);
  const access = createAccess(tokensFile.tokens);

  const storePath = config.storeFile === ':memory:' ? ':memory:' : join(config.dataDir, config.storeFile);
  const store = openGateStore(storePath);
  const meta = store.meta();
  if (meta && (meta.mapId !== map.id || meta.tickMs !== config.tickMs)) {
    store.close();
    throw new Error(`${storePath} belongs to map ${meta.mapId} at ${meta.tickMs} ms ticks; this start asks for ${map.id} at ${config.tickMs} ms (use another --data-dir)`);
  }
  const seed = meta?.seed ?? config.seed;
  const initial = createWorld({ tickMs: config.tickMs, seed });
  const recovered = meta ? recoverWorld(site, initial, store) : null;
  const world = recovered?.world ?? initial;
  // Engine time continues where it stopped; the wall time it maps to moves on by the downtime.
  const epochMs = Date.now() - (world.tick * world.tickMs) / config.timeScale;
  if (!meta) store.writeMeta({ format: 'igv-gate-store/1', mapId: map.id, mapVersion: map.version, seed, tickMs: config.tickMs, epochMs, createdAt: new Date().toISOString() });

  const journalling = createJournalling(store, config.snapshotEveryTicks);
  const gate = createLiveGate({ site, initial: world, journal: journalling.journal });

  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens travel in headers or ?token=: neither may reach the logs.
      redact: ['req.headers.authorization'],
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }) },
    },
    bodyLimit: 256 * 1024,
    logController: new LogController({ disableRequestLogging: !verbose }),
  });
  const log = app.log;
  if (recovered) {
    log.info({ tick: world.tick, replayedTicks: recovered.replayedTicks, snapshotTick: recovered.snapshotTick, digestMatches: recovered.digestMatches, resubmitted: recovered.missingOrders.length }, 'recovered the gate from its store');
    if (recovered.digestMatches === false) log.error({ tick: world.tick }, 'journal replay does not reproduce the recorded digest');
  }
  if (tokensFile.generated) log.info({ path: tokensFile.path }, 'generated access tokens');

  const feed = createFeed(site, gate, access, () => epochMs, log);
  const hub = createVehicleLinkHub({
    gate, access, mapId: map.id, log,
    logic: createVehicleLinkLogic({ cells: site.cells, mapId: map.id }),
    epochMs: () => epochMs,
    maxMessageBytes: config.link.maxMessageBytes,
    // A lockstep vehicle answers every tick, and ticks run as fast as the machine goes.
    ratePerSecond: config.lockstep ? Math.max(config.link.ratePerSecond, 5_000) : config.link.ratePerSecond,
    burst: config.lockstep ? Math.max(config.link.burst, 5_000) : config.link.burst,
    lockstep: config.lockstep,
  });

  await app.register(websocket, { options: { maxPayload: config.link.hardMaxBytes } });
  await registerOperatorApi(app, {
    gate, access,
    kpis: () => feed.kpis(),
    vehicleInfo: (serial) => hub.retained(serial),
    acceptOrder: (spec) => store.acceptOrder(spec, null),
    ready: () => gate.running(),
  });
  app.register(async (scope) => {
    scope.get('/ioc/v1', { websocket: true }, (socket, req) => feed.accept(socket, bearerToken(req.headers.authorization, req.url)));
    scope.get<{ Params: { manufacturer: string; serialNumber: string } }>('/vda5050/v2/:manufacturer/:serialNumber', { websocket: true }, (socket, req) =>
      hub.accept(socket, req.params.manufacturer, req.params.serialNumber, bearerToken(req.headers.authorization, req.url)),
    );
  });
  // The built three.js viewer (npm run build:viewer); the plain 2D page when it has not been built.
  const viewerDir = [resolve('viewer', 'dist'), resolve('viewer', 'live')].find((d) => existsSync(join(d, 'index.html')));
  if (config.viewer && viewerDir) await app.register(fastifyStatic, { root: viewerDir, prefix: '/', index: ['index.html'] });

  // Orders accepted before the crash but never journalled go in again: nothing accepted is lost.
  if (recovered && recovered.missingOrders.length > 0) void gate.submit(recovered.missingOrders.map((order) => ({ kind: 'CreateOrder' as const, order }))).catch(() => undefined);

  let demand: LiveDemand | null = null;
  if (config.demand.scenario) {
    const sc = await loadScenarioFile(config.demand.scenario);
    if (!sc.ok) throw new Error(sc.errors.join('; '));
    demand = createLiveDemand(sc.scenario, seed, gate, (spec) => store.acceptOrder(spec, null), (err) => log.warn({ err: String(err) }, 'demand order not submitted'));
  }
  const trace: LiveTrace | null = config.trace ? createLiveTrace(config.trace, site, config.traceEveryMs) : null;
  const stopAtMs = config.stopAfterHours ? config.stopAfterHours * 3_600_000 : Infinity;

  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  let closing: Promise<void> | null = null;

  function oneTick(): void {
    const t = gate.runTick();
    journalling.afterTick(t);
    demand?.afterTick(t);
    trace?.afterTick(t);
    if (t.nowMs >= stopAtMs) stopTicking();
  }

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let ticker: WallTicker | null = null;
  let lockstepRunning = false;
  function stopTicking(): void {
    lockstepRunning = false;
    ticker?.stop();
    finish();
  }
  if (config.lockstep) {
    lockstepRunning = true;
    void (async () => {
      while (lockstepRunning && gate.running()) {
        oneTick();
        if (!lockstepRunning) break;
        const missing = await hub.awaitStates(config.lockstepTimeoutMs);
        if (missing.length > 0) log.warn({ missing }, 'lockstep: vehicles did not answer in time');
        // Let sockets and HTTP breathe between ticks.
        await new Promise((r) => setImmediate(r));
      }
    })();
  } else {
    ticker = startWallTicker({ tickMs: config.tickMs, timeScale: config.timeScale, onTick: oneTick, onError: (err) => log.error({ err: String(err) }, 'tick failed') });
  }

  let fleet: SimulatedFleet | null = null;
  if (config.fleet.simulated > 0) {
    // The simulated vehicles are registered where they stand before any of them connects: a vehicle
    // the engine does not know yet is invisible to traffic control, and others could be sent into its place.
    const missing = fleetCommands(site, config.fleet.simulated, config.fleet.prefix, {}, 100, DEFAULT_VEHICLE_SPEC.lengthMm)
      .filter((c) => c.kind === 'AddVehicle' && !gate.world().vehicles.has(c.vehicleId));
    if (missing.length > 0) await gate.submit(missing);
    fleet = await startSimulatedFleet({
      url: url.replace(/^http/, 'ws'), site, map, count: config.fleet.simulated, prefix: config.fleet.prefix,
      world: gate.world(), tokens: tokensFile.tokens, clock: config.lockstep ? 'master' : 'wall', timeScale: config.timeScale, tickMs: config.tickMs, log,
    });
  }
  log.info({ url, map: map.id, tick: gate.world().tick, digest: worldDigest(gate.world()), fleet: config.fleet.simulated, lockstep: config.lockstep }, 'gate running');

  async function close(reason = 'stopped'): Promise<void> {
    if (closing) return closing;
    closing = (async () => {
      log.info({ reason, tick: gate.world().tick }, 'gate stopping');
      stopTicking();
      await fleet?.stop();
      hub.close();
      feed.close();
      journalling.final(gate.world());
      gate.stop(reason);
      await trace?.close();
      await app.close();
      store.close();
    })();
    return closing;
  }

  return { url, port, tokensPath: tokensFile.path, tokens: tokensFile.tokens, gate, feed, finished, close };
}

export function simulatedSerial(config: Pick<ServeConfig, 'fleet'>, i: number): string {
  const width = Math.max(2, String(config.fleet.simulated).length);
  return `${config.fleet.prefix}${String(i + 1).padStart(width, '0')}`;
}
