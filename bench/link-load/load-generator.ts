/**
 * Bench child: N vehicle links on real WebSockets, each sending VDA 5050 2.1 messages at fixed
 * rates — visualization (10 Hz), state (1 Hz, carrying its send time) and a `connection` ONLINE
 * every few seconds whose ack times the round trip. Sends are spread evenly over slots of
 * `slotMs` (link i of N in slot ⌊i·slots/N⌋ of each period): 1 ms spreads them as independent vehicles'
 * would be; 10 ms sends them in bursts of ~1/10 of the fleet's visualizations at once.
 * missed slots are caught up, so the offered rate holds even when this process is late.
 *
 * usage (forked by bench/link-load/link-bench-run.ts): node bin/run-ts.mjs bench/link-load/load-generator.ts
 */
import WebSocket from 'ws';
import { sampleConnection, sampleState, sampleVisualization } from '../../engine/protocol/vda5050/samples.ts';
import { vdaTimestamp } from '../../engine/protocol/vda5050/header.ts';
import type { State } from '../../engine/protocol/vda5050/state.ts';
import type { Visualization } from '../../engine/protocol/vda5050/visualization.ts';
import type { Connection } from '../../engine/protocol/vda5050/connection.ts';
import { clock, cpuPercent, serveIpc } from './ipc.ts';
import { MANUFACTURER, SENT_AT, benchMap, serialOf, tokenOf } from './link-ids.ts';
import { bump, summarize } from './stats.ts';

type Topic = 'state' | 'visualization' | 'connection';

interface Link {
  readonly ws: WebSocket;
  readonly state: State;
  readonly viz: Visualization;
  readonly conn: Connection;
  readonly laneLengthM: number;
  readonly ackWait: Map<number, number>;
}

export interface GeneratorWindow {
  readonly seconds: number;
  readonly cpu: { percent: number };
  readonly sent: Record<string, number>;
  readonly ackRtt: ReturnType<typeof summarize>;
  readonly errors: Record<string, number>;
}

export interface GeneratorTotals {
  readonly sent: Record<string, number>;
  readonly acks: number;
  /** Errors received, keyed `errorType topic` (topic from the error's references, '-' when none). */
  readonly errors: Record<string, number>;
  readonly masterMessages: Record<string, number>;
  readonly unexpectedCloses: number;
  /** Slots sent more than 100 ms late (the generator could not keep up). */
  readonly lateSlots: number;
  readonly stateBytes: number;
  readonly visualizationBytes: number;
}

const links: Link[] = [];
const sent: Record<string, number> = {};
const errors: Record<string, number> = {};
const masterMessages: Record<string, number> = {};
let acks = 0;
let unexpectedCloses = 0;
let closing = false;
let rtts: number[] = [];
let windowOpen = false;
let windowStart = { cpu: process.cpuUsage(), wall: 0, sent: {} as Record<string, number>, errors: {} as Record<string, number> };
let timer: NodeJS.Timeout | null = null;
let lateSlots = 0;
let stateBytes = 0;
let vizBytes = 0;

function open(url: string, i: number, mapId: string, place: { x: number; y: number; lane: string; from: string; to: string; lengthMm: number }): Promise<Link> {
  const serial = serialOf(i);
  const header = { manufacturer: MANUFACTURER, serialNumber: serial, headerId: 0 };
  const agvPosition = { x: place.x / 1000, y: place.y / 1000, theta: 0, mapId, positionInitialized: true };
  // A vehicle driving along one lane of its order: the shape (and so the validation work) of a real state.
  const state = sampleState({
    ...header, orderId: `bench-${serial}`, orderUpdateId: 0, lastNodeId: place.from, lastNodeSequenceId: 0, driving: true, distanceSinceLastNode: 0,
    nodeStates: [{ nodeId: place.to, sequenceId: 2, released: true }],
    edgeStates: [{ edgeId: place.lane, sequenceId: 1, released: true }],
    agvPosition, velocity: { vx: 2, vy: 0, omega: 0 },
    information: [{ infoType: SENT_AT, infoLevel: 'DEBUG', infoDescription: '0' }],
  });
  const viz = sampleVisualization(header);
  viz.agvPosition = agvPosition;
  const conn = sampleConnection('ONLINE', header);
  const ws = new WebSocket(`${url}/vda5050/v2/${MANUFACTURER}/${serial}`, { headers: { authorization: `Bearer ${tokenOf(serial)}` }, perMessageDeflate: false });
  const link: Link = { ws, state, viz, conn, laneLengthM: place.lengthMm / 1000, ackWait: new Map() };
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { topic: string; payload: { headerId?: number; errorType?: string; errorReferences?: { referenceKey: string; referenceValue: string }[] } };
    if (m.topic === 'ack') {
      const t0 = link.ackWait.get(m.payload.headerId ?? -1);
      if (t0 === undefined) return;
      link.ackWait.delete(m.payload.headerId!);
      acks++;
      if (windowOpen) rtts.push(clock() - t0);
    } else if (m.topic === 'error') {
      const topic = m.payload.errorReferences?.find((r) => r.referenceKey === 'topic')?.referenceValue ?? '-';
      bump(errors, `${m.payload.errorType} ${topic}`);
    } else bump(masterMessages, m.topic);
  });
  ws.on('close', () => !closing && unexpectedCloses++);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(link));
    ws.once('error', reject);
  });
}

function send(link: Link, topic: Topic): void {
  if (link.ws.readyState !== WebSocket.OPEN) return;
  const wall = Date.now();
  let text: string;
  if (topic === 'visualization') {
    link.viz.headerId++;
    link.viz.timestamp = vdaTimestamp(wall);
    text = JSON.stringify({ topic, payload: link.viz });
    vizBytes = text.length;
  } else if (topic === 'state') {
    const s = link.state;
    s.headerId++;
    s.timestamp = vdaTimestamp(wall);
    s.distanceSinceLastNode = (s.headerId * 2) % Math.max(1, link.laneLengthM - 1);
    s.information![0]!.infoDescription = String(clock());
    text = JSON.stringify({ topic, payload: s });
    stateBytes = text.length;
  } else {
    link.conn.headerId++;
    link.conn.timestamp = vdaTimestamp(wall);
    link.ackWait.set(link.conn.headerId, clock());
    text = JSON.stringify({ topic, payload: link.conn });
  }
  link.ws.send(text);
  bump(sent, topic);
}

export interface Rates {
  readonly visualizationHz: number;
  readonly stateHz: number;
  readonly connectionEveryS: number;
  /** Width of a send slot, ms. */
  readonly slotMs: number;
}

function schedule(rates: Rates): void {
  const slotMs = rates.slotMs;
  // Slots behind schedule that count as late: one visualization period.
  const late = Math.ceil(100 / slotMs);
  const plan: { topic: Topic; buckets: Link[][] }[] = [];
  const add = (topic: Topic, periodMs: number) => {
    if (!Number.isFinite(periodMs) || periodMs <= 0) return;
    const slots = Math.max(1, Math.round(periodMs / slotMs));
    const buckets: Link[][] = Array.from({ length: slots }, () => []);
    // Evenly over the period, whether there are more links than slots or fewer.
    links.forEach((l, i) => buckets[Math.floor((i * slots) / links.length)]!.push(l));
    plan.push({ topic, buckets });
  };
  if (rates.visualizationHz > 0) add('visualization', 1000 / rates.visualizationHz);
  if (rates.stateHz > 0) add('state', 1000 / rates.stateHz);
  if (rates.connectionEveryS > 0) add('connection', rates.connectionEveryS * 1000);
  const start = performance.now();
  let done = 0;
  const loop = () => {
    const due = Math.floor((performance.now() - start) / slotMs);
    if (due - done > late) lateSlots += due - done - late;
    for (; done <= due; done++) for (const p of plan) for (const l of p.buckets[done % p.buckets.length]!) send(l, p.topic);
    timer = setTimeout(loop, Math.max(0, start + done * slotMs - performance.now()));
  };
  loop();
}

serveIpc({
  async connect(args) {
    const { url, links: n, batch } = args as { url: string; links: number; batch: number };
    const map = benchMap();
    const lanes = map.lanes.filter((l) => l.lengthMm >= 10_000);
    const t0 = clock();
    let failed = 0;
    for (let i = 0; i < n; i += batch) {
      const opened = await Promise.allSettled(
        Array.from({ length: Math.min(batch, n - i) }, (_, k) => {
          const lane = lanes[(i + k) % lanes.length]!;
          const from = map.nodes.get(lane.from)!;
          return open(url, i + k, map.id, { ...from, lane: lane.id, from: lane.from, to: lane.to, lengthMm: lane.lengthMm });
        }),
      );
      for (const o of opened) if (o.status === 'fulfilled') links.push(o.value);
      else failed++;
    }
    return { open: links.length, failed, ms: clock() - t0 };
  },
  run(args) {
    schedule(args as unknown as Rates);
  },
  'window-start'() {
    rtts = [];
    windowStart = { cpu: process.cpuUsage(), wall: clock(), sent: { ...sent }, errors: { ...errors } };
    windowOpen = true;
  },
  'window-end'(): GeneratorWindow {
    windowOpen = false;
    const wallMs = clock() - windowStart.wall;
    const delta = (now: Record<string, number>, then: Record<string, number>) => Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (then[k] ?? 0)]));
    return { seconds: wallMs / 1000, cpu: { percent: cpuPercent(windowStart.cpu, wallMs).percent }, sent: delta(sent, windowStart.sent), ackRtt: summarize(rtts), errors: delta(errors, windowStart.errors) };
  },
  /** Stops sending, lets acks and errors in flight arrive for `drainMs`, and reports the run. */
  async stop(args): Promise<GeneratorTotals> {
    if (timer) clearTimeout(timer);
    timer = null;
    await new Promise((r) => setTimeout(r, Number(args.drainMs ?? 1000)));
    return { sent: { ...sent }, acks, errors: { ...errors }, masterMessages: { ...masterMessages }, unexpectedCloses, lateSlots, stateBytes, visualizationBytes: vizBytes };
  },
  async close() {
    closing = true;
    const closed = Promise.all(links.map((l) => new Promise<void>((resolve) => {
      if (l.ws.readyState === WebSocket.CLOSED) return resolve();
      l.ws.once('close', () => resolve());
      l.ws.close(1000, 'bench done');
    })));
    // A server that does not answer the closing handshake is not waited for (ws would wait 30 s).
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
    for (const l of links) l.ws.terminate();
    setImmediate(() => process.exit(0));
  },
});
