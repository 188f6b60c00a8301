/**
 * A recorded run (`igv-trace/1` JSON Lines, DESIGN §7) as a timeline the same scene can play:
 * poses at every tick record, interpolated in between, and from the order events which vehicles
 * carry a container when. The trace has no vehicle states or goods, so a replayed vehicle looks
 * 'driving' when it moves, 'waiting' when it stands with work and 'idle' otherwise, and what it
 * carries is drawn as goods 'other'.
 */
import type { VehicleDraw, VehicleLook } from './view-types.ts';
import { angleDelta, countUpTo, lastAtOrBefore, lerpAngle, type CarryPoint } from './replay-index.ts';

export interface TraceVehicleSpec {
  readonly lengthM: number;
  readonly widthM: number;
  readonly maxSpeedMps?: number;
  readonly capacity?: number;
}

export interface ReplayStats {
  readonly created: number;
  readonly delivered: number;
  readonly failed: number;
  readonly deliveredLastHour: number;
  /** Containers on board of some vehicle. */
  readonly onBoard: number;
}

export interface ReplayTimeline {
  readonly tickMs: number;
  /** Engine times of the first and last tick record, ms. */
  readonly startMs: number;
  readonly endMs: number;
  /** Engine times of the tick records, ascending. */
  readonly times: readonly number[];
  readonly vehicleIds: readonly string[];
  /**
   * The vehicles at engine time `tMs` (clamped to the recording): each present in the tick record
   * at or before it, moved linearly (heading by the shorter turn) towards the next record.
   */
  frameAt(tMs: number): VehicleDraw[];
  /** Order ids vehicle `id` carries at `tMs`. */
  carriedAt(id: string, tMs: number): readonly string[];
  /** Order counts up to `tMs` from the order events. */
  statsAt(tMs: number): ReplayStats;
}

export class TraceParseError extends Error {
  constructor(readonly line: number, message: string) {
    super(`trace line ${line}: ${message}`);
  }
}

const DEFAULT_SPEC: TraceVehicleSpec = { lengthM: 15.6, widthM: 3 };
// Below this (m, rad) a vehicle counts as standing between two records.
const MOVE_EPS = 0.005;

interface TickRecord {
  readonly idx: Int32Array;
  readonly pose: Float32Array;
  slotOf?: Map<number, number>;
}

/** Parses trace text; throws `TraceParseError` (with the line number) on a line that is not igv-trace/1. */
export function parseTrace(text: string): ReplayTimeline {
  const specs: TraceVehicleSpec[] = [];
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const vehicle = (id: string, spec?: TraceVehicleSpec) => {
    let i = indexOf.get(id);
    if (i === undefined) {
      indexOf.set(id, (i = ids.length));
      ids.push(id);
      specs.push(spec ?? DEFAULT_SPEC);
    } else if (spec) specs[i] = spec;
    return i;
  };
  const times: number[] = [];
  const ticks: TickRecord[] = [];
  const carry = new Map<number, CarryPoint[]>();
  const loaded = new Map<number, Set<string>>();
  const assigned = new Map<number, Set<string>>();
  const carrier = new Map<string, number>();
  const created: number[] = [], delivered: number[] = [], failed: number[] = [], boardDelta: [number, number][] = [];
  let tickMs = 1000;
  let header = false;

  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new TraceParseError(n + 1, 'not JSON');
    }
    if (!header) {
      if (rec.type !== 'header' || rec.format !== 'igv-trace/1') throw new TraceParseError(n + 1, 'expected the igv-trace/1 header');
      header = true;
      if (typeof rec.tickMs === 'number' && rec.tickMs > 0) tickMs = rec.tickMs;
      for (const [id, spec] of Object.entries((rec.vehicles ?? {}) as Record<string, TraceVehicleSpec>)) vehicle(id, specOf(spec));
      continue;
    }
    if (rec.type === 'vehicle' && typeof rec.id === 'string') vehicle(rec.id, specOf(rec.spec as TraceVehicleSpec));
    else if (rec.type === 'tick') {
      const t = rec.t, v = rec.v;
      if (typeof t !== 'number' || !Array.isArray(v)) throw new TraceParseError(n + 1, 'a tick needs t (ms) and v');
      if (times.length > 0 && t < times.at(-1)!) throw new TraceParseError(n + 1, `tick ${t} before ${times.at(-1)}`);
      const idx = new Int32Array(v.length);
      const pose = new Float32Array(v.length * 3);
      v.forEach((row: unknown, k: number) => {
        if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'number' || typeof row[2] !== 'number' || typeof row[3] !== 'number') {
          throw new TraceParseError(n + 1, `v[${k}] is not [id, x, y, heading]`);
        }
        idx[k] = vehicle(row[0]);
        pose[k * 3] = row[1];
        pose[k * 3 + 1] = row[2];
        pose[k * 3 + 2] = row[3];
      });
      times.push(t);
      ticks.push({ idx, pose });
    } else if (rec.type === 'order' && typeof rec.id === 'string' && typeof rec.t === 'number') {
      const t = rec.t, oid = rec.id;
      const vi = typeof rec.vehicle === 'string' ? vehicle(rec.vehicle) : carrier.get(oid);
      if (rec.event === 'created') created.push(t);
      if (rec.event === 'delivered') delivered.push(t);
      if (rec.event === 'failed') failed.push(t);
      if (vi === undefined) continue;
      const l = loaded.get(vi) ?? new Set<string>();
      const a = assigned.get(vi) ?? new Set<string>();
      loaded.set(vi, l);
      assigned.set(vi, a);
      const before = l.size;
      switch (rec.event) {
        case 'assigned':
          a.add(oid);
          carrier.set(oid, vi);
          break;
        case 'unassigned':
          a.delete(oid);
          break;
        case 'loaded':
          l.add(oid);
          carrier.set(oid, vi);
          break;
        case 'unloaded':
          l.delete(oid);
          break;
        case 'delivered':
        case 'failed':
          l.delete(oid);
          a.delete(oid);
          carrier.delete(oid);
          break;
        default:
          continue;
      }
      if (l.size !== before) boardDelta.push([t, l.size - before]);
      const points = carry.get(vi) ?? [];
      carry.set(vi, points);
      points.push({ t, load: [...l].sort(), busy: a.size > 0 || l.size > 0 });
    }
  }
  if (!header) throw new TraceParseError(1, 'empty trace');
  if (times.length === 0) throw new TraceParseError(lines.length, 'no tick records');
  for (const list of [created, delivered, failed]) list.sort((x, y) => x - y);
  boardDelta.sort((x, y) => x[0] - y[0]);
  const boardTimes = boardDelta.map((d) => d[0]);
  const boardSum: number[] = [];
  boardDelta.reduce((s, d, i) => (boardSum[i] = s + d[1]), 0);

  const slot = (tick: TickRecord, vi: number, hint: number): number => {
    if (tick.idx[hint] === vi) return hint;
    if (!tick.slotOf) tick.slotOf = new Map(Array.from(tick.idx, (v, k) => [v, k] as const));
    return tick.slotOf.get(vi) ?? -1;
  };
  const carryAt = (vi: number, t: number): CarryPoint | null => {
    const points = carry.get(vi);
    if (!points) return null;
    const k = lastAtOrBefore(points, t, (p) => p.t);
    return k < 0 ? null : points[k]!;
  };
  const startMs = times[0]!, endMs = times.at(-1)!;
  const clamp = (t: number) => Math.min(endMs, Math.max(startMs, t));

  return {
    tickMs,
    startMs,
    endMs,
    times,
    vehicleIds: ids,
    frameAt(tMs) {
      const t = clamp(tMs);
      const i = lastAtOrBefore(times, t, (x) => x);
      const a = ticks[i]!;
      const j = i + 1 < ticks.length ? i + 1 : i > 0 ? i - 1 : i;
      const b = ticks[j]!;
      const f = j > i && times[j]! > times[i]! ? (t - times[i]!) / (times[j]! - times[i]!) : 0;
      const out: VehicleDraw[] = new Array(a.idx.length);
      for (let k = 0; k < a.idx.length; k++) {
        const vi = a.idx[k]!;
        const x0 = a.pose[k * 3]!, y0 = a.pose[k * 3 + 1]!, h0 = a.pose[k * 3 + 2]!;
        const m = slot(b, vi, k);
        const x1 = m < 0 ? x0 : b.pose[m * 3]!, y1 = m < 0 ? y0 : b.pose[m * 3 + 1]!, h1 = m < 0 ? h0 : b.pose[m * 3 + 2]!;
        const moving = Math.hypot(x1 - x0, y1 - y0) > MOVE_EPS || Math.abs(angleDelta(h0, h1)) > MOVE_EPS;
        const c = carryAt(vi, t);
        const look: VehicleLook = moving ? 'driving' : c?.busy ? 'waiting' : 'idle';
        const spec = specs[vi]!;
        out[k] = {
          id: ids[vi]!,
          x: x0 + (x1 - x0) * f,
          y: y0 + (y1 - y0) * f,
          heading: lerpAngle(h0, h1, f),
          lengthM: spec.lengthM,
          widthM: spec.widthM,
          look,
          cargo: c && c.load.length > 0 ? 'other' : null,
        };
      }
      return out;
    },
    carriedAt(id, tMs) {
      const vi = indexOf.get(id);
      return vi === undefined ? [] : (carryAt(vi, tMs)?.load ?? []);
    },
    statsAt(tMs) {
      const d = countUpTo(delivered, tMs);
      const k = lastAtOrBefore(boardTimes, tMs, (x) => x);
      return {
        created: countUpTo(created, tMs),
        delivered: d,
        failed: countUpTo(failed, tMs),
        deliveredLastHour: d - countUpTo(delivered, tMs - 3_600_000),
        onBoard: k < 0 ? 0 : boardSum[k]!,
      };
    },
  };
}

function specOf(spec: TraceVehicleSpec | undefined): TraceVehicleSpec {
  return spec && spec.lengthM > 0 && spec.widthM > 0 ? spec : DEFAULT_SPEC;
}
