/**
 * Active alarms and notices for the feed. Each tick's events raise alarms (with the event's
 * detail) and clear them; the world then settles the book: an alarm whose condition no longer
 * holds is cleared (a stalled vehicle moving again), and one whose condition holds without its
 * event is raised (a gate recovered after a restart, whose events were not replayed).
 */
import type { EngineEvent } from '../../core/model/events.ts';
import { nowMs, type World } from '../../core/model/world.ts';
import type { AlarmKind, FeedAlarm } from '../../protocol/ioc/feed-schema.ts';
import type { Notice } from '../../protocol/ioc/messages.ts';

const SEVERITY: Record<AlarmKind, FeedAlarm['severity']> = {
  stall: 'warning',
  deadlock: 'warning',
  breakdown: 'critical',
  'link-lost': 'critical',
  'engine-fault': 'critical',
  'station-down': 'warning',
  'emergency-stop': 'critical',
};

export interface AlarmBook {
  /** Takes one tick (in order); returns the active alarms (the same object while unchanged) and the tick's notices. */
  update(world: World, events: readonly EngineEvent[]): { alarms: Record<string, FeedAlarm>; notices: Notice[] };
  alarms(): Record<string, FeedAlarm>;
}

/** An empty book; feed it every tick in order (see `update`). */
export function createAlarmBook(): AlarmBook {
  const active = new Map<string, FeedAlarm>();
  let view: Record<string, FeedAlarm> = {};
  let changed = false;

  const raise = (kind: AlarmKind, subject: string, message: string, sinceMs: number) => {
    const id = kind === 'engine-fault' || kind === 'emergency-stop' ? kind : `${kind}:${subject}`;
    if (active.get(id)?.message === message) return;
    active.set(id, { id, kind, severity: SEVERITY[kind], subject, message, sinceMs: active.get(id)?.sinceMs ?? sinceMs });
    changed = true;
  };
  const clear = (id: string) => {
    if (active.delete(id)) changed = true;
  };

  return {
    update(world, events) {
      const now = nowMs(world);
      const notices: Notice[] = [];
      const note = (level: Notice['level'], code: string, message: string) => notices.push({ level, code, message, tick: world.tick });
      for (const e of events) {
        switch (e.kind) {
          case 'VehicleStalled': {
            const msg = `${e.vehicleId} has waited ${Math.round(e.waitingMs / 1000)} s to move`;
            raise('stall', e.vehicleId, msg, now - e.waitingMs);
            note('warning', e.kind, msg);
            break;
          }
          case 'DeadlockDetected': {
            const msg = `deadlock: ${e.vehicleIds.join(', ')} wait for each other`;
            raise('deadlock', e.vehicleIds.join('+'), msg, now);
            note('warning', e.kind, msg);
            break;
          }
          case 'DeadlockResolved':
            clear(`deadlock:${e.vehicleIds.join('+')}`);
            note('info', e.kind, `deadlock of ${e.vehicleIds.join(', ')} resolved: ${e.how}`);
            break;
          case 'VehicleBrokeDown': {
            const msg = `${e.vehicleId} broke down; repair due at ${Math.round(e.repairDoneMs / 1000)} s engine time`;
            raise('breakdown', e.vehicleId, msg, now);
            note('critical', e.kind, msg);
            break;
          }
          case 'VehicleRepaired':
            clear(`breakdown:${e.vehicleId}`);
            note('info', e.kind, `${e.vehicleId} repaired`);
            break;
          case 'VehicleLinkLost':
            raise('link-lost', e.vehicleId, `${e.vehicleId}: link lost`, now);
            note('critical', e.kind, `${e.vehicleId}: link lost`);
            break;
          case 'VehicleLinkRestored':
            clear(`link-lost:${e.vehicleId}`);
            note('info', e.kind, `${e.vehicleId}: link restored`);
            break;
          case 'EngineFault':
            raise('engine-fault', 'gate', `engine fault ${e.code}: ${e.message} (safe mode)`, now);
            note('critical', e.kind, `engine fault ${e.code}: ${e.message}`);
            break;
          case 'StationWentDown':
            raise('station-down', e.station, `${e.station} out of service: ${e.reason}`, now);
            note('warning', e.kind, `${e.station} out of service: ${e.reason}`);
            break;
          case 'StationCameUp':
            clear(`station-down:${e.station}`);
            note('info', e.kind, `${e.station} back in service after ${Math.round(e.downMs / 1000)} s`);
            break;
          case 'EmergencyStopped':
            raise('emergency-stop', 'gate', 'emergency stop: every vehicle halted', now);
            note('critical', e.kind, 'emergency stop: every vehicle halted');
            break;
          case 'EmergencyReleased':
            clear('emergency-stop');
            note('info', e.kind, 'emergency stop released');
            break;
          case 'OrderFailed':
            note('warning', e.kind, `order ${e.orderId} failed: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`);
            break;
          case 'LaneClosed':
          case 'LaneOpened':
            note('info', e.kind, `lane ${e.laneId} ${e.kind === 'LaneClosed' ? 'closed' : 'opened'}`);
            break;
          case 'VehiclePaused':
          case 'VehicleResumed':
            note('info', e.kind, `${e.vehicleId} ${e.kind === 'VehiclePaused' ? 'paused' : 'resumed'}`);
            break;
          default:
            break;
        }
      }
      settle(world, now, raise, clear, active);
      if (changed) {
        view = Object.fromEntries([...active.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
        changed = false;
      }
      return { alarms: view, notices };
    },
    alarms: () => view,
  };
}

/** Brings the book in line with the world (see the module comment). */
function settle(
  world: World,
  now: number,
  raise: (kind: AlarmKind, subject: string, message: string, sinceMs: number) => void,
  clear: (id: string) => void,
  active: ReadonlyMap<string, FeedAlarm>,
): void {
  for (const a of [...active.values()]) {
    const v = world.vehicles.get(a.subject);
    const holds =
      a.kind === 'stall' ? v !== undefined && v.waitingSinceMs !== null && v.stalledNotified
      : a.kind === 'deadlock' ? a.subject.split('+').some((id) => world.vehicles.get(id)?.inDeadlock === true)
      : a.kind === 'breakdown' ? v?.status === 'broken'
      : a.kind === 'link-lost' ? v?.status === 'link-lost'
      : a.kind === 'engine-fault' ? world.safeMode
      : a.kind === 'station-down' ? world.downStations.has(a.subject)
      : world.emergencyStop;
    if (!holds) clear(a.id);
  }
  for (const v of world.vehicles.values()) {
    if (v.status === 'broken' && !active.has(`breakdown:${v.id}`)) raise('breakdown', v.id, `${v.id} is broken down`, now);
    if (v.status === 'link-lost' && !active.has(`link-lost:${v.id}`)) raise('link-lost', v.id, `${v.id}: link lost`, now);
    if (v.stalledNotified && v.waitingSinceMs !== null && !active.has(`stall:${v.id}`)) {
      raise('stall', v.id, `${v.id} is waiting to move`, v.waitingSinceMs);
    }
  }
  for (const [station, out] of world.downStations) {
    if (!active.has(`station-down:${station}`)) raise('station-down', station, `${station} out of service: ${out.reason}`, out.sinceMs);
  }
  if (world.safeMode && !active.has('engine-fault')) raise('engine-fault', 'gate', 'engine in safe mode', now);
  if (world.emergencyStop && !active.has('emergency-stop')) raise('emergency-stop', 'gate', 'emergency stop: every vehicle halted', now);
}
