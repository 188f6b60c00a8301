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
import { scenarioFaultCommands, scenarioSurges } from './faults/scenario-faults.ts';
import type { QueueSample } from './capacity/stability.ts';
import type { AsIsResult } from './gate/as-is/as-is-result.ts';
import { runTraditionalLane } from './gate/traditional/run-traditional-lane.ts';
import { traditionalAsIsParams } from './gate/traditional/traditional-lane-params.ts';

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
  /** Smart-lane consignments in the system on the hour: trucks in declaration plus open orders. */
  readonly queueSamples: readonly QueueSample[];
  /** The traditional lane over the same window (gate demand with the lane enabled), else null. */
  readonly traditional: AsIsResult | null;
  /** Gate demand only: trucks that arrived in the run by lane, and smart-lane trucks still in declaration. */
  readonly gate: { readonly smartTrucks: number; readonly traditionalTrucks: number; readonly inDeclaration: number } | null;
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
  const gate = scenario.demand.kind === 'gate' ? createGateOrderStream(scenario.demand, opts.map, seed, scenarioSurges(scenario)) : null;
  const stream = gate ?? createOrderStream(scenario, seed, scenarioSurges(scenario));
  const queueSamples: QueueSample[] = [];
  const collector = createCollector(site);
  const faultsOut: EngineFault[] = [];

  const fleet = fleetCommands(site, scenario.fleet.count, scenario.fleet.idPrefix, scenario.fleet.spec, scenario.fleet.socPercent, fleetSpec.lengthMm);
  const faults = [...scenario.faults, ...scenarioFaultCommands(scenario, opts.map, fleet, totalMs, seed)].sort((a, b) => a.atMs - b.atMs);
  const initialSpecs = new Map(fleet.map((c) => [(c as { vehicleId: string }).vehicleId, fleetSpec]));
  const trace = opts.trace ? createTraceWriter(opts.trace, tickMs, initialSpecs) : null;

  let fi = 0;
  let lastMs = -1;
  const traceEvery = Math.max(tickMs, scenario.traceEveryMs);
  let ids: string[] = [];
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
      // Vehicles are only ever added: sort again only when one joined.
      if (ids.length !== run.vehicles.size) ids = [...run.vehicles.keys()].sort();
      const prints = ids.map((id) => {
        const v = run.vehicles.get(id)!;
        const p = vehiclePose(site.cells, v);
        return { id, ...p, lengthM: v.spec.lengthMm / 1000, widthM: v.spec.widthMm / 1000 };
      });
      collector.onGap(minFootprintGap(prints));
      trace?.positions(t, prints.map((p) => [p.id, p.x, p.y, p.heading] as const));
    }
    if (t % 3_600_000 === 0) queueSamples.push({ tMs: t, inSystem: (gate?.waiting() ?? 0) + unfinishedOrders(outcome.world) });
    if (opts.onProgress && t % 600_000 === 0) opts.onProgress(t, totalMs);
  }
  const world = run.runtime.world();
  const collected = collector.finish(world);
  const demand = scenario.demand;
  const traditional =
    gate && demand.kind === 'gate' && demand.traditionalLane.enabled
      ? runTraditionalLane(
          traditionalAsIsParams(demand.traditionalLane, demand.trucks, demand.calendar),
          gate.trucks,
          { fromMs: gate.offsetMs, durationMs: totalMs, warmupDays: demand.traditionalLane.warmupDays },
          seed,
        )
      : null;
  const kpis = buildKpis({
    scenario: scenario.name,
    seed,
    simulatedHours: hours,
    wallSeconds: (clock() - started) / 1000,
    tickMs,
    baselineTonnesPerDay: scenario.baselineTonnesPerDay,
    world,
    collected,
    traditional,
  });
  const gateCounts = gate ? { smartTrucks: gate.stats.smartTrucks, traditionalTrucks: gate.stats.traditionalTrucks, inDeclaration: gate.waiting() } : null;
  return { kpis, world, digest: worldDigest(world), collected, faults: faultsOut, site, queueSamples, traditional, gate: gateCounts };
}

function unfinishedOrders(world: World): number {
  let n = 0;
  for (const o of world.orders.values()) if (o.status !== 'delivered' && o.status !== 'failed') n++;
  return n;
}
