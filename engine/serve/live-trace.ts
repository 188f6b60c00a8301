/**
 * `igv-trace/1` of a live run, from the engine's world (what the vehicles reported): the same
 * format the simulator writes, so `check-trace.mjs` judges a live shift too.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { GateTick } from '../runtime/gate/gate-port.ts';
import type { Site } from '../core/tick/site.ts';
import { bodyPose, makeTrack } from '../core/motion/track.ts';
import { createTraceWriter, type TraceWriter } from '../../simulator/trace/trace-writer.ts';

export interface LiveTrace {
  afterTick(t: GateTick): void;
  close(): Promise<void>;
}

export function createLiveTrace(path: string, site: Site, everyMs: number): LiveTrace {
  const out: WriteStream = createWriteStream(path, { flags: 'w' });
  let writer: TraceWriter | null = null;
  return {
    afterTick(t) {
      if (!writer) writer = createTraceWriter((line) => out.write(line + '\n'), t.world.tickMs, new Map([...t.world.vehicles].map(([id, v]) => [id, v.spec])));
      for (const e of t.events) if (e.kind === 'VehicleAdded') writer.vehicleJoined(e.vehicleId, t.world.vehicles.get(e.vehicleId)!.spec);
      writer.events(t.nowMs, t.events);
      if (t.nowMs % Math.max(everyMs, t.world.tickMs) !== 0) return;
      const rows = [...t.world.vehicles.values()].map((v) => {
        const p = bodyPose(site.cells, makeTrack(site.cells, v.trail, v.lane, v.offsetMm, []), v.spec.lengthMm);
        return [v.id, p.x / 1000, p.y / 1000, p.heading] as const;
      });
      writer.positions(t.nowMs, rows);
    },
    close: () => new Promise((resolve) => out.end(resolve)),
  };
}
