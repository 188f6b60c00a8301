/**
 * Submitting one operator command and reading the engine's verdict from the events of the tick
 * that applied it. The engine answers a refusal with an event (never a throw); the API turns it
 * into 404 (an unknown id) or 409 (anything else), keeping the engine's reason code.
 */
import type { Command } from '../../core/model/commands.ts';
import type { EngineEvent } from '../../core/model/events.ts';
import type { GatePort, SubmitResult } from '../../runtime/gate/gate-port.ts';
import { ApiError } from './api-errors.ts';

/** Throws `ApiError` 503 unless the gate takes commands (recovery done, tick loop running). */
export function assertReady(gate: GatePort, ready: () => boolean): void {
  if (!ready() || !gate.running()) throw new ApiError(503, 'not_ready', 'the gate is not running yet; nothing was applied');
}

/**
 * Submits `command` and resolves with the tick that applied it. Throws `ApiError` 503 when the
 * gate is not ready or stops first, or when the engine faulted in that tick (nothing applied).
 */
export async function runCommand(gate: GatePort, ready: () => boolean, command: Command): Promise<SubmitResult> {
  assertReady(gate, ready);
  let result: SubmitResult;
  try {
    result = await gate.submit([command]);
  } catch {
    throw new ApiError(503, 'gate_stopped', 'the gate stopped before the command was applied');
  }
  if (result.events.some((e) => e.kind === 'EngineFault')) {
    throw new ApiError(503, 'engine_fault', `the engine faulted in tick ${result.tick} and is in safe mode; the command was not applied`);
  }
  return result;
}

/**
 * The `CommandRejected` event answering a `kind` command about `id`. Several commands of one kind
 * may share a tick: the engine names the id in the detail, as a whole word.
 */
export function rejectionOf(events: readonly EngineEvent[], kind: Command['kind'], id: string): Extract<EngineEvent, { kind: 'CommandRejected' }> | null {
  for (const e of events) {
    if (e.kind === 'CommandRejected' && e.command === kind && e.detail.split(/\s+/).includes(id)) return e;
  }
  return null;
}

/** Throws the API answer for a refusal of a `kind` command about `id`, if the engine refused it. */
export function throwIfRejected(events: readonly EngineEvent[], kind: Command['kind'], id: string): void {
  const r = rejectionOf(events, kind, id);
  if (r) throw new ApiError(r.reason.startsWith('UNKNOWN_') ? 404 : 409, r.reason, r.detail);
}
