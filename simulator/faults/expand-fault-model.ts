/**
 * `expandFaultModel`: a scenario's fault model turned into timed engine commands — random IGV
 * breakdowns and link losses, random station failures, and the fixed lane-closure and station
 * outage windows. Pure and deterministic: the same model, context and seed give the same list.
 * Each vehicle and station draws from its own seeded stream, so adding a vehicle to the fleet does
 * not move the faults of the others. Surges are not commands: see surge.ts.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Command } from '../../engine/core/model/commands.ts';
import type { StationKind } from '../../maps/schema/map-schema.ts';
import { drawUnit, UNIT } from '../gate/demand/draws.ts';
import type { FaultModel } from './fault-model-schema.ts';

export interface FaultContext {
  readonly vehicleIds: readonly string[];
  readonly stationIdsByKind: Partial<Record<StationKind, readonly string[]>>;
  readonly laneIds: readonly string[];
  /** Faults are drawn to start before this, ms of run time (their ends may fall after it). */
  readonly durationMs: number;
  readonly seed: number;
}

export interface TimedCommand {
  readonly atMs: number;
  readonly command: Command;
}

const MS_PER_HOUR = 3_600_000;
/** A model drawing more than this is a typo (an MTBF in seconds rather than hours), not a scenario. */
const MAX_COMMANDS = 1_000_000;

interface Outage {
  readonly fromMs: number;
  readonly toMs: number;
  readonly reason: string;
}

/**
 * Expands `model` over [0, ctx.durationMs) of run time. Throws one Error naming every lane, station
 * or station kind the model refers to that the context does not have. Sorted by time, then ends of
 * faults before starts (a vehicle restored and failing again in one ms is restored first), then id.
 */
export function expandFaultModel(model: FaultModel, ctx: FaultContext): TimedCommand[] {
  validate(model, ctx);
  const out: TimedCommand[] = [];
  const push = (atMs: number, command: Command) => {
    out.push({ atMs, command });
    if (out.length > MAX_COMMANDS) throw new Error(`[fault-model] more than ${MAX_COMMANDS} faults drawn: is an mtbfHours far too small?`);
  };

  if (model.breakdowns) {
    const { mtbfHours, repairMinutes } = model.breakdowns;
    for (const id of ctx.vehicleIds) {
      for (const f of renewals(stream(ctx.seed, 'breakdown', id), mtbfHours * MS_PER_HOUR, minutesMs(repairMinutes), ctx.durationMs)) {
        push(f.fromMs, { kind: 'BreakDown', vehicleId: id, repairMs: f.toMs - f.fromMs });
      }
    }
  }
  if (model.linkLosses) {
    const { mtbfHours, durationSeconds } = model.linkLosses;
    const range: [number, number] = [Math.round(durationSeconds[0] * 1000), Math.round(durationSeconds[1] * 1000)];
    for (const id of ctx.vehicleIds) {
      for (const f of renewals(stream(ctx.seed, 'link', id), mtbfHours * MS_PER_HOUR, range, ctx.durationMs)) {
        push(f.fromMs, { kind: 'LinkLost', vehicleId: id });
        push(f.toMs, { kind: 'LinkRestored', vehicleId: id });
      }
    }
  }

  const laneWindows = new Map<string, Outage[]>();
  for (const w of model.laneClosures) addTo(laneWindows, w.lane, hoursWindow(w, 'lane closure'));
  for (const [lane, windows] of sortedEntries(laneWindows)) {
    for (const w of merged(windows, ctx.durationMs)) {
      push(w.fromMs, { kind: 'CloseLane', laneId: lane });
      push(w.toMs, { kind: 'OpenLane', laneId: lane });
    }
  }

  const stationWindows = new Map<string, Outage[]>();
  for (const w of model.stationOutages) addTo(stationWindows, w.station, hoursWindow(w, w.reason));
  for (const failures of model.stationFailures ? [model.stationFailures].flat() : []) {
    const stations = [...new Set(failures.kinds.flatMap((k) => ctx.stationIdsByKind[k] ?? []))].sort();
    for (const station of stations) {
      for (const f of renewals(stream(ctx.seed, 'station', station), failures.mtbfHours * MS_PER_HOUR, minutesMs(failures.repairMinutes), ctx.durationMs)) {
        addTo(stationWindows, station, { ...f, reason: `failure, repair ${Math.round((f.toMs - f.fromMs) / 60_000)} min` });
      }
    }
  }
  for (const [station, windows] of sortedEntries(stationWindows)) {
    for (const w of merged(windows, ctx.durationMs)) {
      push(w.fromMs, { kind: 'StationDown', station, reason: w.reason });
      push(w.toMs, { kind: 'StationUp', station });
    }
  }
  return out.sort(byTimeThenKey);
}

function validate(model: FaultModel, ctx: FaultContext): void {
  const errors = faultModelErrors(model, ctx);
  if (errors.length > 0) throw new Error(`[fault-model] ${errors.join('; ')}`);
}

/** The lanes, stations and station kinds `model` names that `targets` (the map) does not have, as messages. */
export function faultModelErrors(model: FaultModel, targets: Pick<FaultContext, 'stationIdsByKind' | 'laneIds'>): string[] {
  const lanes = new Set(targets.laneIds);
  const stations = new Set(Object.values(targets.stationIdsByKind).flat());
  const errors: string[] = [];
  const badLanes = [...new Set(model.laneClosures.map((w) => w.lane).filter((l) => !lanes.has(l)))];
  if (badLanes.length > 0) errors.push(`faultModel.laneClosures: the map has no lane ${badLanes.map((l) => `[${l}]`).join(', ')}`);
  const badStations = [...new Set(model.stationOutages.map((w) => w.station).filter((s) => !stations.has(s)))];
  if (badStations.length > 0) errors.push(`faultModel.stationOutages: the map has no station ${badStations.map((s) => `[${s}]`).join(', ')}`);
  const kinds = model.stationFailures ? [model.stationFailures].flat().flatMap((f) => f.kinds) : [];
  const badKinds = [...new Set(kinds.filter((k) => (targets.stationIdsByKind[k] ?? []).length === 0))];
  if (badKinds.length > 0) errors.push(`faultModel.stationFailures: the map has no station of kind ${badKinds.map((k) => `[${k}]`).join(', ')}`);
  return errors;
}

/**
 * An alternating renewal process from t = 0: up for an exponential time of mean `meanUpMs`, then
 * down for a uniform time in `downMs`; the faults that start before `horizonMs`.
 */
function renewals(rng: RandomGenerator, meanUpMs: number, downMs: readonly [number, number], horizonMs: number): { fromMs: number; toMs: number }[] {
  const out: { fromMs: number; toMs: number }[] = [];
  let t = 0;
  for (;;) {
    // (0, 1]: a zero would be an infinite wait.
    const u = (drawUnit(rng) + 1) / UNIT;
    t += Math.max(1, Math.round(-Math.log(u) * meanUpMs));
    if (t >= horizonMs) return out;
    const d = Math.max(1, uniformInt(rng, downMs[0], downMs[1]));
    out.push({ fromMs: t, toMs: t + d });
    t += d;
    if (out.length > MAX_COMMANDS) return out;
  }
}

/** A generator of its own for one kind of fault of one vehicle or station. */
function stream(seed: number, kind: string, id: string): RandomGenerator {
  // FNV-1a, 32 bits: only needs to spread the names over seeds.
  let h = 0x811c9dc5;
  for (const ch of `${seed}|${kind}|${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return xoroshiro128plus(h | 0);
}

const minutesMs = ([a, b]: readonly [number, number]): [number, number] => [Math.round(a * 60_000), Math.round(b * 60_000)];

const hoursWindow = (w: { fromHour: number; toHour: number }, reason: string): Outage => ({
  fromMs: Math.round(w.fromHour * MS_PER_HOUR),
  toMs: Math.round(w.toHour * MS_PER_HOUR),
  reason,
});

function addTo(m: Map<string, Outage[]>, key: string, o: Outage): void {
  const list = m.get(key);
  if (list) list.push(o);
  else m.set(key, [o]);
}

const sortedEntries = <V>(m: ReadonlyMap<string, V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Overlapping or touching windows of one target as one (the engine's up command would end both), those starting before `horizonMs`. */
function merged(windows: readonly Outage[], horizonMs: number): Outage[] {
  const sorted = [...windows].sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs);
  const out: Outage[] = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last && w.fromMs <= last.toMs) out[out.length - 1] = { ...last, toMs: Math.max(last.toMs, w.toMs) };
    else out.push(w);
  }
  return out.filter((w) => w.fromMs < horizonMs);
}

const ENDS = new Set<Command['kind']>(['LinkRestored', 'OpenLane', 'StationUp']);

function targetOf(c: Command): string {
  if ('vehicleId' in c) return c.vehicleId;
  if ('laneId' in c) return c.laneId;
  if ('station' in c) return c.station;
  return '';
}

function byTimeThenKey(a: TimedCommand, b: TimedCommand): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  const ra = ENDS.has(a.command.kind) ? 0 : 1;
  const rb = ENDS.has(b.command.kind) ? 0 : 1;
  if (ra !== rb) return ra - rb;
  const ka = `${targetOf(a.command)}|${a.command.kind}`;
  const kb = `${targetOf(b.command)}|${b.command.kind}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
