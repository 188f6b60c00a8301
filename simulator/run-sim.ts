/**
 * One headless simulation: the scenario's fleet, demand and faults fed to the engine runtime on a
 * stepped clock, virtual vehicles advancing inside each tick, the trace and KPIs collected as it
 * goes. Deterministic: the result (digest, trace, every KPI but wall time and sim speed) depends
 * only on the scenario, the map and the seed.
 */
import type { IgvMap } from '../maps/schema/map-schema.ts';
import type { Command } from '../engine/core/model/commands.ts';
import { createEngineConfig } from '../engine/core/config/engine-config.ts';
import { createSite, type Site } from '../engine/core/tick/site.ts';
import { createWorld } from '../engine/core/tick/create-world.ts';
import { worldDigest } from '../engine/core/tick/world-digest.ts';
import type { World } from '../engine/core/model/world.ts';
import { DEFAULT_VEHICLE_SPEC, VehicleSpecSchema, type VehicleSpec } from '../engine/core/model/vehicle-spec.ts';
import type { JournalPort } from '../engine/runtime/journal.ts';
import type { EngineFault } from '../engine/runtime/engine-runtime.ts';
import type { Scenario } from './scenarios/scenario-schema.ts';
import { createHeadlessRun } from './headless-run.ts';
import { createOrderStream } from './demand/order-stream.ts';
import { createGateOrderStream } from './gate/gate-order-stream.ts';
import { fleetCommands } from './fleet/fleet-placement.ts';
import { createTraceWriter, type LineSink } from './trace/trace-writer.ts';
import { createCollector, type Collected } from './kpis/kpi-collector.ts';
import { minFootprintGap } from './kpis/footprint-gap.ts';
import { buildKpis, type Kpis } from './kpis/kpis.ts';
import { vehiclePose } from './vehicles/virtual-vehicle.ts';

export interface SimOptions {
  readonly scenario: Scenario;
  readonly map: IgvMap;
  readonly seed: number;
  /** Overrides the scenario's duration. */
  readonly hours?: number;
  readonly trace?: LineSink;
  readonly journal?: JournalPort;
  /** Called now and then with simulated and total ms. */
  readonly onProgress?: (simulatedMs: number, totalMs: number) => void;
  /** Wall clock for the sim-speed figures only (ms); results never depend on it. */
  readonly wallClock?: () => number;
}

export interface SimResult {
  readonly kpis: Kpis;
  readonly world: World;
  readonly digest: string;
  readonly collected: Collected;
  readonly faults: readonly EngineFault[];
  readonly site: Site;
}

export function runSimulation(opts: SimOptions): SimResult {
  const { scenario, seed } = opts;
  const clock = opts.wallClock ?? (() => 0);
  const started = clock();
  const energy = scenario.demand.kind === 'gate' ? { useBatterySwap: scenario.demand.smartLane.energy === 'swap' } : {};
  const config = createEngineConfig({ tickMs: 1_000, ...energy, ...scenario.engine });
  const fleetSpec: VehicleSpec = VehicleSpecSchema.parse({ ...DEFAULT_VEHICLE_SPEC, ...scenario.fleet.spec });
  const site = createSite(opts.map, config, { lengthMm: fleetSpec.lengthMm, widthMm: fleetSpec.widthMm });
  const hours = opts.hours ?? scenario.durationHours;
  const totalMs = Math.round(hours * 3_600_000);
  const tickMs = config.tickMs;
  const run = createHeadlessRun(site, createWorld({ tickMs, seed }), opts.journal ?? null);
  const stream = scenario.demand.kind === 'gate' ? createGateOrderStream(scenario.demand, opts.map, seed) : createOrderStream(scenario, seed);
  const collector = createCollector(site);
  const faults = [...scenario.faults].sort((a, b) => a.atMs - b.atMs);
  const faultsOut: EngineFault[] = [];

  const fleet = fleetCommands(site, scenario.fleet.count, scenario.fleet.idPrefix, scenario.fleet.spec, scenario.fleet.socPercent, fleetSpec.lengthMm);
  const initialSpecs = new Map(fleet.map((c) => [(c as { vehicleId: string }).vehicleId, fleetSpec]));
  const trace = opts.trace ? createTraceWriter(opts.trace, tickMs, initialSpecs) : null;

  let fi = 0;
  let lastMs = -1;
  const traceEvery = Math.max(tickMs, scenario.traceEveryMs);
  for (let t = tickMs; t <= totalMs; t += tickMs) {
    const inbox: Command[] = t === tickMs ? [...fleet] : [];
    for (const order of stream.next(lastMs, t)) inbox.push({ kind: 'CreateOrder', order });
    while (fi < faults.length && faults[fi]!.atMs <= t) inbox.push(faults[fi++]!.command);
    lastMs = t;
    const outcome = run.tick(inbox);
    if (outcome.fault) faultsOut.push(outcome.fault);
    collector.onTick(outcome.world, outcome.events);
    if (trace) {
      for (const e of outcome.events) if (e.kind === 'VehicleAdded') trace.vehicleJoined(e.vehicleId, outcome.world.vehicles.get(e.vehicleId)!.spec);
      trace.events(t, outcome.events);
    }
    if (t % traceEvery === 0) {
      const ids = [...run.vehicles.keys()].sort();
      const prints = ids.map((id) => {
        const v = run.vehicles.get(id)!;
        const p = vehiclePose(site.cells, v);
        return { id, ...p, lengthM: v.spec.lengthMm / 1000, widthM: v.spec.widthMm / 1000 };
      });
      collector.onGap(minFootprintGap(prints));
      trace?.positions(t, prints.map((p) => [p.id, p.x, p.y, p.heading] as const));
    }
    if (opts.onProgress && t % 600_000 === 0) opts.onProgress(t, totalMs);
  }
  const world = run.runtime.world();
  const collected = collector.finish(world);
  const kpis = buildKpis({
    scenario: scenario.name,
    seed,
    simulatedHours: hours,
    wallSeconds: (clock() - started) / 1000,
    tickMs,
    baselineTonnesPerDay: scenario.baselineTonnesPerDay,
    world,
    collected,
  });
  return { kpis, world, digest: worldDigest(world), collected, faults: faultsOut, site };
}
