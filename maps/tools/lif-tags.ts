/**
 * The `igv:` tag: how igv-map/1 data that LIF 1.0 has no field for travels through a LIF file.
 *
 * A LIF description field written by `mapToLif` reads `<text for people> igv:<JSON object>`. The
 * text is for people and never parsed back; the JSON object after the marker is the truth:
 *
 * | LIF field                     | tag keys                                                        |
 * |-------------------------------|-----------------------------------------------------------------|
 * | `layout.layoutDescription`    | `description?`, `frame`, `conflictZones`, `borderLine?`, `notes` |
 * | `edge.edgeDescription`        | `lengthMm`, `widthMm`, `kind`, `jurisdiction`, `singleTrackWith?` |
 * | `station.stationDescription`  | `kind`, `jurisdiction`, `capacity`, `serviceTimeMs?`             |
 *
 * The tag is the last part of the text: the first `igv:{` (at the start or after whitespace) from
 * which the rest of the text parses as one JSON object. A LIF file from elsewhere has no tags; the
 * importer then uses defaults for the missing data.
 */
import { z } from 'zod';
import { BorderLineSchema, ConflictZoneSchema, FrameSchema, LaneSchema, MapSchema, StationSchema } from '../schema/map-schema.ts';

export const TAG_MARKER = 'igv:';

export const LaneTagSchema = LaneSchema.pick({
  lengthMm: true,
  widthMm: true,
  kind: true,
  jurisdiction: true,
  singleTrackWith: true,
}).strict();

export const StationTagSchema = StationSchema.pick({
  kind: true,
  jurisdiction: true,
  capacity: true,
  serviceTimeMs: true,
}).strict();

export const LayoutTagSchema = z
  .object({
    description: MapSchema.shape.description,
    frame: FrameSchema,
    conflictZones: z.array(ConflictZoneSchema),
    borderLine: BorderLineSchema.optional(),
    notes: MapSchema.shape.notes,
  })
  .strict();

export type LaneTag = z.infer<typeof LaneTagSchema>;
export type StationTag = z.infer<typeof StationTagSchema>;
export type LayoutTag = z.infer<typeof LayoutTagSchema>;

/** `text` followed by the tag. Keys whose value is `undefined` are left out by JSON.stringify. */
export function withTag(text: string, tag: object): string {
  const json = JSON.stringify(tag);
  return text ? `${text} ${TAG_MARKER}${json}` : `${TAG_MARKER}${json}`;
}

export type TagRead<T> =
  | { kind: 'none'; text: string }
  | { kind: 'ok'; text: string; tag: T }
  | { kind: 'bad'; message: string };

/**
 * Finds and checks the tag in a description. `none` when there is no tag (a foreign file), `bad`
 * with a message naming the first wrong key when a tag is there but broken.
 */
export function readTag<T>(description: string | undefined, schema: z.ZodType<T>): TagRead<T> {
  const text = description ?? '';
  let sawMarker = false;
  for (let i = text.indexOf(`${TAG_MARKER}{`); i >= 0; i = text.indexOf(`${TAG_MARKER}{`, i + 1)) {
    if (i > 0 && !/\s/.test(text[i - 1]!)) continue;
    sawMarker = true;
    let json: unknown;
    try {
      json = JSON.parse(text.slice(i + TAG_MARKER.length));
    } catch {
      continue;
    }
    const res = schema.safeParse(json);
    if (!res.success) {
      const first = res.error.issues[0]!;
      const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
      return { kind: 'bad', message: `igv tag: ${where}${first.message}` };
    }
    return { kind: 'ok', text: text.slice(0, i).trimEnd(), tag: res.data };
  }
  if (sawMarker) return { kind: 'bad', message: 'igv tag: the text after "igv:" is not one JSON object' };
  return { kind: 'none', text };
}
