/**
 * The vehicle link (DESIGN §5): one WebSocket per vehicle at `/vda5050/v2/{manufacturer}/{serial}`
 * carrying VDA 5050 2.1 messages in `{topic, payload}` envelopes. This file is the plumbing —
 * authentication, limits, MQTT semantics emulated (retained connection/factsheet, last will,
 * acknowledged connection messages) — and hands meaning to the vehicle-link logic: engine commands
 * become orders and instant actions, states become engine commands. Nothing a vehicle sends can
 * stop the link or the engine: every bad message gets a precise error and is dropped.
 */
import type { WebSocket } from 'ws';
import type { Subscription } from 'rxjs';
import type { GatePort, GateTick } from '../../runtime/gate/gate-port.ts';
import type { Access } from '../../runtime/auth/access.ts';
import type { VehicleLinkLogic } from '../../runtime/vehicle-link/vehicle-link-logic.ts';
import type { VdaError } from '../../protocol/vda5050/state.ts';
import type { Connection } from '../../protocol/vda5050/connection.ts';
import type { Factsheet } from '../../protocol/vda5050/factsheet.ts';
import { parseVehicleMessage, encode } from '../../protocol/vda5050/envelope.ts';
import { linkError } from '../../protocol/vda5050/link-errors.ts';
import { VDA_VERSION, vdaTimestamp } from '../../protocol/vda5050/header.ts';
import { commandOf } from '../../core/tick/phases/emit-commands.ts';
import { createHeaderIdGuard, createTokenBucket } from './vehicle-link-limits.ts';
import { linkMetrics } from './vehicle-link-metrics.ts';

export const CLOSE = { UNAUTHORIZED: 4401, FORBIDDEN: 4403, REPLACED: 4409, GOING_AWAY: 1001 } as const;

export interface LinkLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface VehicleLinkOptions {
  readonly gate: GatePort;
  readonly access: Access;
  readonly logic: VehicleLinkLogic;
  readonly mapId: string;
  /** Wall time (ms since 1970) of engine time 0, for header timestamps. */
  readonly epochMs: () => number;
  readonly log: LinkLogger;
  readonly maxMessageBytes: number;
  readonly ratePerSecond: number;
  readonly burst: number;
  /** Accelerated runs: after every tick each online vehicle gets a stateRequest stamped with the next tick's time. */
  readonly lockstep: boolean;
  readonly wallNow?: () => number;
}

interface Link {
  readonly serial: string;
  readonly manufacturer: string;
  readonly socket: WebSocket;
  readonly headerIds: ReturnType<typeof createHeaderIdGuard>;
  readonly bucket: ReturnType<typeof createTokenBucket>;
  readonly sent: Map<string, number>;
  online: boolean;
  graceful: boolean;
  /** Answers stateRequests (a compliant vehicle does): lockstep waits for it. Dropped after a miss. */
  lockstep: boolean;
  /** actionId of the last stateRequest sent. */
  expect: string;
  lastRateError: number;
}

export interface VehicleLinkHub {
  /** Takes over a freshly upgraded socket (the route checked nothing yet). */
  accept(socket: WebSocket, manufacturer: string, serialNumber: string, token: string | null): void;
  retained(serial: string): { connection: Connection | null; factsheet: Factsheet | null };
  online(): string[];
  /** Lockstep: resolves when every vehicle asked after the last tick has answered (or after `timeoutMs`), with those that did not. */
  awaitStates(timeoutMs: number): Promise<string[]>;
  close(): void;
}

export function createVehicleLinkHub(o: VehicleLinkOptions): VehicleLinkHub {
  const wallNow = o.wallNow ?? (() => Date.now());
  const links = new Map<string, Link>();
  const connections = new Map<string, Connection>();
  const factsheets = new Map<string, Factsheet>();
  const awaiting = new Set<string>();
  /** Vehicles whose LinkLost was enqueued and not yet undone (the world may not show it yet). */
  const lost = new Set<string>();
  const linkLost = (serial: string) => {
    if (!o.gate.world().vehicles.has(serial) && !lost.has(serial)) return;
    lost.add(serial);
    o.gate.enqueue([{ kind: 'LinkLost', vehicleId: serial }]);
  };
  let settle: (() => void) | null = null;
  const metrics = linkMetrics();

  const stamp = () => vdaTimestamp(o.epochMs() + o.gate.world().tick * o.gate.world().tickMs);

  function send(link: Link, topic: string, payload: Record<string, unknown>): void {
    if (link.socket.readyState !== link.socket.OPEN) return;
    const headerId = link.sent.get(topic) ?? 0;
    link.sent.set(topic, headerId + 1);
    const body = topic === 'ack' || topic === 'error'
      ? payload
      : { ...payload, headerId, timestamp: (payload.timestamp as string | undefined) ?? stamp(), version: VDA_VERSION, manufacturer: link.manufacturer, serialNumber: link.serial };
    link.socket.send(encode(topic as never, body as never));
    metrics.sent.inc({ topic });
  }

  function fail(link: Link, error: VdaError): void {
    metrics.errors.inc({ type: error.errorType });
    o.log.debug({ serial: link.serial, error }, 'vehicle message refused');
    send(link, 'error', error as unknown as Record<string, unknown>);
  }

  function sendCommand(link: Link): void {
    const world = o.gate.world();
    const v = world.vehicles.get(link.serial);
    if (!v || !link.online) return;
    const cmd = commandOf(o.gate.site, v, world.emergencyStop || world.safeMode);
    for (const m of o.logic.messagesFor(link.serial, cmd, v, stamp(), (id) => world.orders.get(id))) send(link, m.topic, m.payload);
  }

  function onTick(t: GateTick): void {
    for (const c of t.vehicleCommands) {
      const link = links.get(c.vehicleId);
      const v = t.world.vehicles.get(c.vehicleId);
      if (!link || !link.online || !v) continue;
      for (const m of o.logic.messagesFor(link.serial, c, v, stamp(), (id) => t.world.orders.get(id))) send(link, m.topic, m.payload);
    }
    if (o.lockstep) {
      const next = vdaTimestamp(o.epochMs() + t.nowMs + t.world.tickMs);
      awaiting.clear();
      for (const link of links.values()) {
        if (!link.online) continue;
        if (link.lockstep) awaiting.add(link.serial);
        link.expect = `sr-${t.tick}`;
        send(link, 'instantActions', {
          timestamp: next,
          actions: [{ actionType: 'stateRequest', actionId: link.expect, blockingType: 'NONE' }],
        });
      }
    }
  }
  const sub: Subscription = o.gate.ticks$.subscribe(onTick);

  function answered(serial: string): void {
    if (awaiting.delete(serial) && awaiting.size === 0 && settle) settle();
  }

  function onMessage(link: Link, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    metrics.received.inc();
    if (!link.bucket.take(wallNow())) {
      metrics.errors.inc({ type: 'RATE_LIMITED' });
      // One error a second at most: answering every excess message would amplify the flood.
      if (wallNow() - link.lastRateError >= 1000) {
        link.lastRateError = wallNow();
        send(link, 'error', linkError('RATE_LIMITED', `more than ${o.ratePerSecond} messages/s (burst ${o.burst}); message dropped`) as unknown as Record<string, unknown>);
      }
      return;
    }
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
    if (isBinary && text.length === 0) return fail(link, linkError('MALFORMED_MESSAGE', 'empty binary frame'));
    const parsed = parseVehicleMessage(text, o.maxMessageBytes);
    if (!parsed.ok) return fail(link, parsed.error);
    const { topic, payload } = parsed.message;
    const p = payload as { manufacturer: string; serialNumber: string; headerId?: number };
    if (p.manufacturer !== link.manufacturer || p.serialNumber !== link.serial) {
      return fail(link, linkError('IDENTITY_MISMATCH', `this link speaks for ${link.manufacturer}/${link.serial}, the message claims ${p.manufacturer}/${p.serialNumber}`, { topic }));
    }
    if (typeof p.headerId === 'number') {
      const ok = link.headerIds.accept(topic, p.headerId);
      if (!ok.ok) return fail(link, linkError('REPLAYED_HEADER_ID', `${topic} headerId ${p.headerId} is not newer than ${ok.last}`, { topic, headerId: p.headerId }));
    }
    metrics.accepted.inc({ topic });
    switch (parsed.message.topic) {
      case 'connection': {
        const c = parsed.message.payload;
        connections.set(link.serial, c);
        send(link, 'ack', { topic: 'connection', headerId: c.headerId });
        if (c.connectionState === 'ONLINE') goOnline(link);
        else if (c.connectionState === 'OFFLINE') {
          link.online = false;
          link.graceful = true;
          linkLost(link.serial);
          answered(link.serial);
        }
        return;
      }
      case 'factsheet':
        factsheets.set(link.serial, parsed.message.payload);
        return;
      case 'visualization':
        return;
      case 'state': {
        const s = parsed.message.payload;
        if (s.agvPosition && s.agvPosition.mapId !== o.mapId) {
          answered(link.serial);
          return fail(link, linkError('UNKNOWN_MAP_ID', `mapId ${s.agvPosition.mapId} is not this gate's map ${o.mapId}`, { topic }));
        }
        if (!link.online) goOnline(link);
        const answers = s.actionStates.some((a) => a.actionId === link.expect && a.actionStatus === 'FINISHED');
        if (answers) link.lockstep = true;
        const world = o.gate.world();
        const r = o.logic.stateToCommands(link.serial, s, world.vehicles.get(link.serial), factsheets.get(link.serial) ?? null);
        if (r.problems.length > 0) o.log.debug({ serial: link.serial, problems: r.problems }, 'state not fully understood');
        o.gate.enqueue(r.commands);
        if (o.logic.wantsCommand(link.serial)) sendCommand(link);
        if (answers) answered(link.serial);
        return;
      }
    }
  }

  function goOnline(link: Link): void {
    if (link.online) return;
    link.online = true;
    link.graceful = false;
    o.logic.linkOpened(link.serial);
    const v = o.gate.world().vehicles.get(link.serial);
    const wasLost = lost.delete(link.serial);
    if (wasLost || v?.status === 'link-lost') o.gate.enqueue([{ kind: 'LinkRestored', vehicleId: link.serial }]);
    sendCommand(link);
  }

  return {
    accept(socket, manufacturer, serialNumber, token) {
      if (!o.access.vehicleMay(serialNumber, token)) {
        const known = token && o.access.vehicleSerials().some((s) => o.access.vehicleMay(s, token));
        const code = known ? CLOSE.FORBIDDEN : CLOSE.UNAUTHORIZED;
        const reason = known ? `this token belongs to another vehicle than ${serialNumber}` : 'missing or unknown vehicle token';
        socket.send(encode('error', linkError(known ? 'IDENTITY_MISMATCH' : 'VALIDATION_FAILURE', reason) as never));
        socket.close(code, reason);
        metrics.errors.inc({ type: known ? 'FORBIDDEN' : 'UNAUTHORIZED' });
        return;
      }
      const old = links.get(serialNumber);
      if (old) {
        links.delete(serialNumber);
        old.socket.close(CLOSE.REPLACED, 'replaced by a newer connection of the same vehicle');
      }
      const link: Link = {
        serial: serialNumber, manufacturer, socket, headerIds: createHeaderIdGuard(), bucket: createTokenBucket(o.ratePerSecond, o.burst),
        sent: new Map(), online: false, graceful: false, lockstep: false, expect: '', lastRateError: -Infinity,
      };
      links.set(serialNumber, link);
      metrics.links.set(links.size);
      o.log.info({ serial: serialNumber, manufacturer }, 'vehicle link open');
      socket.on('message', (data, isBinary) => {
        try {
          onMessage(link, data as Buffer, isBinary);
        } catch (err) {
          // A bug of ours must not take the link down: answer and log it.
          o.log.warn({ serial: serialNumber, err: String(err) }, 'vehicle message handler failed');
          fail(link, linkError('VALIDATION_FAILURE', `internal error handling the message: ${String(err)}`));
        }
      });
      socket.on('close', () => {
        if (links.get(serialNumber) === link) links.delete(serialNumber);
        metrics.links.set(links.size);
        answered(serialNumber);
        if (!link.graceful) {
          // MQTT's last will: the broker would publish CONNECTIONBROKEN for a vanished client.
          const last = connections.get(serialNumber);
          connections.set(serialNumber, {
            ...(last ?? { headerId: 0, version: VDA_VERSION, manufacturer, serialNumber }),
            timestamp: vdaTimestamp(wallNow()),
            connectionState: 'CONNECTIONBROKEN',
          } as Connection);
          if (link.online) linkLost(serialNumber);
        }
        o.log.info({ serial: serialNumber, graceful: link.graceful }, 'vehicle link closed');
      });
      socket.on('error', (err) => o.log.warn({ serial: serialNumber, err: String(err) }, 'vehicle socket error'));
    },
    retained: (serial) => ({ connection: connections.get(serial) ?? null, factsheet: factsheets.get(serial) ?? null }),
    online: () => [...links.values()].filter((l) => l.online).map((l) => l.serial).sort(),
    awaitStates(timeoutMs) {
      if (awaiting.size === 0) return Promise.resolve([]);
      return new Promise<string[]>((resolve) => {
        const timer = setTimeout(() => {
          settle = null;
          const missing = [...awaiting].sort();
          for (const serial of missing) {
            const link = links.get(serial);
            if (link) link.lockstep = false;
          }
          awaiting.clear();
          resolve(missing);
        }, timeoutMs);
        settle = () => {
          clearTimeout(timer);
          settle = null;
          resolve([]);
        };
      });
    },
    close() {
      sub.unsubscribe();
      for (const link of links.values()) {
        link.graceful = true;
        link.socket.close(CLOSE.GOING_AWAY, 'server shutting down');
      }
      links.clear();
    },
  };
}
