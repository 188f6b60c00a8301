/**
 * VDMA LIF 1.0 (Layout Interchange Format): the subset of the JSON structure that igv-fleet reads
 * and writes. Every field LIF 1.0 requires is required here; every object is loose, so fields we
 * do not use (rotation limits, load restrictions, LIF 2.0 extras, vendor extensions) pass through
 * an import untouched instead of failing it.
 *
 * Units are LIF's: metres, m/s, radians, in the project's global frame (x, y).
 * Source: VDMA "LIF – Layout Interchange Format" 1.0.0 and its draft-07 JSON schema; summary in
 * /work/shared/protocol/vda5050.md §4.
 */
import { z } from 'zod';

export const LIF_VERSION = '1.0.0';

// zod 4 numbers reject NaN and ±Infinity already.
const finite = z.number();

export const LifActionSchema = z.looseObject({
  actionType: z.string(),
  actionDescription: z.string().optional(),
  requirementType: z.enum(['REQUIRED', 'CONDITIONAL', 'OPTIONAL']),
  blockingType: z.enum(['NONE', 'SOFT', 'HARD']),
  actionParameters: z.array(z.looseObject({ key: z.string(), value: z.string() })).optional(),
});

export const LifPositionSchema = z.looseObject({ x: finite, y: finite });

export const LifNodeSchema = z.looseObject({
  nodeId: z.string().min(1),
  nodeName: z.string().optional(),
  nodeDescription: z.string().optional(),
  mapId: z.string(),
  nodePosition: LifPositionSchema,
  vehicleTypeNodeProperties: z
    .array(
      z.looseObject({
        vehicleTypeId: z.string(),
        theta: finite.optional(),
        actions: z.array(LifActionSchema).optional(),
      }),
    )
    .min(1, 'must list at least one vehicle type (a node without one is unusable)'),
});

export const LifControlPointSchema = z.looseObject({
  x: finite,
  y: finite,
  weight: finite.nonnegative().optional(),
});

/** NURBS; LIF 1.0 makes `degree` optional with default 1. */
export const LifTrajectorySchema = z.looseObject({
  degree: z.number().int().min(1).optional(),
  knotVector: z.array(finite.min(0).max(1)),
  controlPoints: z.array(LifControlPointSchema).min(2),
});

export const LifEdgePropertiesSchema = z.looseObject({
  vehicleTypeId: z.string(),
  vehicleOrientation: finite.optional(),
  orientationType: z.enum(['GLOBAL', 'TANGENTIAL']).optional(),
  rotationAllowed: z.boolean(),
  rotationAtStartNodeAllowed: z.enum(['NONE', 'CCW', 'CW', 'BOTH']).optional(),
  rotationAtEndNodeAllowed: z.enum(['NONE', 'CCW', 'CW', 'BOTH']).optional(),
  maxSpeed: finite.positive().optional().describe('m/s'),
  maxRotationSpeed: finite.optional(),
  minHeight: finite.optional(),
  maxHeight: finite.optional(),
  actions: z.array(LifActionSchema).optional(),
  trajectory: LifTrajectorySchema.optional(),
  reentryAllowed: z.boolean().optional(),
});

export const LifEdgeSchema = z.looseObject({
  edgeId: z.string().min(1),
  edgeName: z.string().optional(),
  edgeDescription: z.string().optional(),
  startNodeId: z.string(),
  endNodeId: z.string(),
  vehicleTypeEdgeProperties: z
    .array(LifEdgePropertiesSchema)
    .min(1, 'must list at least one vehicle type (an edge without one is unusable)'),
});

export const LifStationSchema = z.looseObject({
  stationId: z.string().min(1),
  interactionNodeIds: z.array(z.string()).min(1, 'a station needs at least one interaction node'),
  stationName: z.string().optional(),
  stationDescription: z.string().optional(),
  stationHeight: finite.nonnegative().optional(),
  stationPosition: z.looseObject({ x: finite, y: finite, theta: finite.optional() }).optional(),
});

export const LifLayoutSchema = z.looseObject({
  layoutId: z.string().min(1),
  layoutName: z.string().optional(),
  layoutVersion: z.string(),
  layoutLevelId: z.string().optional(),
  layoutDescription: z.string().optional(),
  nodes: z.array(LifNodeSchema),
  edges: z.array(LifEdgeSchema),
  stations: z.array(LifStationSchema).optional(),
});

export const LifSchema = z.looseObject({
  metaInformation: z.looseObject({
    projectIdentification: z.string(),
    creator: z.string(),
    exportTimestamp: z.string().describe('ISO 8601, UTC'),
    lifVersion: z.string(),
  }),
  layouts: z.array(LifLayoutSchema).min(1, 'a LIF file needs at least one layout'),
});

export type LifAction = z.infer<typeof LifActionSchema>;
export type LifNode = z.infer<typeof LifNodeSchema>;
export type LifTrajectory = z.infer<typeof LifTrajectorySchema>;
export type LifEdgeProperties = z.infer<typeof LifEdgePropertiesSchema>;
export type LifEdge = z.infer<typeof LifEdgeSchema>;
export type LifStation = z.infer<typeof LifStationSchema>;
export type LifLayout = z.infer<typeof LifLayoutSchema>;
export type Lif = z.infer<typeof LifSchema>;

/** One fault in a LIF file; `path` is a JSON path into that file, e.g. `$.layouts[0].edges[3].endNodeId`. */
export interface LifIssue {
  path: string;
  code: string;
  message: string;
}

/** `['layouts', 0, 'nodes']` → `$.layouts[0].nodes`. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  let out = '$';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

/**
 * Structural check of a parsed LIF document. Returns the typed document, or one `IGV_LIF_SCHEMA`
 * issue per zod issue with the JSON path of the offending field. Cross-references (edge → node,
 * station → node) are checked by the importer, which knows which layout it reads.
 */
export function parseLif(raw: unknown): { ok: true; lif: Lif } | { ok: false; issues: LifIssue[] } {
  const res = LifSchema.safeParse(raw);
  if (res.success) return { ok: true, lif: res.data };
  return {
    ok: false,
    issues: res.error.issues.map((i) => ({ path: jsonPath(i.path), code: 'IGV_LIF_SCHEMA', message: i.message })),
  };
}
