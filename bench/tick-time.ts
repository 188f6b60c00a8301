/**
 * Engine tick time vs fleet size (scripted run). For each case: place the fleet, feed orders so
 * most vehicles have work, warm up, then time `step()` alone (the runtime's tick, virtual vehicles
 * excluded) over a measured window. Reports median, p99 and mean per tick.
 */
import { craneOrderStream } from './crane-orders.ts';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { MapSchema, type IgvMap } from '../maps/schema/map-schema.ts';
import { createEngineConfig } from '../engine/core/config/engine-config.ts';
import { createSite } from '../engine/core/tick/site.ts';
import { createWorld } from '../engine/core/tick/create-world.ts';
import { createEngineRuntime } from '../engine/runtime/engine-runtime.ts';
import type { Command } from '../engine/core/model/commands.ts';
import { fleetCommands } from '../simulator/fleet/fleet-placement.ts';
import { advanceVehicle, createVirtualVehicle, type VirtualVehicleState } from '../simulator/vehicles/virtual-vehicle.ts';
import { terminalGrid } from './terminal-grid.ts';

export interface TickCase { name: string; map: IgvMap; vehicles: number; warmupTicks: number; ticks: number; tickMs: number }
export interface TickRow { case: string; vehicles: number; cells: number; ticks: number; medianMs: number; p99Ms: number; meanMs: number; delivered: number }

export function phase2Map(): IgvMap {
  return MapSchema.parse(JSON.parse(readFileSync(new URL('../maps/data/bac-luan-2.phase2.json', import.meta.url), 'utf8')));
}

export function tickCases(): TickCase[] {
  const p2 = phase2Map();
  const grid = terminalGrid(32, 32);
  return [
    { name: 'phase-2 map', map: p2, vehicles: 10, warmupTicks: 300, ticks: 1200, tickMs: 100 },
    { name: 'phase-2 map', map: p2, vehicles: 50, warmupTicks: 300, ticks: 1200, tickMs: 100 },
    { name: 'phase-2 map', map: p2, vehicles: 200, warmupTicks: 300, ticks: 1200, tickMs: 100 },
    { name: 'terminal grid 32×32', map: grid, vehicles: 500, warmupTicks: 100, ticks: 400, tickMs: 100 },
    { name: 'terminal grid 32×32', map: grid, vehicles: 1000, warmupTicks: 100, ticks: 400, tickMs: 100 },
    { name: 'terminal grid 32×32', map: grid, vehicles: 2000, warmupTicks: 100, ticks: 300, tickMs: 100 },
  ];
}

export function runTickCase(c: TickCase, onProgress?: (done: number, total: number) => void): TickRow {
  const config = createEngineConfig({ tickMs: c.tickMs });
  const site = createSite(c.map, config);
  const runtime = createEngineRuntime(site, createWorld({ tickMs: c.tickMs, seed: 1 }));
  const fleet = fleetCommands(site, c.vehicles, 'V', {}, 90, 15_600);
  const vehicles = new Map<string, VirtualVehicleState>();
  const orders = craneOrderStream(site, 'B', 'BEN');
  let reports: Command[] = [];
  const times: number[] = [];
  const total = c.warmupTicks + c.ticks;
  for (let t = 0; t < total; t++) {
    const inbox: Command[] = t === 0 ? [...fleet, ...orders(c.vehicles)] : t % 50 === 0 ? orders(Math.ceil(c.vehicles / 20)) : [];
    const start = performance.now();
    const out = runtime.tick([...inbox, ...reports]);
    const ms = performance.now() - start;
    if (t >= c.warmupTicks) times.push(ms);
    for (const e of out.events) {
      if (e.kind === 'VehicleAdded') {
        const v = out.world.vehicles.get(e.vehicleId)!;
        vehicles.set(v.id, createVirtualVehicle(v.id, v.spec, v.lane, v.offsetMm, v.trail, v.socWh));
      }
    }
    for (const cmd of out.vehicleCommands) vehicles.get(cmd.vehicleId)!.command = cmd;
    reports = [...vehicles.values()].map((v) => advanceVehicle(site.cells, v, c.tickMs));
    if (onProgress && t % 50 === 0) onProgress(t, total);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const w = runtime.world();
  return {
    case: c.name, vehicles: c.vehicles, cells: site.cells.cells.length, ticks: c.ticks,
    medianMs: q(0.5), p99Ms: q(0.99), meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    delivered: [...w.orders.values()].filter((o) => o.status === 'delivered').length,
  };
}
