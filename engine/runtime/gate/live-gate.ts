/**
 * The live gate: the engine runtime behind a queue. Edges enqueue commands; a driver (the wall
 * clock, or the lockstep loop of an accelerated run) calls `runTick()`, which takes the queue in
 * arrival order — operator commands first, then what vehicles said — journals it, steps the
 * engine and tells every listener. No timers here: when ticks happen is the driver's business.
 */
import { Subject } from 'rxjs';
import type { Command } from '../../core/model/commands.ts';
import type { World } from '../../core/model/world.ts';
import type { Site } from '../../core/tick/site.ts';
import { createEngineRuntime, type EngineFault } from '../engine-runtime.ts';
import type { JournalPort } from '../journal.ts';
import type { GatePort, GateTick, SubmitResult } from './gate-port.ts';

interface Pending {
  readonly commands: readonly Command[];
  readonly resolve: (r: SubmitResult) => void;
  readonly reject: (e: Error) => void;
}

export interface LiveGate extends GatePort {
  /** Runs one tick with everything queued so far. */
  runTick(): GateTick;
  /** Stops accepting work; pending submissions are rejected with `reason`. */
  stop(reason: string): void;
  /** The last engine fault, if the engine is in safe mode. */
  fault(): EngineFault | null;
  /** Commands waiting for the next tick. */
  queued(): number;
}

export interface LiveGateOptions {
  readonly site: Site;
  readonly initial: World;
  readonly journal?: JournalPort | null;
  /** Most commands one tick takes; the rest wait for the next tick (keeps a tick's cost bounded). */
  readonly maxCommandsPerTick?: number;
}

export function createLiveGate(options: LiveGateOptions): LiveGate {
  const runtime = createEngineRuntime(options.site, options.initial, options.journal ?? null);
  const maxPerTick = options.maxCommandsPerTick ?? 5_000;
  const ticks$ = new Subject<GateTick>();
  let operator: Pending[] = [];
  let vehicle: Command[] = [];
  let open = true;
  let lastFault: EngineFault | null = null;

  function takeInbox(): { inbox: Command[]; answered: Pending[] } {
    const inbox: Command[] = [];
    const answered: Pending[] = [];
    while (operator.length > 0 && inbox.length + operator[0]!.commands.length <= maxPerTick) {
      const p = operator.shift()!;
      inbox.push(...p.commands);
      answered.push(p);
    }
    // One oversized submission still runs, alone, rather than waiting forever.
    if (answered.length === 0 && operator.length > 0) {
      const p = operator.shift()!;
      inbox.push(...p.commands);
      answered.push(p);
    }
    const room = Math.max(0, maxPerTick - inbox.length);
    inbox.push(...vehicle.slice(0, room));
    vehicle = vehicle.slice(room);
    return { inbox, answered };
  }

  return {
    site: options.site,
    world: () => runtime.world(),
    running: () => open,
    fault: () => lastFault,
    queued: () => vehicle.length + operator.reduce((n, p) => n + p.commands.length, 0),
    ticks$: ticks$.asObservable(),
    submit(commands) {
      if (!open) return Promise.reject(new Error('the gate is stopped'));
      return new Promise<SubmitResult>((resolve, reject) => operator.push({ commands, resolve, reject }));
    },
    enqueue(commands) {
      if (open) vehicle.push(...commands);
    },
    runTick() {
      const { inbox, answered } = takeInbox();
      const outcome = runtime.tick(inbox);
      if (outcome.fault) lastFault = outcome.fault;
      const world = outcome.world;
      const tick: GateTick = {
        tick: world.tick,
        nowMs: world.tick * world.tickMs,
        world,
        events: outcome.events,
        vehicleCommands: outcome.vehicleCommands,
      };
      for (const p of answered) p.resolve({ tick: world.tick, events: outcome.events, world });
      ticks$.next(tick);
      return tick;
    },
    stop(reason) {
      if (!open) return;
      open = false;
      const err = new Error(reason);
      for (const p of operator) p.reject(err);
      operator = [];
      vehicle = [];
      ticks$.complete();
    },
  };
}
