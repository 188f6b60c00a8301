import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerOperatorApi, type OperatorApiOptions } from '../../engine/adapters/http/operator-api.ts';
import { createAccess } from '../../engine/runtime/auth/access.ts';
import { makeContainerId } from '../../engine/core/model/iso6346.ts';
import type { OrderSpec } from '../../engine/core/model/order.ts';
import { createSteppedGate, type SteppedGate } from '../fixtures/stepped-gate.ts';

const OPERATOR = 'operator-token-0123456789';
const IOC = 'ioc-token-0123456789abcdef';
const access = createAccess({ operator: [OPERATOR], ioc: [IOC], vehicles: {} });
const op = { authorization: `Bearer ${OPERATOR}` };
const ioc = { authorization: `Bearer ${IOC}` };

interface Harness {
  app: FastifyInstance;
  gate: SteppedGate;
  accepted: OrderSpec[];
  ready: { value: boolean };
  kpisFail: { value: boolean };
}

async function startApi(options: OperatorApiOptions = {}): Promise<Harness> {
  const gate = createSteppedGate();
  const accepted: OrderSpec[] = [];
  const ready = { value: true };
  const kpisFail = { value: false };
  const app = Fastify({ logger: false });
  // Stands in for the viewer's static files, which the server serves from a root wildcard.
  app.get('/*', async () => 'viewer');
  await registerOperatorApi(app, {
    gate,
    access,
    kpis: () => {
      if (kpisFail.value) throw new Error('feed exploded at /secret/path.ts:12');
      return { ordersDelivered: 0, tonnesPerDay: 0 };
    },
    vehicleInfo: (serial) => ({ connection: serial === 'IGV-01' ? { connectionState: 'ONLINE' } : null, factsheet: null }),
    acceptOrder: (spec) => void accepted.push(spec),
    ready: () => ready.value,
  }, options);
  await app.ready();
  return { app, gate, accepted, ready, kpisFail };
}

async function stopApi(h: Harness): Promise<void> {
  await h.app.close();
  h.gate.close();
}

let serial = 0;
function order(extra: Record<string, unknown> = {}): Record<string, unknown> {
  serial++;
  return {
    id: `API-${serial}`, containerId: makeContainerId('TST', serial), sizeFt: 40, grossKg: 18_000, goods: 'electronics',
    direction: 'VN-CN', origin: 'ST-VN-TB01', destination: 'ST-CN-TB01', ...extra,
  };
}

describe('given the operator API on a ticking gate with three vehicles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => stopApi(h));

  it('creates an order, records it first and lists it when an operator posts a valid one', async () => {
    const spec = order();
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: spec });
    expect(res.statusCode).toBe(201);
    // Answered after the tick that took it in; on a dispatch tick (one in ten) it is assigned at once.
    expect(res.json()).toMatchObject({ id: spec.id, spec: { containerId: spec.containerId, priority: 0, via: [] } });
    expect(['open', 'assigned']).toContain(res.json().status);
    expect(res.headers.location).toBe(`/api/v1/orders/${spec.id}`);
    expect(h.accepted.map((s) => s.id)).toContain(spec.id);

    const list = (await h.app.inject({ url: `/api/v1/orders?status=${res.json().status}&limit=1000`, headers: ioc })).json();
    expect(list.items.map((o: { id: string }) => o.id)).toContain(spec.id);
    const one = await h.app.inject({ url: `/api/v1/orders/${spec.id}`, headers: op });
    expect(one.json().id).toBe(spec.id);
  });

  it('answers 400 with the field path when the container number has a wrong check digit', async () => {
    const bad = order();
    const cid = bad.containerId as string;
    bad.containerId = `${cid.slice(0, 10)}${(Number(cid[10]) + 1) % 10}`;
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: bad });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation_failed');
    expect(body.details).toContainEqual(expect.objectContaining({ path: 'body.containerId' }));
    expect(h.accepted.map((s) => s.id)).not.toContain(bad.id);
  });

  it('answers 400 naming the field when the order has an unknown field', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: order({ colour: 'red' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: 'body.colour', message: 'unknown field' }]);
  });

  it('answers 422 with the engine reason when a station does not exist, and records nothing', async () => {
    const payload = order({ destination: 'ST-NOWHERE' });
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error: 'UNKNOWN_STATION', message: 'no station ST-NOWHERE' });
    // A refused order must not be stored as accepted (it would be resubmitted on every restart).
    expect(h.accepted.some((s) => s.id === payload.id)).toBe(false);
  });

  it('answers 409 DUPLICATE_ID when an order id is used twice', async () => {
    const spec = order();
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: spec })).statusCode).toBe(201);
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: spec });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('DUPLICATE_ID');
  });

  it('cancels an open order and answers 404 for an unknown one', async () => {
    const spec = order();
    await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: spec });
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/orders/${spec.id}/cancel`, headers: op, payload: { reason: 'truck left' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'failed', failReason: 'CANCELLED: truck left' });
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/orders/NOPE/cancel', headers: op, payload: { reason: 'x' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('UNKNOWN_ORDER');
    expect((await h.app.inject({ url: '/api/v1/orders/NOPE', headers: op })).statusCode).toBe(404);
  });

  it('refuses with 403 when an IOC token tries to change state, and lets it read', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: ioc, payload: order() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('forbidden');
    expect((await h.app.inject({ url: '/api/v1/vehicles', headers: ioc })).statusCode).toBe(200);
  });

  it('refuses with 401 when there is no token or an unknown one', async () => {
    const none = await h.app.inject({ url: '/api/v1/orders' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(Object.keys(none.json()).sort()).toEqual(['error', 'message']);
    const wrong = await h.app.inject({ method: 'POST', url: '/api/v1/emergency-stop', headers: { authorization: 'Bearer not-a-known-token-at-all' } });
    expect(wrong.statusCode).toBe(401);
    expect(h.gate.world().emergencyStop).toBe(false);
  });

  it('lists vehicles and shows one with its retained connection message', async () => {
    const list = (await h.app.inject({ url: '/api/v1/vehicles', headers: op })).json();
    expect(list.items.map((v: { id: string }) => v.id)).toEqual(['IGV-01', 'IGV-02', 'IGV-03']);
    const one = (await h.app.inject({ url: '/api/v1/vehicles/IGV-01', headers: op })).json();
    expect(one).toMatchObject({ id: 'IGV-01', status: 'ok', connection: { connectionState: 'ONLINE' }, factsheet: null, spec: { lengthMm: 15_600 } });
    expect((await h.app.inject({ url: '/api/v1/vehicles/IGV-99', headers: op })).statusCode).toBe(404);
  });

  it('pauses, resumes and sends a vehicle to charge, and answers 404 UNKNOWN_VEHICLE for an unknown one', async () => {
    const paused = await h.app.inject({ method: 'POST', url: '/api/v1/vehicles/IGV-02/pause', headers: op });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ paused: true, state: 'paused' });
    const resumed = await h.app.inject({ method: 'POST', url: '/api/v1/vehicles/IGV-02/resume', headers: op });
    expect(resumed.json().paused).toBe(false);
    const charge = await h.app.inject({ method: 'POST', url: '/api/v1/vehicles/IGV-03/charge', headers: op });
    expect(charge.statusCode).toBe(202);
    expect(charge.json().chargeRequested).toBe(true);
    for (const action of ['pause', 'resume', 'charge']) {
      const res = await h.app.inject({ method: 'POST', url: `/api/v1/vehicles/IGV-77/${action}`, headers: op });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'UNKNOWN_VEHICLE', message: 'no vehicle IGV-77' });
    }
  });

  it('shows a lane closed after it is closed, and open again after it is opened', async () => {
    const lane = h.gate.site.map.lanes[0]!.id;
    const closed = await h.app.inject({ method: 'POST', url: `/api/v1/lanes/${lane}/close`, headers: op });
    expect(closed.json()).toMatchObject({ id: lane, closed: true });
    const lanes = (await h.app.inject({ url: '/api/v1/lanes', headers: ioc })).json().items;
    expect(lanes.find((l: { id: string }) => l.id === lane)).toMatchObject({ closed: true, from: h.gate.site.map.lanes[0]!.from });
    expect(lanes.filter((l: { closed: boolean }) => l.closed)).toHaveLength(1);
    await h.app.inject({ method: 'POST', url: `/api/v1/lanes/${lane}/open`, headers: op });
    expect(h.gate.world().closedLanes.has(lane)).toBe(false);
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/lanes/L-NONE/close', headers: op });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('UNKNOWN_LANE');
  });

  it('stops and releases the whole gate', async () => {
    const stop = await h.app.inject({ method: 'POST', url: '/api/v1/emergency-stop', headers: op });
    expect(stop.json()).toMatchObject({ emergencyStop: true });
    expect(h.gate.world().emergencyStop).toBe(true);
    const release = await h.app.inject({ method: 'POST', url: '/api/v1/emergency-stop/release', headers: op });
    expect(release.json()).toMatchObject({ emergencyStop: false });
  });

  it('serves the KPIs and the map', async () => {
    expect((await h.app.inject({ url: '/api/v1/kpis', headers: ioc })).json()).toEqual({ ordersDelivered: 0, tonnesPerDay: 0 });
    const map = await h.app.inject({ url: '/api/v1/map', headers: ioc });
    expect(map.headers['content-type']).toMatch(/^application\/json/);
    expect(map.json()).toMatchObject({ format: 'igv-map/1', id: 'bac-luan-2.phase1' });
  });

  it('answers unknown API routes and oversized bodies with the JSON error shape', async () => {
    expect((await h.app.inject({ url: '/index.html' })).body).toBe('viewer');
    const nope = await h.app.inject({ url: '/api/v1/nope?token=secret-in-query', headers: op });
    expect(nope.statusCode).toBe(404);
    expect(nope.json()).toEqual({ error: 'not_found', message: 'no route GET /api/v1/nope' });
    expect((await h.app.inject({ url: '/api/v1/nope' })).statusCode).toBe(401);
    const big = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: op, payload: order({ notes: 'x'.repeat(300 * 1024) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('payload_too_large');
  });

  it('reads an empty JSON body as no body, and refuses malformed JSON with 400', async () => {
    const json = { ...op, 'content-type': 'application/json' };
    const stop = await h.app.inject({ method: 'POST', url: '/api/v1/emergency-stop/release', headers: json, payload: '' });
    expect(stop.statusCode).toBe(200);
    const empty = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: json, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toBe('validation_failed');
    const broken = await h.app.inject({ method: 'POST', url: '/api/v1/orders', headers: json, payload: '{"id":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe('bad_request');
  });

  it('answers 500 without the cause or a stack trace when a dependency throws', async () => {
    h.kpisFail.value = true;
    try {
      const res = await h.app.inject({ url: '/api/v1/kpis', headers: op });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: 'internal', message: 'internal error' });
      expect(res.body).not.toContain('secret');
    } finally {
      h.kpisFail.value = false;
    }
  });

  it('serves the OpenAPI UI at /docs and a document with the orders path and bearer auth', async () => {
    const html = await h.app.inject({ url: '/docs' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const doc = (await h.app.inject({ url: '/docs/json' })).json();
    expect(doc.info.title).toBe('igv-fleet operator API');
    expect(Object.keys(doc.paths['/api/v1/orders'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/v1/orders'].post.requestBody.content['application/json'].schema.properties.containerId).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/v1/') || p === '/healthz' || p === '/metrics')).toBe(true);
  });

  it('serves Prometheus metrics to a token holder only', async () => {
    expect((await h.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const res = await h.app.inject({ url: `/metrics?token=${IOC}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^igv_tick \d+$/m);
    expect(res.body).toMatch(/^igv_vehicles\{state="idle"\} \d+$/m);
    expect(res.body).toMatch(/^igv_http_requests_total\{method="POST",route="\/api\/v1\/orders",status="201"\} \d+$/m);
    expect(res.body).toContain('process_cpu_seconds_total');
  });

  it('reports health without a token, and 503 starting when the gate is not ready', async () => {
    const ok = await h.app.inject({ url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok', tick: expect.any(Number) });
    h.ready.value = false;
    try {
      const starting = await h.app.inject({ url: '/healthz' });
      expect(starting.statusCode).toBe(503);
      expect(starting.json().status).toBe('starting');
      const refused = await h.app.inject({ method: 'POST', url: '/api/v1/emergency-stop', headers: op });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error).toBe('not_ready');
    } finally {
      h.ready.value = true;
    }
  });
});

describe('given a low rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
  });
  afterAll(async () => stopApi(h));

  it('answers 429 JSON when a token exceeds it, and counts other tokens apart', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await h.app.inject({ url: '/api/v1/lanes', headers: op })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await h.app.inject({ url: '/api/v1/lanes', headers: op });
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await h.app.inject({ url: '/api/v1/lanes', headers: ioc })).statusCode).toBe(200);
  });
});

describe('given the API listening on a real port', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(async () => stopApi(h));

  it('answers a fetch with a query token', async () => {
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/vehicles?token=${IOC}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(3);
    const post = await fetch(`${address}/api/v1/vehicles/IGV-01/pause`, { method: 'POST', headers: op });
    expect(post.status).toBe(200);
  });
});
