import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo, Socket } from 'node:net';
import { setImmediate as tickOver } from 'node:timers/promises';
import { createFeedHub, type FeedHub } from '../../engine/runtime/feed/feed-hub.ts';
import { attachIocClient, type IocClient } from '../../engine/adapters/ws/ioc-feed-socket.ts';
import { createMirror } from '../../engine/protocol/ioc/mirror.ts';
import { feedDigest } from '../../engine/protocol/ioc/digest.ts';
import { parseServerMessage, type ServerMessage } from '../../engine/protocol/ioc/messages.ts';
import { feedAt } from '../fixtures/feed-states.ts';

const LIMIT = 64 * 1024;
const servers: WebSocketServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A feed server on port 0: every connection is served from `hub`; `?name=` names the client. */
async function feedServer(hub: FeedHub) {
  const wss = new WebSocketServer({ port: 0 });
  servers.push(wss);
  await new Promise((r) => wss.once('listening', r));
  const clients = new Map<string, { socket: WebSocket; feed: IocClient }>();
  wss.on('connection', (socket, req) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
    clients.set(name, { socket, feed: attachIocClient(socket, hub, { role: 'ioc', maxBufferedBytes: LIMIT, defaultSubscribeMs: 20 }) });
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, clients };
}

/** A client with a mirror that asks for a resync when a patch does not fit. */
function feedClient(url: string, name: string, onOpen?: (ws: WebSocket) => void) {
  const ws = new WebSocket(`${url}/?name=${name}`);
  sockets.push(ws);
  const mirror = createMirror();
  const received: ServerMessage[] = [];
  ws.on('open', () => onOpen?.(ws));
  ws.on('message', (data) => {
    const parsed = parseServerMessage(data.toString());
    if (!parsed.ok) throw new Error(parsed.message);
    received.push(parsed.message);
    if (mirror.apply(parsed.message) === 'resync') ws.send(JSON.stringify({ type: 'resync' }));
  });
  const count = (type: ServerMessage['type']) => received.filter((m) => m.type === type).length;
  return { ws, mirror, received, count };
}

async function until(pred: () => boolean, what: string, maxMs = 20_000): Promise<void> {
  const end = Date.now() + maxMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Publishes `steps` states of 200 moving vehicles while the slow client does not read, then lets it read. */
async function normalAndSlow(logLimit: number, steps = 400) {
  const hub = createFeedHub({ logLimit });
  hub.publish(feedAt(0, 200));
  const server = await feedServer(hub);
  const normal = feedClient(server.url, 'normal', (ws) => ws.send(JSON.stringify({ type: 'subscribe', collections: ['gate', 'vehicles', 'alarms'] })));
  // The slow client never subscribes: it gets every collection after the grace period.
  const slow = feedClient(server.url, 'slow');
  await until(() => normal.mirror.version() === 1 && slow.mirror.version() === 1, 'first snapshots');
  const slowSocket = (slow.ws as unknown as { _socket: Socket })._socket;
  slowSocket.pause();
  let maxSlowBuffered = 0;
  for (let step = 1; step <= steps; step++) {
    hub.publish(feedAt(step, 200));
    if (step % 100 === 0) hub.notice({ level: 'info', code: 'LaneClosed', message: `step ${step}`, tick: step });
    maxSlowBuffered = Math.max(maxSlowBuffered, server.clients.get('slow')!.socket.bufferedAmount);
    await tickOver();
  }
  slowSocket.resume();
  await until(() => normal.mirror.version() === hub.version() && slow.mirror.version() === hub.version(), 'both mirrors current');
  const snapshotBytes = JSON.stringify({ type: 'snapshot', version: hub.version(), world: hub.snapshot().world }).length;
  return { hub, normal, slow, slowFeed: server.clients.get('slow')!.feed, maxSlowBuffered, snapshotBytes };
}

describe('given a feed served to a normal and a slow client', () => {
  it('brings both mirrors to the hub\'s state, the slow one by fewer coalesced patches with a bounded send buffer', async () => {
    const steps = 400;
    const { hub, normal, slow, slowFeed, maxSlowBuffered, snapshotBytes } = await normalAndSlow(1_000, steps);
    expect(hub.version()).toBe(steps + 1);
    expect(normal.mirror.collections()).toEqual(['gate', 'vehicles', 'alarms']);
    expect(normal.mirror.digest()).toBe(feedDigest(hub.snapshot().world, ['gate', 'vehicles', 'alarms']));
    expect(slow.mirror.collections().length).toBe(6);
    expect(slow.mirror.digest()).toBe(feedDigest(hub.snapshot().world));
    expect(slowFeed.stats.deferred).toBeGreaterThan(0);
    expect(slow.count('patch')).toBeLessThan(normal.count('patch'));
    expect(slow.count('patch') + slow.count('snapshot')).toBeLessThan(steps);
    expect(maxSlowBuffered).toBeLessThanOrEqual(LIMIT + snapshotBytes);
    expect(normal.count('notice')).toBeGreaterThan(0);
    expect(normal.count('error')).toBe(0);
  });

  it('sends the slow client a snapshot instead of a patch when its cursor fell out of the hub\'s log', async () => {
    const { hub, slow, maxSlowBuffered, snapshotBytes } = await normalAndSlow(50);
    expect(slow.count('snapshot')).toBeGreaterThanOrEqual(2);
    expect(slow.mirror.digest()).toBe(feedDigest(hub.snapshot().world));
    expect(maxSlowBuffered).toBeLessThanOrEqual(LIMIT + snapshotBytes);
  });
});

describe('given a client that sends bad messages', () => {
  it('answers each with an error and keeps feeding it', async () => {
    const hub = createFeedHub();
    hub.publish(feedAt(0));
    const server = await feedServer(hub);
    const c = feedClient(server.url, 'bad', (ws) => ws.send(JSON.stringify({ type: 'subscribe', collections: ['gate'] })));
    await until(() => c.mirror.version() === 1, 'snapshot');
    c.ws.send('{not json');
    c.ws.send(JSON.stringify({ type: 'subscribe', collections: ['trains'] }));
    c.ws.send(JSON.stringify({ type: 'subscribe', collections: ['gate'], extra: 1 }));
    c.ws.send('x'.repeat(70 * 1024));
    await until(() => c.count('error') === 4, 'four errors');
    const errors = c.received.filter((m) => m.type === 'error');
    expect(errors.map((e) => e.code)).toEqual(['MALFORMED_MESSAGE', 'VALIDATION_FAILURE', 'VALIDATION_FAILURE', 'MESSAGE_TOO_LARGE']);
    expect(errors[1]!.message).toMatch(/^collections\.0: /);
    hub.publish(feedAt(1));
    await until(() => c.mirror.version() === 2, 'patch after the errors');
    expect(c.mirror.digest()).toBe(feedDigest(hub.snapshot(['gate']).world, ['gate']));
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('sends a fresh snapshot when the client asks for a resync', async () => {
    const hub = createFeedHub();
    hub.publish(feedAt(0));
    const server = await feedServer(hub);
    const c = feedClient(server.url, 'r', (ws) => ws.send(JSON.stringify({ type: 'subscribe', collections: ['vehicles'] })));
    await until(() => c.count('snapshot') === 1, 'snapshot');
    c.ws.send(JSON.stringify({ type: 'resync' }));
    await until(() => c.count('snapshot') === 2, 'second snapshot');
    expect(c.mirror.digest()).toBe(feedDigest(hub.snapshot(['vehicles']).world, ['vehicles']));
  });
});
