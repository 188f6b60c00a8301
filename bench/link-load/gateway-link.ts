/**
 * The gateway side of the vehicle-link bench: our vehicle-link hub and logic behind a plain
 * http server, over a real live gate on the phase-1 map ticking every 100 ms. The GatePort the
 * hub sees counts the commands it enqueues and DROPS them: 1,000 joining vehicles do not fit the
 * phase-1 map, and the engine is not what this bench measures. Loaded only in gateway mode, so
 * the bare server process carries none of this code.
 */
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';
import { register, type Counter } from 'prom-client';
import { MapSchema } from '../../maps/schema/map-schema.ts';
import { createEngineConfig } from '../../engine/core/config/engine-config.ts';
import { createSite } from '../../engine/core/tick/site.ts';
import { createWorld } from '../../engine/core/tick/create-world.ts';
import type { Command } from '../../engine/core/model/commands.ts';
import { createLiveGate } from '../../engine/runtime/gate/live-gate.ts';
import type { GatePort } from '../../engine/runtime/gate/gate-port.ts';
import { createAccess, bearerToken, TokensSchema } from '../../engine/runtime/auth/access.ts';
import { createVehicleLinkLogic, type VehicleLinkLogic } from '../../engine/runtime/vehicle-link/vehicle-link-logic.ts';
import { startWallTicker } from '../../engine/adapters/clock/wall-ticker.ts';
import { createVehicleLinkHub } from '../../engine/adapters/ws/vehicle-link-hub.ts';
import { MAP_FILE, sentAtOf, serialOf, tokenOf } from './link-ids.ts';
import { bump } from './stats.ts';

export interface GatewayLink {
  /** The hub's Prometheus counter `name` summed by `label`. */
  counts(name: 'igv_vda_messages_accepted_total' | 'igv_vda_errors_total', label: string): Promise<Record<string, number>>;
  ticks(): number;
  close(): void;
}

/**
 * Serves vehicle links for serials `serialOf(0 … links-1)` on `server`'s upgrades.
 * @param onState called for every state once the logic has translated it, with the client's send time
 * @param dropped counts of the commands the logic produced, by kind (filled in)
 */
export function startGatewayLink(server: Server, links: number, onState: (sentAt: number) => void, dropped: Record<string, number>): GatewayLink {
  const map = MapSchema.parse(JSON.parse(readFileSync(MAP_FILE, 'utf8')));
  const site = createSite(map, createEngineConfig({ tickMs: 100 }));
  const gate = createLiveGate({ site, initial: createWorld({ tickMs: 100, seed: 1 }) });
  const counting: GatePort = {
    site: gate.site,
    world: () => gate.world(),
    submit: (commands) => gate.submit(commands),
    enqueue(commands: readonly Command[]) {
      for (const c of commands) bump(dropped, c.kind);
    },
    ticks$: gate.ticks$,
    running: () => gate.running(),
  };
  const real = createVehicleLinkLogic({ cells: site.cells, mapId: map.id });
  const logic: VehicleLinkLogic = {
    ...real,
    stateToCommands(serial, state, vehicle, factsheet) {
      const out = real.stateToCommands(serial, state, vehicle, factsheet);
      onState(sentAtOf(state.information));
      return out;
    },
  };
  const vehicles: Record<string, string> = {};
  for (let i = 0; i < links; i++) vehicles[serialOf(i)] = tokenOf(serialOf(i));
  const access = createAccess(TokensSchema.parse({ operator: ['bench-operator-token-0000'], ioc: [], vehicles }));
  const quiet = { info() {}, warn() {}, debug() {} };
  const epochMs = Date.now();
  const hub = createVehicleLinkHub({
    gate: counting, access, logic, mapId: map.id, log: quiet, epochMs: () => epochMs,
    maxMessageBytes: 64 * 1024, ratePerSecond: 50, burst: 200, lockstep: false,
  });
  const ticker = startWallTicker({ tickMs: 100, onTick: () => void gate.runTick() });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const m = /^\/vda5050\/v2\/([^/?]+)\/([^/?]+)/.exec(req.url ?? '');
    if (!m) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => hub.accept(ws, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), bearerToken(req.headers.authorization, req.url)));
  });
  return {
    async counts(name, label) {
      const metric = register.getSingleMetric(name) as Counter<string> | undefined;
      const out: Record<string, number> = {};
      if (metric) for (const v of (await metric.get()).values) bump(out, String(v.labels[label] ?? ''), v.value);
      return out;
    },
    ticks: () => ticker.ticks(),
    close() {
      ticker.stop();
      hub.close();
      gate.stop('bench done');
      for (const c of wss.clients) c.terminate();
    },
  };
}
