/**
 * What the link server and the load generator agree on without talking: vehicle serials, their
 * tokens, the map the states are on, and how the client's send time travels in a state.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './ipc.ts';

export const MANUFACTURER = 'BENCH';
export const MAP_FILE = join(ROOT, 'maps', 'data', 'bac-luan-2.phase1.json');
/** `information[].infoType` whose description is the client's send time (ms since 1970, sub-ms). */
export const SENT_AT = 'sentAt';

export const serialOf = (i: number): string => `BV${String(i + 1).padStart(5, '0')}`;
export const tokenOf = (serial: string): string => `bench-vehicle-token-${serial}`;

export interface MapLane {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly lengthMm: number;
}

/** The phase-1 map's id, node coordinates (mm) and lanes, read as plain JSON (no engine code). */
export function benchMap(): { id: string; nodes: Map<string, { x: number; y: number }>; lanes: MapLane[] } {
  const raw = JSON.parse(readFileSync(MAP_FILE, 'utf8')) as { id: string; nodes: { id: string; x: number; y: number }[]; lanes: MapLane[] };
  return { id: raw.id, nodes: new Map(raw.nodes.map((n) => [n.id, { x: n.x, y: n.y }])), lanes: raw.lanes };
}

/** The send time carried by a state, or NaN. */
export function sentAtOf(information: readonly { infoType: string; infoDescription?: string | undefined }[] | undefined): number {
  const hit = information?.find((i) => i.infoType === SENT_AT);
  return hit?.infoDescription === undefined ? NaN : Number(hit.infoDescription);
}
