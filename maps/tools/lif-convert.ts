/**
 * igv-map/1 ⇄ VDMA LIF 1.0. Pure functions, no I/O.
 *
 * Export writes one layout (layoutId = map id, layoutVersion = map version), node positions in
 * metres (mm / 1000, so the JSON decimal is exact), one vehicle type `igv-fleet.IGV`, each lane as
 * one directional edge with `maxSpeed` in m/s and, when the lane has a polyline, a degree-1 NURBS
 * trajectory through its centre-line points. What LIF has no field for (lane width, kind,
 * jurisdiction, length, single-track twin; station kind, capacity, jurisdiction, service time; the
 * frame, conflict zones, border line, notes and description) travels in `igv:` tags in the
 * description fields (see lif-tags.ts), so `lifToMap(mapToLif(m))` gives back `m` exactly.
 *
 * Import reads one layout. Tags win when present; a LIF file from elsewhere gets the defaults
 * listed in `LifImportDefaults` and a note saying so.
 */
import type { IgvMap, Lane, MapNode, Station } from '../schema/map-schema.ts';
import { withTag, type LaneTag, type LayoutTag, type StationTag } from './lif-tags.ts';
import { LIF_VERSION, type Lif, type LifEdge, type LifNode, type LifStation } from '../schema/lif-schema.ts';

export { lifToMap, type LifImportDefaults, type LifToMapOptions, type LifToMapResult } from './lif-import.ts';

/** The LIF `vehicleTypeId` of our vehicles (LIF suggests `manufacturer.seriesName`). */
export const LIF_VEHICLE_TYPE_ID = 'igv-fleet.IGV';

export interface MapToLifOptions {
  /** ISO 8601 UTC; passed in so that the export is a pure function of its inputs. */
  exportTimestamp: string;
  /** `metaInformation.creator`; default `igv-fleet`. */
  creator?: string;
}

/** mm (integer) → m; the division gives the double nearest to the decimal, which JSON prints exactly. */
function toM(mm: number): number {
  return mm / 1000;
}

/**
 * Converts a map to a LIF 1.0 document with one layout. Units: metres and m/s (LIF's). The map is
 * assumed to be valid (`igv map check`); dangling node references are exported as they are.
 */
export function mapToLif(map: IgvMap, opts: MapToLifOptions): Lif {
  const layoutTag: LayoutTag = {
    description: map.description,
    frame: map.frame,
    conflictZones: map.conflictZones,
    borderLine: map.borderLine,
    notes: map.notes,
  };
  return {
    metaInformation: {
      projectIdentification: map.name,
      creator: opts.creator ?? 'igv-fleet',
      exportTimestamp: opts.exportTimestamp,
      lifVersion: LIF_VERSION,
    },
    layouts: [
      {
        layoutId: map.id,
        layoutName: map.name,
        layoutVersion: map.version,
        layoutDescription: withTag(map.description ?? map.name, layoutTag),
        nodes: map.nodes.map((n) => exportNode(n, map)),
        edges: map.lanes.map((l) => exportLane(l, map)),
        stations: map.stations.map((s) => exportStation(s, map)),
      },
    ],
  };
}

function exportNode(node: MapNode, map: IgvMap): LifNode {
  const chargers = map.stations.some((s) => s.kind === 'charger' && s.nodes.includes(node.id));
  return {
    nodeId: node.id,
    ...(node.name !== undefined ? { nodeName: node.name } : {}),
    mapId: map.id,
    nodePosition: { x: toM(node.x), y: toM(node.y) },
    vehicleTypeNodeProperties: [
      {
        vehicleTypeId: LIF_VEHICLE_TYPE_ID,
        // LIF says a station's purpose shows in the actions on its nodes; charging is the one
        // VDA 5050 predefines that applies here.
        ...(chargers ? { actions: [{ actionType: 'startCharging', requirementType: 'OPTIONAL', blockingType: 'HARD' }] } : {}),
      },
    ],
  };
}

function exportLane(lane: Lane, map: IgvMap): LifEdge {
  const tag: LaneTag = {
    lengthMm: lane.lengthMm,
    widthMm: lane.widthMm,
    kind: lane.kind,
    jurisdiction: lane.jurisdiction,
    singleTrackWith: lane.singleTrackWith,
  };
  const text =
    `${lane.kind} lane, ${lane.jurisdiction}, ${toM(lane.widthMm)} m wide, ${toM(lane.lengthMm)} m long` +
    (lane.singleTrackWith ? `, single track shared with ${lane.singleTrackWith}` : '');
  return {
    edgeId: lane.id,
    ...(lane.name !== undefined ? { edgeName: lane.name } : {}),
    edgeDescription: withTag(text, tag),
    startNodeId: lane.from,
    endNodeId: lane.to,
    vehicleTypeEdgeProperties: [
      {
        vehicleTypeId: LIF_VEHICLE_TYPE_ID,
        // IGVs drive either end first and do not turn on the spot on a lane.
        rotationAllowed: false,
        maxSpeed: toM(lane.speedLimitMmps),
        ...(lane.polyline ? { trajectory: lineTrajectory(lane, map) } : {}),
      },
    ],
  };
}

/** Degree-1 NURBS through the centre line: clamped, uniform knots, n + 2 of them in [0, 1]. */
function lineTrajectory(lane: Lane, map: IgvMap) {
  const a = map.nodes.find((n) => n.id === lane.from);
  const b = map.nodes.find((n) => n.id === lane.to);
  const pts = [...(a ? [[a.x, a.y]] : []), ...(lane.polyline ?? []), ...(b ? [[b.x, b.y]] : [])];
  const n = pts.length;
  const knotVector = [0, ...pts.map((_, i) => (n > 1 ? i / (n - 1) : 0)), 1];
  return {
    degree: 1,
    knotVector,
    controlPoints: pts.map(([x, y]) => ({ x: toM(x!), y: toM(y!), weight: 1 })),
  };
}

function exportStation(station: Station, map: IgvMap): LifStation {
  const tag: StationTag = {
    kind: station.kind,
    jurisdiction: station.jurisdiction,
    capacity: station.capacity,
    serviceTimeMs: station.serviceTimeMs,
  };
  const at = map.nodes.filter((n) => station.nodes.includes(n.id));
  const centre =
    at.length > 0
      ? {
          x: toM(Math.round(at.reduce((s, n) => s + n.x, 0) / at.length)),
          y: toM(Math.round(at.reduce((s, n) => s + n.y, 0) / at.length)),
        }
      : undefined;
  return {
    stationId: station.id,
    interactionNodeIds: station.nodes,
    stationName: station.name,
    stationDescription: withTag(`${station.kind}, ${station.jurisdiction}, capacity ${station.capacity}`, tag),
    ...(centre ? { stationPosition: centre } : {}),
  };
}
