/**
 * A vehicle's factsheet and the engine's VehicleSpec, both ways: the virtual IGV describes
 * itself from its spec, the master reads a joining vehicle's spec back. VDA units are m, m/s,
 * m/s², kg; the spec's are integer mm, mm/s, mm/s². What the factsheet cannot say (battery,
 * consumption) stays at the engine's defaults.
 */
import type { VehicleSpec } from '../../core/model/vehicle-spec.ts';
import type { Factsheet } from '../../protocol/vda5050/factsheet.ts';
import { VDA_VERSION } from '../../protocol/vda5050/header.ts';

const LOAD_SET = 'container';

/** The spec fields a factsheet states (the rest keep their defaults). */
export function specFromFactsheet(f: Factsheet): Partial<VehicleSpec> {
  const mm = (m: number) => Math.max(1, Math.round(m * 1000));
  const p = f.physicalParameters;
  const set = f.loadSpecification.loadSets?.find((s) => s.setName === LOAD_SET) ?? f.loadSpecification.loadSets?.[0];
  return {
    lengthMm: mm(p.length),
    widthMm: mm(p.width),
    maxSpeedEmptyMmps: mm(p.speedMax),
    accelEmptyMmps2: mm(p.accelerationMax),
    emergencyBrakeMmps2: mm(p.decelerationMax),
    ...(set?.agvSpeedLimit !== undefined ? { maxSpeedLadenMmps: mm(set.agvSpeedLimit) } : {}),
    ...(set?.agvAccelerationLimit !== undefined ? { accelLadenMmps2: mm(set.agvAccelerationLimit) } : {}),
    ...(set?.agvDecelerationLimit !== undefined ? { serviceBrakeMmps2: mm(set.agvDecelerationLimit) } : {}),
    ...(set?.maxWeight !== undefined ? { payloadKg: Math.max(1, Math.round(set.maxWeight)) } : {}),
  };
}

/** Action types the virtual IGV performs, with where they may be used. */
const ACTIONS: Factsheet['protocolFeatures']['agvActions'] = [
  { actionType: 'pick', actionScopes: ['NODE'], blockingTypes: ['HARD'], actionParameters: [
    { key: 'loadId', valueDataType: 'STRING', isOptional: true }, { key: 'stationName', valueDataType: 'STRING', isOptional: true }] },
  { actionType: 'drop', actionScopes: ['NODE'], blockingTypes: ['HARD'], actionParameters: [
    { key: 'loadId', valueDataType: 'STRING', isOptional: true }, { key: 'stationName', valueDataType: 'STRING', isOptional: true }] },
  { actionType: 'startPause', actionScopes: ['INSTANT'], actionParameters: [
    { key: 'emergency', valueDataType: 'BOOL', isOptional: true, description: 'stop at the emergency brake' }] },
  { actionType: 'stopPause', actionScopes: ['INSTANT'] },
  { actionType: 'startCharging', actionScopes: ['INSTANT'], actionParameters: [{ key: 'powerW', valueDataType: 'NUMBER', isOptional: true }] },
  { actionType: 'stopCharging', actionScopes: ['INSTANT'] },
  { actionType: 'cancelOrder', actionScopes: ['INSTANT'] },
  { actionType: 'stateRequest', actionScopes: ['INSTANT'] },
  { actionType: 'factsheetRequest', actionScopes: ['INSTANT'] },
  { actionType: 'initPosition', actionScopes: ['INSTANT'], actionParameters: [
    { key: 'lastNodeId', valueDataType: 'STRING' }, { key: 'x', valueDataType: 'NUMBER', isOptional: true },
    { key: 'y', valueDataType: 'NUMBER', isOptional: true }, { key: 'theta', valueDataType: 'NUMBER', isOptional: true },
    { key: 'mapId', valueDataType: 'STRING', isOptional: true }] },
];

/** Optional order fields the master sends (VDA: only those the factsheet declares). */
const OPTIONAL_PARAMETERS: Factsheet['protocolFeatures']['optionalParameters'] = [
  'order.nodes.nodePosition',
  'order.nodes.nodePosition.theta',
  'order.nodes.nodePosition.allowedDeviationXY',
  'order.nodes.nodePosition.allowedDeviationTheta',
  'order.edges.maxSpeed',
  'order.edges.length',
].map((parameter) => ({ parameter, support: 'SUPPORTED' as const }));

/** Action types the virtual IGV accepts on nodes of an order. */
export const NODE_ACTION_TYPES: readonly string[] = ACTIONS.filter((a) => a.actionScopes.includes('NODE')).map((a) => a.actionType);

/** The factsheet of a vehicle with this spec. */
export function factsheetFromSpec(spec: VehicleSpec, id: { manufacturer: string; serialNumber: string; headerId: number; timestamp: string }): Factsheet {
  const m = (mm: number) => mm / 1000;
  return {
    headerId: id.headerId,
    timestamp: id.timestamp,
    version: VDA_VERSION,
    manufacturer: id.manufacturer,
    serialNumber: id.serialNumber,
    typeSpecification: {
      seriesName: 'IGV', seriesDescription: 'intelligent guided vehicle (virtual)', agvKinematic: 'DIFF', agvClass: 'CARRIER',
      maxLoadMass: spec.payloadKg, localizationTypes: ['NATURAL'], navigationTypes: ['VIRTUAL_LINE_GUIDED'],
    },
    physicalParameters: {
      speedMin: 0, speedMax: m(spec.maxSpeedEmptyMmps), accelerationMax: m(spec.accelEmptyMmps2), decelerationMax: m(spec.emergencyBrakeMmps2),
      heightMax: 3, width: m(spec.widthMm), length: m(spec.lengthMm),
    },
    protocolLimits: { maxStringLens: {}, maxArrayLens: {}, timing: { minOrderInterval: 0, minStateInterval: 0, defaultStateInterval: 30 } },
    protocolFeatures: { optionalParameters: OPTIONAL_PARAMETERS, agvActions: ACTIONS },
    agvGeometry: {},
    loadSpecification: {
      loadSets: [{
        setName: LOAD_SET, loadType: 'container', maxWeight: spec.payloadKg, agvSpeedLimit: m(spec.maxSpeedLadenMmps),
        agvAccelerationLimit: m(spec.accelLadenMmps2), agvDecelerationLimit: m(spec.serviceBrakeMmps2),
      }],
    },
  };
}
