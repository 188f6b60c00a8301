/**
 * `igv-map/1`: the lane map of an IGV site. One source of truth for the shape of a map file;
 * every type below is inferred from the schema.
 *
 * Units: lengths are integer millimetres in a local metric frame (x east, y north) whose
 * origin is the geodetic point in `frame.origin`; speeds are integer mm/s; times integer ms.
 * Only structure is checked here. Cross-references, geometry and reachability are checked by
 * `maps/tools/validate-map.ts` (what `igv map check` runs).
 */
import { z } from 'zod';

export const MAP_FORMAT = 'igv-map/1';

/** Ids use the character set VDA 5050 recommends, so they can go on the wire unchanged. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'id: 1–64 characters from A-Z a-z 0-9 _ . : -');

export const MmSchema = z.number().int('must be an integer number of millimetres');

/** A point `[x, y]` in millimetres of the map frame. */
export const PointSchema = z.tuple([MmSchema, MmSchema]);

export const LANE_KINDS = ['yard', 'approach', 'gate', 'bridge', 'dock'] as const;
export const LaneKindSchema = z.enum(LANE_KINDS);

export const JURISDICTIONS = ['VN', 'CN'] as const;
export const JurisdictionSchema = z.enum(JURISDICTIONS);

export const STATION_KINDS = [
  'transfer-crane',
  'truck-bay',
  'igv-parking',
  'charger',
  'battery-swap',
  'automated-gate',
  'nii-scanner',
  'inspection-bay',
] as const;
export const StationKindSchema = z.enum(STATION_KINDS);

export const CONFLICT_KINDS = ['crossing', 'merge', 'diverge', 'single-track'] as const;

export const FrameSchema = z
  .object({
    origin: z
      .object({
        latDeg: z.number().min(-90).max(90),
        lonDeg: z.number().min(-180).max(180),
      })
      .strict()
      .describe('geodetic position (WGS 84) of the frame origin (0, 0)'),
    unit: z.literal('mm'),
    axes: z.literal('x-east-y-north'),
  })
  .strict();

export const NodeSchema = z
  .object({
    id: IdSchema,
    x: MmSchema,
    y: MmSchema,
    name: z.string().max(200).optional(),
  })
  .strict();

export const LaneSchema = z
  .object({
    id: IdSchema,
    from: IdSchema.describe('node the lane starts at'),
    to: IdSchema.describe('node the lane ends at; a vehicle drives from → to'),
    lengthMm: MmSchema.positive().describe('length along the centre line, mm'),
    speedLimitMmps: MmSchema.positive().describe('speed limit on this lane, mm/s'),
    widthMm: MmSchema.positive().describe('drivable width of the lane, mm'),
    kind: LaneKindSchema,
    jurisdiction: JurisdictionSchema,
    polyline: z
      .array(PointSchema)
      .optional()
      .describe('interior points of the centre line between the two nodes (the nodes themselves are not repeated)'),
    singleTrackWith: IdSchema.optional().describe(
      'the opposite-direction lane that shares this physical track (a single-track road used both ways)',
    ),
    name: z.string().max(200).optional(),
  })
  .strict();

export const StationSchema = z
  .object({
    id: IdSchema,
    name: z.string().min(1).max(200),
    kind: StationKindSchema,
    jurisdiction: JurisdictionSchema,
    capacity: z.number().int().positive().describe('vehicles (or trucks, for a truck bay) served at once'),
    nodes: z.array(IdSchema).min(1).describe('node(s) a vehicle stops at to be served'),
    serviceTimeMs: z.number().int().nonnegative().optional().describe('nominal service time per vehicle, ms'),
  })
  .strict();

export const ConflictZoneSchema = z
  .object({
    id: IdSchema,
    kind: z.enum(CONFLICT_KINDS),
    lanes: z.array(IdSchema).min(2).describe('lanes whose vehicles must not be in the zone at the same time'),
    polygon: z.array(PointSchema).min(3).optional(),
  })
  .strict();

export const BorderLineSchema = z
  .object({
    a: PointSchema,
    b: PointSchema,
    name: z.string().max(200).optional(),
  })
  .strict();

export const MapSchema = z
  .object({
    format: z.literal(MAP_FORMAT),
    id: IdSchema,
    name: z.string().min(1).max(200),
    version: z.string().min(1).max(40),
    description: z.string().max(4000).optional(),
    frame: FrameSchema,
    nodes: z.array(NodeSchema).min(1),
    lanes: z.array(LaneSchema).min(1),
    stations: z.array(StationSchema),
    conflictZones: z.array(ConflictZoneSchema),
    borderLine: BorderLineSchema.optional().describe('the VN/CN boundary, where lanes cross it'),
    notes: z
      .array(z.string().min(1).max(2000))
      .describe('free-form notes; every number not taken from the facts sheet starts with "ESTIMATE:"'),
  })
  .strict();

export type Point = z.infer<typeof PointSchema>;
export type LaneKind = z.infer<typeof LaneKindSchema>;
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;
export type StationKind = z.infer<typeof StationKindSchema>;
export type MapNode = z.infer<typeof NodeSchema>;
export type Lane = z.infer<typeof LaneSchema>;
export type Station = z.infer<typeof StationSchema>;
export type ConflictZone = z.infer<typeof ConflictZoneSchema>;
export type IgvMap = z.infer<typeof MapSchema>;
