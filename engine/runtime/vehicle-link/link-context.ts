/**
 * What the master side of one vehicle link needs to write VDA 5050 messages: the map, the time
 * stamp of the tick, per-topic header ids, and the vehicle's identity. Built by the caller (the
 * socket plumbing) for each batch; nothing here reads a clock.
 */
import type { CellGraph } from '../../core/graph/cell-graph.ts';
import type { Header } from '../../protocol/vda5050/header.ts';
import { VDA_VERSION } from '../../protocol/vda5050/header.ts';
import type { Envelope } from '../../protocol/vda5050/envelope.ts';

/** Topics the master writes from engine commands. */
export type MasterVdaTopic = 'order' | 'instantActions';

/** Per-topic header ids of one sender on one connection: +1 per message sent, starting at 0. */
export interface HeaderIds {
  next(topic: string): number;
}

export function createHeaderIds(): HeaderIds {
  const last = new Map<string, number>();
  return {
    next(topic) {
      const n = (last.get(topic) ?? -1) + 1;
      last.set(topic, n);
      return n;
    },
  };
}

export interface LinkContext {
  readonly cells: CellGraph;
  /** VDA mapId (the map's `id`). */
  readonly mapId: string;
  /** Header timestamp of the messages (engine time of the tick), `YYYY-MM-DDTHH:mm:ss.ffZ`. */
  readonly timestampIso: string;
  readonly headerIds: HeaderIds;
  readonly manufacturer: string;
  readonly serialNumber: string;
  /** Container id(s) of an engine order, for the loadId of pick/drop actions; the order id is used when absent. */
  readonly loadIdOf?: (orderId: string) => string | undefined;
}

/** An order or instantActions message for the vehicle, ready for `encode(topic, payload)`. */
export type MasterMessage = Envelope<'order'> | Envelope<'instantActions'>;

/** A fresh header for `topic` (takes the next header id). */
export function headerFor(ctx: Pick<LinkContext, 'headerIds' | 'timestampIso' | 'manufacturer' | 'serialNumber'>, topic: string): Header {
  return {
    headerId: ctx.headerIds.next(topic),
    timestamp: ctx.timestampIso,
    version: VDA_VERSION,
    manufacturer: ctx.manufacturer,
    serialNumber: ctx.serialNumber,
  };
}
