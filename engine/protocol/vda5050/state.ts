/**
 * VDA 5050 2.1 `state`: what the vehicle reports on events and at least every 30 s.
 * nodeStates/edgeStates list what is still to traverse.
 */
import { z } from 'zod';
import { HeaderSchema, Uint32Schema } from './header.ts';
import { AngleSchema, NodePositionSchema, TrajectorySchema } from './geometry.ts';

export const NodeStateSchema = z.object({
  nodeId: z.string().min(1),
  sequenceId: Uint32Schema,
  nodeDescription: z.string().optional(),
  nodePosition: NodePositionSchema.optional(),
  released: z.boolean(),
});
export type NodeState = z.infer<typeof NodeStateSchema>;

export const EdgeStateSchema = z.object({
  edgeId: z.string().min(1),
  sequenceId: Uint32Schema,
  edgeDescription: z.string().optional(),
  released: z.boolean(),
  trajectory: TrajectorySchema.optional(),
});
export type EdgeState = z.infer<typeof EdgeStateSchema>;

export const AgvPositionSchema = z.object({
  x: z.number(),
  y: z.number(),
  theta: AngleSchema,
  mapId: z.string().min(1),
  mapDescription: z.string().optional(),
  positionInitialized: z.boolean(),
  localizationScore: z.number().min(0).max(1).optional(),
  deviationRange: z.number().min(0).optional(),
});
export type AgvPosition = z.infer<typeof AgvPositionSchema>;

/** Vehicle frame, m/s and rad/s. */
export const VelocitySchema = z.object({
  vx: z.number().optional(),
  vy: z.number().optional(),
  omega: z.number().optional(),
});
export type Velocity = z.infer<typeof VelocitySchema>;

export const LoadSchema = z.object({
  loadId: z.string().optional(),
  loadType: z.string().optional(),
  loadPosition: z.string().optional(),
  boundingBoxReference: z.object({ x: z.number(), y: z.number(), z: z.number(), theta: AngleSchema.optional() }).optional(),
  loadDimensions: z.object({ length: z.number().min(0), width: z.number().min(0), height: z.number().min(0).optional() }).optional(),
  weight: z.number().min(0).optional(),
});
export type Load = z.infer<typeof LoadSchema>;

/** The 2.1 schema enum omits PAUSED although the text lists it; accepted. */
export const ACTION_STATUSES = ['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED', 'FINISHED', 'FAILED'] as const;
export const ActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

export const ActionStateSchema = z.object({
  actionId: z.string().min(1),
  actionType: z.string().optional(),
  actionDescription: z.string().optional(),
  actionStatus: ActionStatusSchema,
  resultDescription: z.string().optional(),
});
export type ActionState = z.infer<typeof ActionStateSchema>;

export const BatteryStateSchema = z.object({
  batteryCharge: z.number().min(0).max(100),
  batteryVoltage: z.number().optional(),
  batteryHealth: z.number().int().min(0).max(100).optional(),
  charging: z.boolean(),
  reach: z.number().min(0).optional(),
});
export type BatteryState = z.infer<typeof BatteryStateSchema>;

export const ReferenceSchema = z.object({ referenceKey: z.string().min(1), referenceValue: z.string() });
export type Reference = z.infer<typeof ReferenceSchema>;

export const ERROR_LEVELS = ['WARNING', 'FATAL'] as const;
export const VdaErrorSchema = z.object({
  errorType: z.string().min(1),
  errorReferences: z.array(ReferenceSchema).optional(),
  errorDescription: z.string().optional(),
  errorHint: z.string().optional(),
  errorLevel: z.enum(ERROR_LEVELS),
});
export type VdaError = z.infer<typeof VdaErrorSchema>;

export const InfoSchema = z.object({
  infoType: z.string().min(1),
  infoReferences: z.array(ReferenceSchema).optional(),
  infoDescription: z.string().optional(),
  infoLevel: z.enum(['DEBUG', 'INFO']),
});
export type Info = z.infer<typeof InfoSchema>;

export const SafetyStateSchema = z.object({
  eStop: z.enum(['AUTOACK', 'MANUAL', 'REMOTE', 'NONE']),
  fieldViolation: z.boolean(),
});
export type SafetyState = z.infer<typeof SafetyStateSchema>;

export const OPERATING_MODES = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN'] as const;
export const OperatingModeSchema = z.enum(OPERATING_MODES);
export type OperatingMode = z.infer<typeof OperatingModeSchema>;

export const MapStateSchema = z.object({
  mapId: z.string().min(1),
  mapVersion: z.string().min(1),
  mapDescription: z.string().optional(),
  mapStatus: z.enum(['ENABLED', 'DISABLED']),
});
export type MapState = z.infer<typeof MapStateSchema>;

export const StateSchema = HeaderSchema.extend({
  orderId: z.string().describe('"" when the vehicle has no order'),
  orderUpdateId: Uint32Schema,
  zoneSetId: z.string().optional(),
  lastNodeId: z.string().describe('"" when no node was traversed yet'),
  lastNodeSequenceId: Uint32Schema,
  driving: z.boolean(),
  paused: z.boolean().optional(),
  newBaseRequest: z.boolean().optional(),
  distanceSinceLastNode: z.number().min(0).optional(),
  operatingMode: OperatingModeSchema,
  nodeStates: z.array(NodeStateSchema),
  edgeStates: z.array(EdgeStateSchema),
  agvPosition: AgvPositionSchema.optional(),
  velocity: VelocitySchema.optional(),
  loads: z.array(LoadSchema).optional().describe('omitted when the vehicle cannot sense loads; [] = unloaded'),
  actionStates: z.array(ActionStateSchema),
  batteryState: BatteryStateSchema,
  errors: z.array(VdaErrorSchema),
  information: z.array(InfoSchema).optional(),
  safetyState: SafetyStateSchema,
  maps: z.array(MapStateSchema).optional(),
});
export type State = z.infer<typeof StateSchema>;
