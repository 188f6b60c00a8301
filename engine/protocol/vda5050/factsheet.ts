/**
 * VDA 5050 2.1 `factsheet` (retained; sent on connect and on `factsheetRequest`).
 * headerId/timestamp are optional in the 2.1 schema; we accept and send them.
 */
import { z } from 'zod';
import { TimestampSchema, Uint32Schema, VersionSchema } from './header.ts';
import { BlockingTypeSchema } from './action.ts';

const num = z.number();
const nonNeg = z.number().min(0);

export const TypeSpecificationSchema = z.object({
  seriesName: z.string().min(1),
  seriesDescription: z.string().optional(),
  agvKinematic: z.enum(['DIFF', 'OMNI', 'THREEWHEEL']),
  agvClass: z.enum(['FORKLIFT', 'CONVEYOR', 'TUGGER', 'CARRIER']),
  maxLoadMass: nonNeg,
  localizationTypes: z.array(z.enum(['NATURAL', 'REFLECTOR', 'RFID', 'DMC', 'SPOT', 'GRID'])),
  navigationTypes: z.array(z.enum(['PHYSICAL_LINE_GUIDED', 'VIRTUAL_LINE_GUIDED', 'AUTONOMOUS'])),
});

export const PhysicalParametersSchema = z.object({
  speedMin: num,
  speedMax: num,
  angularSpeedMin: num.optional(),
  angularSpeedMax: num.optional(),
  accelerationMax: num,
  decelerationMax: num,
  heightMin: num.optional(),
  heightMax: num,
  width: num,
  length: num,
});

const MAX_ARRAY_LENS = [
  'order.nodes', 'order.edges', 'node.actions', 'edge.actions', 'actions.actionsParameters', 'instantActions',
  'trajectory.knotVector', 'trajectory.controlPoints', 'state.nodeStates', 'state.edgeStates', 'state.loads',
  'state.actionStates', 'state.errors', 'state.information', 'error.errorReferences', 'information.infoReferences',
] as const;
const limit = z.number().int().min(0).describe('0 or absent = no limit');

export const ProtocolLimitsSchema = z.object({
  maxStringLens: z.object({
    msgLen: limit.optional(),
    topicSerialLen: limit.optional(),
    topicElemLen: limit.optional(),
    idLen: limit.optional(),
    idNumericalOnly: z.boolean().optional(),
    enumLen: limit.optional(),
    loadIdLen: limit.optional(),
  }),
  maxArrayLens: z.partialRecord(z.enum(MAX_ARRAY_LENS), limit),
  timing: z.object({
    minOrderInterval: nonNeg.describe('s'),
    minStateInterval: nonNeg.describe('s'),
    defaultStateInterval: nonNeg.optional(),
    visualizationInterval: nonNeg.optional(),
  }),
});

export const ACTION_SCOPES = ['INSTANT', 'NODE', 'EDGE'] as const;
export const AgvActionSchema = z.object({
  actionType: z.string().min(1),
  actionDescription: z.string().optional(),
  actionScopes: z.array(z.enum(ACTION_SCOPES)).min(1),
  actionParameters: z
    .array(
      z.object({
        key: z.string().min(1),
        valueDataType: z.enum(['BOOL', 'NUMBER', 'INTEGER', 'FLOAT', 'STRING', 'OBJECT', 'ARRAY']),
        description: z.string().optional(),
        isOptional: z.boolean().optional(),
      }),
    )
    .optional(),
  resultDescription: z.string().optional(),
  blockingTypes: z.array(BlockingTypeSchema).optional(),
});
export type AgvAction = z.infer<typeof AgvActionSchema>;

export const ProtocolFeaturesSchema = z.object({
  optionalParameters: z.array(
    z.object({ parameter: z.string().min(1), support: z.enum(['SUPPORTED', 'REQUIRED']), description: z.string().optional() }),
  ),
  agvActions: z.array(AgvActionSchema),
});

const PointSchema = z.object({ x: num, y: num });

export const AgvGeometrySchema = z.object({
  wheelDefinitions: z
    .array(
      z.object({
        type: z.enum(['DRIVE', 'CASTER', 'FIXED', 'MECANUM']),
        isActiveDriven: z.boolean(),
        isActiveSteered: z.boolean(),
        position: z.object({ x: num, y: num, theta: num.optional() }),
        diameter: nonNeg,
        width: nonNeg,
        centerDisplacement: num.optional(),
        constraints: z.string().optional(),
      }),
    )
    .optional(),
  envelopes2d: z.array(z.object({ set: z.string(), polygonPoints: z.array(PointSchema), description: z.string().optional() })).optional(),
  envelopes3d: z
    .array(z.object({ set: z.string(), format: z.string(), data: z.record(z.string(), z.unknown()).optional(), url: z.string().optional(), description: z.string().optional() }))
    .optional(),
});

export const LoadSetSchema = z.object({
  setName: z.string().min(1),
  loadType: z.string().min(1),
  loadPositions: z.array(z.string()).optional(),
  boundingBoxReference: z.object({ x: num, y: num, z: num, theta: num.optional() }).optional(),
  loadDimensions: z.object({ length: nonNeg, width: nonNeg, height: nonNeg.optional() }).optional(),
  maxWeight: nonNeg.optional(),
  minLoadhandlingHeight: num.optional(),
  maxLoadhandlingHeight: num.optional(),
  minLoadhandlingDepth: num.optional(),
  maxLoadhandlingDepth: num.optional(),
  minLoadhandlingTilt: num.optional(),
  maxLoadhandlingTilt: num.optional(),
  agvSpeedLimit: nonNeg.optional(),
  agvAccelerationLimit: nonNeg.optional(),
  agvDecelerationLimit: nonNeg.optional(),
  pickTime: nonNeg.optional(),
  dropTime: nonNeg.optional(),
  description: z.string().optional(),
});

export const LoadSpecificationSchema = z.object({
  loadPositions: z.array(z.string()).optional(),
  loadSets: z.array(LoadSetSchema).optional(),
});

export const VehicleConfigSchema = z.object({
  versions: z.array(z.object({ key: z.string().min(1), value: z.string() })).optional(),
  network: z
    .object({
      dnsServers: z.array(z.string()).optional(),
      ntpServers: z.array(z.string()).optional(),
      localIpAddress: z.string().optional(),
      netmask: z.string().optional(),
      defaultGateway: z.string().optional(),
    })
    .optional(),
});

export const FactsheetSchema = z.object({
  headerId: Uint32Schema.optional(),
  timestamp: TimestampSchema.optional(),
  version: VersionSchema,
  manufacturer: z.string().min(1),
  serialNumber: z.string().min(1),
  typeSpecification: TypeSpecificationSchema,
  physicalParameters: PhysicalParametersSchema,
  protocolLimits: ProtocolLimitsSchema,
  protocolFeatures: ProtocolFeaturesSchema,
  agvGeometry: AgvGeometrySchema,
  loadSpecification: LoadSpecificationSchema,
  vehicleConfig: VehicleConfigSchema.optional(),
});
export type Factsheet = z.infer<typeof FactsheetSchema>;
