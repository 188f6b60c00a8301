/**
 * A corpus of bad input on the vehicle link, sent over a real socket to the live gate while its
 * simulated fleet works: each message gets its precise VDA-style error (or the socket its close
 * code), the offending link stays open where it should, and the fleet keeps moving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGate, openRawLink, type RawLink } from '../fixtures/gate-server.ts';
import { sampleConnection, sampleState } from '../../engine/protocol/vda5050/samples.ts';
import { makeContainerId } from '../../engine/core/model/iso6346.ts';

const MAKER = 'acme';
const SERIAL = 'EXT-01';

let server: Awaited<ReturnType<typeof startTestGate>>;
let link: RawLink;
let headerId = 100;
const header = () => ({ headerId: headerId++, manufacturer: MAKER, serialNumber: SERIAL });
const odometers = () => [...server.gate.world().vehicles.values()].filter((v) => v.id.startsWith('IGV-')).reduce((s, v) => s + v.odometerMm, 0);

function errorOf(type: string) {
  return link.waitFor((m) => m.topic === 'error' && m.payload.errorType === type);
}

beforeAll(async () => {
  server = await startTestGate({ fleet: { simulated: 3 }, timeScale: 10, demand: { scenario: null } });
  await new Promise((r) => setTimeout(r, 500));
  // Work for the fleet, so there is something to keep doing while the corpus runs.
  const orders = [0, 1, 2].map((i) => ({
    kind: 'CreateOrder' as const,
    order: {
      id: `BAD-${i}`, containerId: makeContainerId('BAD', i), sizeFt: 40 as const, grossKg: 20_000, goods: 'electronics' as const, direction: 'CN-VN' as const,
      priority: 0, releaseMs: 0, origin: 'ST-CN-CR01', destination: 'ST-VN-CR01', via: ['ST-CN-AG-S', 'ST-CN-NII-S'],
    },
  }));
  await server.gate.submit(orders);
  link = await openRawLink(server.url, MAKER, SERIAL, server.tokens.vehicles[SERIAL]!);
}, 60_000);

afterAll(async () => {
  link?.close();
  await server?.close();
});

describe('given an external vehicle sending bad messages to the live gate', () => {
  it('answers each one with its precise error while the link stays open and the fleet keeps moving', async () => {
    const before = odometers();
    link.send('this is not json');
    expect((await errorOf('MALFORMED_MESSAGE')).payload.errorDescription).toMatch(/JSON|json/);
    link.received.length = 0;
    link.send('{"topic":"state","payload":{"headerId":1,');
    await errorOf('MALFORMED_MESSAGE');
    link.sendJson('weather', { ...sampleState(header()) });
    await errorOf('UNKNOWN_TOPIC');
    link.sendJson('order', { ...header(), orderId: 'x', orderUpdateId: 0, nodes: [], edges: [] });
    await errorOf('TOPIC_NOT_ALLOWED');
    link.sendJson('state', { ...sampleState(header()), batteryState: { batteryCharge: 'full', charging: false } });
    const invalid = await errorOf('VALIDATION_FAILURE');
    expect(String(invalid.payload.errorDescription)).toContain('batteryState.batteryCharge');
    link.sendJson('state', { ...sampleState(header()), information: [{ infoType: 'padding', infoLevel: 'DEBUG', infoDescription: 'x'.repeat(100_000) }] });
    await errorOf('MESSAGE_TOO_LARGE');
    link.sendJson('state', { ...sampleState(header()), version: '3.0.0' });
    await errorOf('UNSUPPORTED_VERSION');
    link.sendJson('state', { ...sampleState(header()), serialNumber: 'IGV-01' });
    const impersonation = await errorOf('IDENTITY_MISMATCH');
    expect(String(impersonation.payload.errorDescription)).toContain('IGV-01');
    const online = sampleConnection('ONLINE', header());
    link.sendJson('connection', online);
    await link.waitFor((m) => m.topic === 'ack' && m.payload.headerId === online.headerId);
    link.sendJson('connection', online);
    await errorOf('REPLAYED_HEADER_ID');
    const elsewhere = sampleState(header());
    link.sendJson('state', { ...elsewhere, agvPosition: { x: 0, y: 0, theta: 0, mapId: 'some-other-yard', positionInitialized: true } });
    await errorOf('UNKNOWN_MAP_ID');
    expect(link.ws.readyState).toBe(link.ws.OPEN);

    // Meanwhile the simulated fleet drove on.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(odometers()).toBeGreaterThan(before);
    expect(server.gate.world().safeMode).toBe(false);
  }, 60_000);

  it('refuses a flood with RATE_LIMITED and keeps the link', async () => {
    for (let i = 0; i < 400; i++) link.sendJson('visualization', { ...header(), timestamp: sampleState().timestamp, version: '2.1.0' });
    await errorOf('RATE_LIMITED');
    expect(link.ws.readyState).toBe(link.ws.OPEN);
  });

  it('closes a wrong token with 4401, another vehicle\'s token with 4403, and a frame over the hard limit with 1009', async () => {
    const wrong = await openRawLink(server.url, MAKER, SERIAL, 'not-a-token-at-all-really');
    expect((await wrong.closed).code).toBe(4401);
    const other = await openRawLink(server.url, MAKER, SERIAL, server.tokens.vehicles['EXT-02']!);
    expect((await other.closed).code).toBe(4403);
    const none = await openRawLink(server.url, MAKER, SERIAL, null);
    expect((await none.closed).code).toBe(4401);
    const big = await openRawLink(server.url, MAKER, 'EXT-02', server.tokens.vehicles['EXT-02']!);
    big.send('x'.repeat(2 * 1024 * 1024));
    expect((await big.closed).code).toBe(1009);
  });
});
