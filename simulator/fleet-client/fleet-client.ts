/**
 * A fleet of virtual IGVs as real VDA 5050 clients of a gate server: each vehicle its own
 * WebSocket and token, starting where the simulator's fleet placement puts it.
 *
 * Clock 'wall': every tickMs / timeScale wall ms each vehicle drives on to the scaled wall time
 * and sends a state when something happened or `stateIntervalMs` passed (vehicle time), and a
 * visualization every `visualizationIntervalMs`. Clock 'master': vehicles have no timer; they
 * drive only when a stateRequest tells them the time (lockstep).
 */
import type { Site } from '../../engine/core/tick/site.ts';
import type { VehicleSpec } from '../../engine/core/model/vehicle-spec.ts';
import { createVirtualIgv, type VirtualIgv } from './virtual-igv.ts';
import { createVehicleConnection, type ClockMode, type VehicleConnection } from './vehicle-connection.ts';
import { startPositions, type StartPosition } from './start-positions.ts';

export interface FleetClientOptions {
  readonly url: string;
  readonly site: Site;
  readonly count: number;
  /** Vehicle tokens by serial number (tokens.json `vehicles`). */
  readonly tokens: Readonly<Record<string, string>>;
  readonly clock: ClockMode;
  readonly manufacturer?: string;
  readonly idPrefix?: string;
  readonly spec?: Partial<VehicleSpec>;
  readonly socPercent?: number;
  /** Vehicle time per wall time (clock 'wall'). */
  readonly timeScale?: number;
  readonly stateIntervalMs?: number;
  readonly visualizationIntervalMs?: number;
  /**
   * Clock 'wall': at most this many states and visualizations per wall second per vehicle (a
   * high time scale would otherwise outrun the server's rate limit); a state held back goes
   * out at the next chance. Default 25.
   */
  readonly maxMessagesPerSecond?: number;
  /** Start positions instead of the fleet placement's. */
  readonly starts?: readonly StartPosition[];
  readonly wallNow?: () => number;
  /** Called whenever a vehicle comes online or drops: how many are online, of how many. */
  readonly onProgress?: (online: number, total: number) => void;
  readonly log?: (line: string) => void;
}

export interface FleetClient {
  readonly vehicles: ReadonlyMap<string, VirtualIgv>;
  readonly connections: ReadonlyMap<string, VehicleConnection>;
  /** Opens every vehicle's link (and, on a wall clock, starts driving). */
  start(): void;
  /** Resolves when every vehicle is online, rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  online(): number;
  /** Every vehicle says OFFLINE and closes; timers stop. */
  stop(): Promise<void>;
}

export function createFleetClient(o: FleetClientOptions): FleetClient {
  const wallNow = o.wallNow ?? (() => Date.now());
  const manufacturer = o.manufacturer ?? 'igv-fleet';
  const tickMs = o.site.config.tickMs;
  const scale = o.timeScale ?? 1;
  if (!(scale > 0)) throw new RangeError(`timeScale must be > 0, got ${scale}`);
  const stateEvery = o.stateIntervalMs ?? 1_000;
  const visEvery = o.visualizationIntervalMs ?? 1_000;
  const starts = o.starts ?? startPositions(o.site, o.count, o.idPrefix ?? 'IGV-', o.spec ?? {}, o.socPercent ?? 100);
  const vehicles = new Map<string, VirtualIgv>();
  const connections = new Map<string, VehicleConnection>();
  const onlineSet = new Set<string>();
  let waiters: (() => void)[] = [];
  let timer: ReturnType<typeof setInterval> | null = null;
  const lastVis = new Map<string, number>();
  const rate = o.maxMessagesPerSecond ?? 25;
  const buckets = new Map<string, { tokens: number; atWall: number }>();
  /** Takes one message token of the vehicle's bucket if it has one (and `reserve` more left over). */
  const take = (serial: string, reserve = 0): boolean => {
    const now = wallNow();
    const b = buckets.get(serial) ?? { tokens: rate, atWall: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.atWall) * rate) / 1000);
    b.atWall = now;
    buckets.set(serial, b);
    if (b.tokens < 1 + reserve) return false;
    b.tokens -= 1;
    return true;
  };

  const onOnline = (serial: string, up: boolean) => {
    if (up) onlineSet.add(serial);
    else onlineSet.delete(serial);
    o.onProgress?.(onlineSet.size, starts.length);
    if (onlineSet.size === starts.length) for (const w of waiters.splice(0)) w();
  };

  for (const s of starts) {
    const token = o.tokens[s.serialNumber];
    if (token === undefined) throw new Error(`no token for vehicle ${s.serialNumber} in the tokens file`);
    const igv = createVirtualIgv(
      { serialNumber: s.serialNumber, manufacturer, cells: o.site.cells, mapId: o.site.map.id, tickMs, ...(o.clock === 'wall' ? { behindToleranceMm: 30_000 } : {}) },
      s,
    );
    vehicles.set(s.serialNumber, igv);
    connections.set(s.serialNumber, createVehicleConnection({ url: o.url, manufacturer, token, igv, clock: o.clock, wallNow, onOnline, ...(o.log ? { log: o.log } : {}) }));
  }

  function wallTick(vehicleNow: number): void {
    for (const [serial, igv] of vehicles) {
      igv.advanceTo(vehicleNow);
      const c = connections.get(serial)!;
      if (!c.online()) continue;
      const now = igv.nowMs()!;
      const last = c.lastStateMs();
      if ((igv.stateDue() || last === null || now - last >= stateEvery) && take(serial)) c.sendState();
      // Visualization only when states keep a token to spare.
      if (now - (lastVis.get(serial) ?? -Infinity) >= visEvery && take(serial, 1)) {
        lastVis.set(serial, now);
        c.sendVisualization();
      }
    }
  }

  return {
    vehicles,
    connections,
    start() {
      if (o.clock === 'wall' && !timer) {
        const wall0 = wallNow();
        for (const igv of vehicles.values()) igv.syncClock(wall0);
        const vehicle0 = vehicles.values().next().value?.nowMs() ?? wall0;
        timer = setInterval(() => wallTick(vehicle0 + (wallNow() - wall0) * scale), Math.max(1, tickMs / scale));
      }
      for (const c of connections.values()) c.start();
    },
    ready(timeoutMs = 30_000) {
      if (onlineSet.size === starts.length) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`${onlineSet.size}/${starts.length} vehicles online after ${timeoutMs} ms`)), timeoutMs);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    },
    online: () => onlineSet.size,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      waiters = [];
      await Promise.all([...connections.values()].map((c) => c.stop()));
    },
  };
}
