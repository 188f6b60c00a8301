/**
 * Smoke test of the issue-5 live-gate benchmarks on small loads: the bench machinery (child
 * processes, real sockets, the gateway's hub and logic, the IOC feed) runs end to end and its
 * bookkeeping holds. Timings are reported by the benches, never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { runLinkBench } from '../../bench/link-load/link-bench-run.ts';
import { runIocBench } from '../../bench/link-load/ioc-bench-run.ts';

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('given the quick vehicle-link bench against the gateway', () => {
  it('takes in every state sent and refuses nothing when 100 links send state, visualization and connection messages', async () => {
    const [row] = await runLinkBench({ links: 100, seconds: 2, warmupSeconds: 1, modes: ['gateway'] });
    expect(row).toBeDefined();
    const r = row!;
    expect(r.statesSent).toBeGreaterThan(100);
    expect(r.statesDropped).toBe(0);
    expect(r.statesIngested).toBe(r.statesSent);
    expect(total(r.refused)).toBe(0);
    expect(r.errorsReceived).toEqual({});
    expect(r.unexpectedCloses).toBe(0);
    // The logic translated the states: each unknown, localized vehicle asks to be added.
    expect(r.commandsDropped.AddVehicle ?? 0).toBeGreaterThan(0);
  }, 30_000);
});

describe('given the quick IOC fan-out bench', () => {
  it('leaves every client mirror equal to the hub when the ticks stop', async () => {
    const r = await runIocBench({ clients: 10, vehicles: 50, seconds: 2, warmupSeconds: 1 });
    expect(r.finalVersion).toBeGreaterThan(0);
    expect(r.mirrorsEqual).toBe(10);
    expect(r.unexpectedCloses).toBe(0);
    expect(r.patchesPerClientPerS).toBeGreaterThan(0);
  }, 30_000);
});
