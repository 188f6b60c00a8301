/**
 * The acceptance run of the live gate: 30 virtual IGVs, each a real VDA 5050 client on its own
 * WebSocket, work a 1-hour shift of generated demand on the phase-1 map, accelerated in lockstep.
 * The independent trace checker judges the run; two IOC clients listen, one of them slow, and
 * both mirrors end equal to the server's feed.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startTestGate } from '../fixtures/gate-server.ts';
import { createMirror } from '../../engine/protocol/ioc/mirror.ts';
import { CHECK_TRACE } from '../fixtures/engine-harness.ts';

interface IocListener {
  readonly ws: WebSocket;
  readonly mirror: ReturnType<typeof createMirror>;
  patches: number;
  resyncs: number;
}

function listen(url: string, token: string): Promise<IocListener> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ioc/v1?token=${token}`);
  const l: IocListener = { ws, mirror: createMirror(), patches: 0, resyncs: 0 };
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (msg.type === 'patch') l.patches++;
    if (l.mirror.apply(msg) === 'resync') {
      l.resyncs++;
      ws.send(JSON.stringify({ type: 'resync' }));
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => resolve(l));
  });
}

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('given the live gate with 30 virtual IGVs over WebSocket, accelerated in lockstep', () => {
  it('works a 1-hour shift: the trace check passes, orders are delivered, and a slow IOC client ends with the same mirror', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'igv-shift-'));
    const trace = join(dataDir, 'trace.jsonl');
    const server = await startTestGate({ dataDir, fleet: { simulated: 30 }, lockstep: true, stopAfterHours: 1, traceEveryMs: 1_000, trace });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ioc = server.tokens.ioc[0]!;
    const fast = await listen(server.url, ioc);
    const slow = await listen(server.url, ioc);
    // The slow client stops reading for a while: the server must coalesce, not queue.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    setTimeout(() => (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume(), 4_000);

    await server.finished;
    const world = server.gate.world();
    expect(world.tick * world.tickMs).toBeGreaterThanOrEqual(3_600_000);
    expect(world.vehicles.size).toBe(30);
    const orders = [...world.orders.values()];
    expect(orders.length).toBeGreaterThan(5);
    expect(orders.filter((o) => o.status === 'delivered').length).toBeGreaterThan(0);
    expect(world.safeMode).toBe(false);

    const hubVersion = server.feed.hub.version();
    await until(() => fast.mirror.version() === hubVersion && slow.mirror.version() === hubVersion, 20_000);
    const digest = server.feed.digest();
    expect(fast.mirror.digest()).toBe(digest);
    expect(slow.mirror.digest()).toBe(digest);
    expect(slow.patches).toBeLessThan(fast.patches);
    fast.ws.close();
    slow.ws.close();
    await server.close();

    const verdict = execFileSync('node', [CHECK_TRACE, trace], { encoding: 'utf8' }).trim().split('\n').pop();
    expect(verdict).toMatch(/^OK/);
    const lines = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.filter((l) => l.type === 'tick').length).toBeGreaterThan(3_000);
  }, 900_000);
});
