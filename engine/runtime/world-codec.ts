/**
 * The world as text, for snapshots: `decodeWorld(encodeWorld(w))` has the same `worldDigest` as
 * `w` and steps to the same worlds. JSON cannot carry Maps, Sets or non-finite numbers, so those
 * travel as tagged objects (`{"$t":"Map","e":[[k,v],…]}`); a plain object that happens to own a
 * `$t` key is wrapped too, so no data can be mistaken for a tag. Decoding restores Maps in sorted
 * key order (the world's invariant: iteration by id) and freezes every record and array, as
 * `step()` leaves them.
 */
import type { World } from '../core/model/world.ts';

export const WORLD_CODEC_FORMAT = 'igv-world/1';

const TAG = '$t';

/** The text is not an encoded world (wrong format, truncated, or a field of the wrong kind). */
export class WorldCodecError extends Error {
  override readonly name = 'WorldCodecError';
  readonly code = 'IGV_ERR_WORLD_CODEC';
}

const byKey = (a: readonly [unknown, unknown], b: readonly [unknown, unknown]) => {
  const x = String(a[0]), y = String(b[0]);
  return x < y ? -1 : x > y ? 1 : 0;
};

function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { [TAG]: 'Num', v: String(v) };
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v instanceof Map) return { [TAG]: 'Map', e: [...v.entries()].sort(byKey).map(([k, x]) => [encodeValue(k), encodeValue(x)]) };
  if (v instanceof Set) return { [TAG]: 'Set', e: [...v].map(encodeValue) };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
  return Object.hasOwn(out, TAG) ? { [TAG]: 'Obj', v: out } : out;
}

function decodeFields(o: Record<string, unknown>): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x);
  return Object.freeze(out);
}

function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return Object.freeze(v.map(decodeValue));
  const o = v as Record<string, unknown>;
  if (!Object.hasOwn(o, TAG)) return decodeFields(o);
  switch (o[TAG]) {
    case 'Map': {
      const entries = entriesOf(o).map((e) => {
        if (!Array.isArray(e) || e.length !== 2) throw new WorldCodecError('a Map entry is not a [key, value] pair');
        return [decodeValue(e[0]), decodeValue(e[1])] as const;
      });
      return new Map(entries.sort(byKey));
    }
    case 'Set':
      return new Set(entriesOf(o).map(decodeValue));
    case 'Num':
      return Number(o['v']);
    case 'Obj':
      if (o['v'] === null || typeof o['v'] !== 'object') throw new WorldCodecError('a wrapped object has no body');
      return decodeFields(o['v'] as Record<string, unknown>);
    default:
      throw new WorldCodecError(`unknown tag ${JSON.stringify(o[TAG])}`);
  }
}

function entriesOf(o: Record<string, unknown>): unknown[] {
  if (!Array.isArray(o['e'])) throw new WorldCodecError(`a ${String(o[TAG])} has no entry list`);
  return o['e'];
}

/** Serialises a world to JSON text (format `igv-world/1`); deterministic: equal worlds give equal text. */
export function encodeWorld(world: World): string {
  return JSON.stringify({ format: WORLD_CODEC_FORMAT, world: encodeValue(world) });
}

const MAP_FIELDS = ['vehicles', 'orders', 'claims', 'downStations', 'reservations'] as const;

/**
 * Rebuilds a world from `encodeWorld` text: Maps in sorted key order, records and arrays frozen.
 * Throws `WorldCodecError` when the text is not an `igv-world/1` world.
 */
export function decodeWorld(text: string): World {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new WorldCodecError(`not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const d = doc as { format?: unknown; world?: unknown } | null;
  if (d === null || typeof d !== 'object' || d.format !== WORLD_CODEC_FORMAT) {
    throw new WorldCodecError(`not an ${WORLD_CODEC_FORMAT} document (format ${JSON.stringify(d?.format)})`);
  }
  const world = decodeValue(d.world) as Record<string, unknown> | null;
  if (world === null || typeof world !== 'object') throw new WorldCodecError('the document has no world');
  if (!Number.isInteger(world['tick']) || !Number.isInteger(world['tickMs'])) throw new WorldCodecError('tick and tickMs must be integers');
  for (const f of MAP_FIELDS) if (!(world[f] instanceof Map)) throw new WorldCodecError(`${f} must be a Map`);
  if (!(world['closedLanes'] instanceof Set)) throw new WorldCodecError('closedLanes must be a Set');
  if (!Array.isArray(world['rngState'])) throw new WorldCodecError('rngState must be an array');
  return world as unknown as World;
}
