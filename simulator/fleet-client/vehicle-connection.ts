/**
 * One virtual IGV's WebSocket to the master (`/vda5050/v2/{manufacturer}/{serial}`, bearer
 * token): connection ONLINE until acknowledged (again every 2 s without an ack), then factsheet
 * and state; orders and instant actions handed to the IGV; a dropped socket reconnects with
 * backoff (250 ms doubling to 5 s) and the IGV carries on where it was (not after 4409: a newer
 * connection of the same vehicle took over). Header ids start over
 * on every connection. A graceful stop says OFFLINE before closing.
 *
 * Clock 'master': the vehicle's time moves only to the time stamps of stateRequests, and it
 * speaks only when asked (and on connect), so a lockstep master sees exactly one state per tick.
 */
import WebSocket from 'ws';
import { encode, parseMasterMessage, type PayloadOf, type VehicleTopic } from '../../engine/protocol/vda5050/envelope.ts';
import { parseVdaTimestamp, vdaTimestamp, VDA_VERSION } from '../../engine/protocol/vda5050/header.ts';
import { createHeaderIds, type HeaderIds } from '../../engine/runtime/vehicle-link/link-context.ts';
import type { VirtualIgv } from './virtual-igv.ts';

export type ClockMode = 'wall' | 'master';

export interface ConnectionOptions {
  /** Server base URL, e.g. ws://127.0.0.1:8080. */
  readonly url: string;
  readonly manufacturer: string;
  readonly token: string;
  readonly igv: VirtualIgv;
  readonly clock: ClockMode;
  readonly wallNow: () => number;
  readonly onOnline?: (serial: string, online: boolean) => void;
  readonly log?: (line: string) => void;
}

export interface VehicleConnection {
  readonly serialNumber: string;
  start(): void;
  /** OFFLINE (acknowledged or 1 s), then close; no reconnect. */
  stop(): Promise<void>;
  online(): boolean;
  /** Vehicle time of the last state sent, ms (null before any). */
  lastStateMs(): number | null;
  sendState(): void;
  sendVisualization(): void;
  /** The socket now (tests drop it to check reconnects). */
  socket(): WebSocket | null;
}

const ACK_WAIT_MS = 2_000;
const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000, 5_000];

export function createVehicleConnection(o: ConnectionOptions): VehicleConnection {
  const serial = o.igv.serialNumber;
  let ws: WebSocket | null = null;
  let ids: HeaderIds = createHeaderIds();
  let isOnline = false;
  let stopping = false;
  let attempt = 0;
  let ackTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingAck: { headerId: number; resolve: () => void } | null = null;
  let lastState: number | null = null;

  const stamp = () => vdaTimestamp(o.igv.nowMs() ?? o.wallNow());
  const header = (topic: VehicleTopic) => ({ headerId: ids.next(topic), timestamp: stamp(), version: VDA_VERSION, manufacturer: o.manufacturer, serialNumber: serial });

  function send<K extends VehicleTopic>(topic: K, payload: PayloadOf<K>): void {
    if (ws?.readyState === WebSocket.OPEN) ws.send(encode(topic, payload));
  }

  function sendConnection(state: 'ONLINE' | 'OFFLINE', onAck: () => void): void {
    const h = header('connection');
    pendingAck = { headerId: h.headerId, resolve: onAck };
    send('connection', { ...h, connectionState: state });
  }

  function goOnline(): void {
    sendConnection('ONLINE', () => {
      if (ackTimer) clearTimeout(ackTimer);
      ackTimer = null;
      isOnline = true;
      attempt = 0;
      o.onOnline?.(serial, true);
      send('factsheet', o.igv.factsheet(ids.next('factsheet'), stamp()));
      api.sendState();
    });
    ackTimer = setTimeout(() => {
      if (!isOnline && ws?.readyState === WebSocket.OPEN) goOnline();
    }, ACK_WAIT_MS);
  }

  function onMessage(text: string): void {
    const parsed = parseMasterMessage(text);
    if (!parsed.ok) {
      const topic = parsed.error.errorReferences?.find((r) => r.referenceKey === 'topic')?.referenceValue;
      if (topic === 'order' || topic === 'instantActions') {
        o.igv.onInvalid(parsed.error);
        if (o.clock === 'wall') api.sendState();
      } else o.log?.(`${serial}: unreadable message from the master: ${parsed.error.errorDescription ?? parsed.error.errorType}`);
      return;
    }
    const m = parsed.message;
    if (m.topic === 'ack') {
      if (pendingAck && m.payload.topic === 'connection' && m.payload.headerId === pendingAck.headerId) {
        const p = pendingAck;
        pendingAck = null;
        p.resolve();
      }
      return;
    }
    if (m.topic === 'error') {
      o.log?.(`${serial}: master refused a message: ${m.payload.errorType} ${m.payload.errorDescription ?? ''}`);
      return;
    }
    const at = parseVdaTimestamp(m.payload.timestamp);
    if (o.clock === 'master') o.igv.syncClock(at);
    if (m.topic === 'order') {
      o.igv.onOrder(m.payload);
      if (o.clock === 'wall') api.sendState();
      return;
    }
    const r = o.igv.onInstantActions(m.payload);
    if (r.factsheetRequested) send('factsheet', o.igv.factsheet(ids.next('factsheet'), stamp()));
    if (o.clock === 'master') {
      if (r.stateRequested) {
        o.igv.advanceTo(at);
        api.sendState();
      }
    } else api.sendState();
  }

  function connect(): void {
    ids = createHeaderIds();
    const path = `/vda5050/v2/${encodeURIComponent(o.manufacturer)}/${encodeURIComponent(serial)}`;
    const socket = new WebSocket(`${o.url.replace(/\/$/, '')}${path}`, { headers: { authorization: `Bearer ${o.token}` } });
    ws = socket;
    socket.on('open', goOnline);
    socket.on('message', (data: WebSocket.RawData) => onMessage(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')));
    socket.on('error', (err) => o.log?.(`${serial}: socket error: ${err.message}`));
    socket.on('close', (code, reason) => {
      if (ws !== socket) return;
      ws = null;
      if (ackTimer) clearTimeout(ackTimer);
      ackTimer = null;
      pendingAck = null;
      if (isOnline) o.onOnline?.(serial, false);
      isOnline = false;
      if (stopping) return;
      if (code === 4409) {
        // A newer connection speaks for this vehicle now; reconnecting would only push it out again.
        o.log?.(`${serial}: replaced by a newer connection of the same vehicle; not reconnecting`);
        return;
      }
      if (code === 4401 || code === 4403) o.log?.(`${serial}: the master refused the token (${code} ${reason.toString()}); retrying`);
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
      attempt++;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (!stopping) connect();
      }, delay);
    });
  }

  const api: VehicleConnection = {
    serialNumber: serial,
    start() {
      stopping = false;
      if (!ws && !retryTimer) connect();
    },
    async stop() {
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const socket = ws;
      if (!socket) return;
      if (socket.readyState === WebSocket.OPEN && isOnline) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 1_000);
          socket.once('close', () => resolve());
          sendConnection('OFFLINE', () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      if (ackTimer) clearTimeout(ackTimer);
      await new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1000, 'vehicle going offline');
      });
    },
    online: () => isOnline,
    lastStateMs: () => lastState,
    sendState() {
      if (ws?.readyState !== WebSocket.OPEN) return;
      lastState = o.igv.nowMs();
      send('state', { ...header('state'), ...o.igv.state() });
    },
    sendVisualization() {
      if (ws?.readyState === WebSocket.OPEN) send('visualization', { ...header('visualization'), ...o.igv.visualization() });
    },
    socket: () => ws,
  };
  return api;
}
