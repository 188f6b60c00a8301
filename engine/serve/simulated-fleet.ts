/**
 * The simulated fleet `igv serve` starts by default: virtual IGVs that are real VDA 5050 clients
 * of this very server over WebSocket (the same client `igv fleet` runs on its own), so the live
 * gate is exercised end to end, sockets and all.
 */
import type { IgvMap } from '../../maps/schema/map-schema.ts';
import type { Site } from '../core/tick/site.ts';
import type { Tokens } from '../runtime/auth/access.ts';
import type { World } from '../core/model/world.ts';
import { createFleetClient } from '../../simulator/fleet-client/fleet-client.ts';
import { startPositions, type StartPosition } from '../../simulator/fleet-client/start-positions.ts';

export interface SimulatedFleet {
  stop(): Promise<void>;
  online(): number;
}

export interface SimulatedFleetOptions {
  readonly url: string;
  readonly site: Site;
  readonly map: IgvMap;
  readonly count: number;
  readonly prefix: string;
  readonly tokens: Tokens;
  readonly clock: 'wall' | 'master';
  readonly timeScale: number;
  readonly tickMs: number;
  /** The world the gate starts from: after a restart, virtual vehicles resume where it last saw them. */
  readonly world: World;
  readonly log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

export async function startSimulatedFleet(o: SimulatedFleetOptions): Promise<SimulatedFleet> {
  const fleet = createFleetClient({
    url: o.url,
    site: o.site,
    count: o.count,
    idPrefix: o.prefix,
    tokens: o.tokens.vehicles,
    clock: o.clock,
    timeScale: o.timeScale,
    // A moving vehicle reports every tick, so traffic control frees the space behind it at once.
    stateIntervalMs: o.tickMs,
    visualizationIntervalMs: Math.max(o.tickMs, 1_000),
    log: (line) => o.log.info({ fleet: true }, line),
    starts: resumePositions(o),
  });
  fleet.start();
  try {
    await fleet.ready(30_000);
  } catch (err) {
    o.log.warn({ online: fleet.online(), of: o.count, err: String(err) }, 'simulated fleet not fully online yet');
  }
  o.log.info({ online: fleet.online(), of: o.count }, 'simulated fleet connected');
  return { stop: () => fleet.stop(), online: () => fleet.online() };
}

/** Fresh start positions, except for vehicles the (recovered) world already knows: those stand where it saw them. */
function resumePositions(o: SimulatedFleetOptions): StartPosition[] {
  return startPositions(o.site, o.count, o.prefix).map((s) => {
    const v = o.world.vehicles.get(s.serialNumber);
    if (!v) return s;
    return { serialNumber: v.id, spec: v.spec, lane: v.lane, offsetMm: v.offsetMm, trail: [...v.trail], socPercent: (100 * v.socWh) / v.spec.batteryWh };
  });
}
