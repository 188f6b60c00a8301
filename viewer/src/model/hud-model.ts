/**
 * What the HUD and the details panel say, worked out from the feed state as plain strings and
 * numbers (no DOM, no three), so the wording is unit-tested and the ui/ files only place it.
 */
import type { FeedAlarm, FeedState, FeedVehicle, LiveKpis, VehicleActivity } from '../../../engine/protocol/ioc/feed-schema.ts';
import type { IgvMap } from '../../../maps/schema/map-schema.ts';

const DIRECTIONS = ['VN-CN', 'CN-VN'] as const;
const ACTIVITIES: readonly VehicleActivity[] = ['driving', 'waiting', 'serving', 'charging', 'idle', 'faulted'];

export interface HudView {
  /** Vehicles in the feed (the number #hud-vehicles shows). */
  readonly vehicles: number;
  /** Engine clock and gate-wide flags (emergency stop, safe mode). */
  readonly clock: string;
  readonly flags: readonly string[];
  readonly throughput: readonly { readonly direction: 'VN-CN' | 'CN-VN'; readonly moves: number; readonly tonnes: string }[];
  readonly queue: readonly { readonly label: string; readonly count: number }[];
  readonly clearance: { readonly p50: string; readonly p95: string };
  readonly fleet: readonly { readonly state: VehicleActivity; readonly count: number }[];
  /** Critical first, then the newest. */
  readonly alarms: readonly { readonly id: string; readonly severity: FeedAlarm['severity']; readonly text: string; readonly age: string }[];
}

/** The HUD for `state`; zeros and dashes before the first KPI entry arrives. */
export function hudView(state: FeedState): HudView {
  const k: Partial<LiveKpis> = state.kpis.live ?? {};
  const gate = state.gate.gate;
  const now = gate?.nowMs ?? 0;
  const flags: string[] = [];
  if (gate?.emergencyStop) flags.push('EMERGENCY STOP');
  if (gate?.safeMode) flags.push('SAFE MODE');
  const fleetCounts = k.fleetByState ?? countActivities(state);
  return {
    vehicles: Object.keys(state.vehicles).length,
    clock: gate ? clockText(gate.timestamp) : '–',
    flags,
    throughput: DIRECTIONS.map((direction) => ({
      direction,
      moves: k.deliveredLastHourByDirection?.[direction] ?? 0,
      tonnes: formatTonnes(k.tonnesLastHourByDirection?.[direction] ?? 0),
    })),
    queue: [
      { label: 'waiting', count: k.ordersWaiting ?? 0 },
      { label: 'assigned', count: k.ordersByStatus?.assigned ?? 0 },
      { label: 'on board', count: k.ordersByStatus?.loaded ?? 0 },
    ],
    clearance: { p50: formatMinutes(k.clearanceMinutes?.p50 ?? null), p95: formatMinutes(k.clearanceMinutes?.p95 ?? null) },
    fleet: ACTIVITIES.map((s) => ({ state: s, count: fleetCounts[s] ?? 0 })),
    alarms: Object.values(state.alarms)
      .sort((a, b) => (a.severity === b.severity ? b.sinceMs - a.sinceMs || (a.id < b.id ? -1 : 1) : a.severity === 'critical' ? -1 : 1))
      .map((a) => ({ id: a.id, severity: a.severity, text: a.message, age: formatAge(now - a.sinceMs) })),
  };
}

function countActivities(state: FeedState): Partial<Record<VehicleActivity, number>> {
  const out: Partial<Record<VehicleActivity, number>> = {};
  for (const v of Object.values(state.vehicles)) out[v.state] = (out[v.state] ?? 0) + 1;
  return out;
}

/** `HH:MM:SS` (UTC) of an ISO timestamp; the input unchanged if it is not one. */
export function clockText(iso: string): string {
  const m = /T(\d\d:\d\d:\d\d)/.exec(iso);
  return m ? m[1]! : iso;
}

/** Tonnes with one decimal: `18.0 t`. */
export function formatTonnes(t: number): string {
  return `${t.toFixed(1)} t`;
}

/** `42 min`, `4 h 05 min`; `–` for null (nothing delivered yet). */
export function formatMinutes(min: number | null): string {
  if (min === null || !Number.isFinite(min)) return '–';
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A duration in ms as `12 s`, `3 min`, `2 h 10 min`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return formatMinutes(s / 60);
}

/** Engine time (ms from the run's start) as `H:MM:SS`, for the replay clock. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export interface CargoLine {
  readonly orderId: string;
  readonly containerId: string;
  readonly goods: string;
  readonly text: string;
}

export interface DetailsView {
  readonly id: string;
  readonly state: string;
  readonly battery: string;
  readonly speed: string;
  readonly cargo: readonly CargoLine[];
  readonly task: string;
  /** The lane the nose is on (for lane actions) and the text `lane @ offset`. */
  readonly laneId: string;
  readonly lane: string;
  readonly route: string;
  /** Faults, long waits and the alarms that name this vehicle. */
  readonly problems: readonly string[];
  readonly paused: boolean;
  readonly charging: boolean;
}

/** Lane id → length, mm, for route lengths. */
export function laneLengths(map: Pick<IgvMap, 'lanes'>): ReadonlyMap<string, number> {
  return new Map(map.lanes.map((l) => [l.id, l.lengthMm]));
}

/** Metres still to drive on the known route: the rest of the nose lane plus the planned lanes; null if a lane is unknown. */
export function routeLengthM(v: Pick<FeedVehicle, 'lane' | 'offsetMm' | 'route'>, lengths: ReadonlyMap<string, number>): number | null {
  const first = lengths.get(v.lane);
  if (first === undefined) return null;
  let mm = Math.max(0, first - v.offsetMm);
  for (const id of v.route) {
    const l = lengths.get(id);
    if (l === undefined) return null;
    mm += l;
  }
  return mm / 1000;
}

/** The details panel for vehicle `id`, or null when the feed has no such vehicle. */
export function vehicleDetails(state: FeedState, id: string, lengths: ReadonlyMap<string, number>): DetailsView | null {
  const v = state.vehicles[id];
  if (!v) return null;
  const cargo = v.load.map((oid): CargoLine => {
    const o = state.orders[oid];
    if (!o) return { orderId: oid, containerId: '?', goods: v.cargo ?? '?', text: `${oid} (order not in the feed)` };
    return { orderId: oid, containerId: o.containerId, goods: o.goods, text: `${o.containerId} · ${o.goods} · ${o.sizeFt} ft ${Math.round(o.grossKg / 100) / 10} t · ${o.direction} → ${o.destination}` };
  });
  const len = routeLengthM(v, lengths);
  const route = v.route.length === 0 && (lengths.get(v.lane) ?? 0) - v.offsetMm <= 0
    ? 'none'
    : `${len === null ? '?' : `${v.route.length >= 40 ? '≥ ' : ''}${Math.round(len).toLocaleString('en-US')} m`} (${v.route.length + 1} lanes)`;
  const problems: string[] = [];
  if (v.status !== 'ok') problems.push(`status ${v.status}`);
  if (v.waitingS > 0) problems.push(`waiting ${formatAge(v.waitingS * 1000)}`);
  for (const a of Object.values(state.alarms)) if (namesVehicle(a.subject, id)) problems.push(`${a.severity}: ${a.message}`);
  return {
    id,
    state: v.paused ? `${v.state} (paused)` : v.state,
    battery: `${v.socPercent.toFixed(1)} %${v.charging ? ' (charging)' : ''}`,
    speed: `${v.speedMps.toFixed(1)} m/s`,
    cargo,
    task: v.task === null ? 'none' : v.goalStation ? `${v.task} → ${v.goalStation}` : v.task,
    laneId: v.lane,
    lane: `${v.lane} @ ${(v.offsetMm / 1000).toFixed(1)} m`,
    route,
    problems,
    paused: v.paused,
    charging: v.charging,
  };
}

/** Whether an alarm subject ("V1", a deadlock's "V1+V2", a list "V1, V2") names vehicle `id`. */
export function namesVehicle(subject: string, id: string): boolean {
  return subject.split(/[\s,;+]+/).includes(id);
}

/**
 * The operator API's answer as one line for people: `403 forbidden: …` from its `{error, message}`
 * body, or the status and the start of the raw text.
 */
export function apiErrorText(status: number, body: string): string {
  try {
    const j = JSON.parse(body) as { error?: unknown; message?: unknown };
    if (typeof j.error === 'string' && typeof j.message === 'string') return `${status} ${j.error}: ${j.message}`;
  } catch {
    // not JSON: fall through
  }
  const text = body.trim().slice(0, 120);
  return text ? `${status}: ${text}` : `HTTP ${status}`;
}
