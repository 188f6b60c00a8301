/**
 * VDMA LIF 1.0 → igv-map/1 (the import half of lif-convert.ts). Pure, no I/O.
 *
 * Every fault comes back as a `LifIssue` whose path points into the LIF file
 * (`$.layouts[0].edges[3].endNodeId`); nothing throws for bad input.
 */
import {
  IdSchema,
  MapSchema,
  MAP_FORMAT,
  type IgvMap,
  type Jurisdiction,
  type Lane,
  type MapNode,
  type Point,
  type Station,
  type StationKind,
} from '../schema/map-schema.ts';
import { polylineLength } from '../schema/lane-geometry.ts';
import { jsonPath, parseLif, type Lif, type LifIssue, type LifLayout, type LifTrajectory } from '../schema/lif-schema.ts';
import { LaneTagSchema, LayoutTagSchema, StationTagSchema, readTag, type TagRead } from './lif-tags.ts';

/** What a LIF file without igv tags cannot tell us. */
export interface LifImportDefaults {
  /** jurisdiction of untagged lanes and stations; default `VN` */
  jurisdiction?: Jurisdiction;
  /** geodetic frame origin when the file has no layout tag; default 0° N 0° E (unknown) */
  origin?: { latDeg: number; lonDeg: number };
  /** lane width, mm; default 3,500 */
  widthMm?: number;
  /** lane speed limit when an edge has no maxSpeed, mm/s; default 2,778 (10 km/h) */
  speedLimitMmps?: number;
  /** the vehicle type whose edge properties are read; default `igv-fleet.IGV`, else the first listed */
  vehicleTypeId?: string;
}

export interface LifToMapOptions {
  /** layout to import; may be left out when the file has exactly one */
  layoutId?: string;
  defaults?: LifImportDefaults;
}

export type LifToMapResult = { ok: true; map: IgvMap } | { ok: false; issues: LifIssue[] };

const WIDTH_MM = 3500;
const SPEED_MMPS = 2778;

/** m → integer mm; `|| 0` turns -0 into 0 so that round trips compare equal. */
function mm(m: number): number {
  return Math.round(m * 1000) || 0;
}

/**
 * Converts one layout of a parsed LIF document (any JSON value; it is checked here) to an
 * igv-map/1 map, validated with MapSchema. Lengths become integer mm (round(m × 1000)), speeds
 * integer mm/s. Only structure is guaranteed: run `validateMap` for geometry and reachability.
 */
export function lifToMap(raw: unknown, opts: LifToMapOptions = {}): LifToMapResult {
  const parsed = parseLif(raw);
  if (!parsed.ok) return parsed;
  const lif = parsed.lif;
  const chosen = pickLayout(lif, opts.layoutId);
  if ('issues' in chosen) return { ok: false, issues: chosen.issues };
  const { layout, index } = chosen;
  const base = `$.layouts[${index}]`;
  const d = opts.defaults ?? {};
  const jurisdiction = d.jurisdiction ?? 'VN';
  const issues: LifIssue[] = [];
  const issue = (path: string, code: string, message: string) => issues.push({ path, code, message });
  const tagged = <T>(read: TagRead<T>, path: string): T | undefined => {
    if (read.kind === 'bad') issue(path, 'IGV_LIF_TAG', read.message);
    return read.kind === 'ok' ? read.tag : undefined;
  };

  // Node ids are unique across the whole file (LIF); other ids within the layout.
  const layoutOfNode = new Map<string, number>();
  lif.layouts.forEach((l, li) =>
    l.nodes.forEach((n, ni) => {
      if (layoutOfNode.has(n.nodeId)) {
        issue(`$.layouts[${li}].nodes[${ni}].nodeId`, 'IGV_LIF_DUPLICATE_ID', `node id ${n.nodeId} is used twice`);
      } else layoutOfNode.set(n.nodeId, li);
    }),
  );
  const checkIds = (ids: string[], what: string, path: (i: number) => string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (!IdSchema.safeParse(id).success) issue(path(i), 'IGV_LIF_ID', `${what} id "${id}" is not an igv-map/1 id (1–64 of A-Z a-z 0-9 _ . : -)`);
      if (seen.has(id) && what !== 'node') issue(path(i), 'IGV_LIF_DUPLICATE_ID', `${what} id ${id} is used twice`);
      seen.add(id);
    });
  };
  checkIds([layout.layoutId], 'layout', () => `${base}.layoutId`);
  checkIds(layout.nodes.map((n) => n.nodeId), 'node', (i) => `${base}.nodes[${i}].nodeId`);
  checkIds(layout.edges.map((e) => e.edgeId), 'edge', (i) => `${base}.edges[${i}].edgeId`);
  checkIds((layout.stations ?? []).map((s) => s.stationId), 'station', (i) => `${base}.stations[${i}].stationId`);

  const nodes: MapNode[] = layout.nodes.map((n) => ({
    id: n.nodeId,
    x: mm(n.nodePosition.x),
    y: mm(n.nodePosition.y),
    ...(n.nodeName !== undefined ? { name: n.nodeName } : {}),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const refCheck = (id: string, path: string, role: string): boolean => {
    if (byId.has(id)) return true;
    const elsewhere = layoutOfNode.get(id);
    issue(
      path,
      'IGV_LIF_UNKNOWN_REF',
      elsewhere === undefined
        ? `${role} ${id} is not a node of this file`
        : `${role} ${id} is a node of layout ${lif.layouts[elsewhere]!.layoutId}; igv-map/1 has one level, so edges between layouts cannot be imported`,
    );
    return false;
  };

  const lanes: Lane[] = [];
  layout.edges.forEach((e, ei) => {
    const at = `${base}.edges[${ei}]`;
    const okFrom = refCheck(e.startNodeId, `${at}.startNodeId`, 'startNodeId');
    const okTo = refCheck(e.endNodeId, `${at}.endNodeId`, 'endNodeId');
    const wanted = d.vehicleTypeId ?? 'igv-fleet.IGV';
    const pi = Math.max(0, e.vehicleTypeEdgeProperties.findIndex((p) => p.vehicleTypeId === wanted));
    const props = e.vehicleTypeEdgeProperties[pi]!;
    const polyline = props.trajectory
      ? trajectoryPolyline(props.trajectory, `${at}.vehicleTypeEdgeProperties[${pi}].trajectory`, issue)
      : undefined;
    const tag = tagged(readTag(e.edgeDescription, LaneTagSchema), `${at}.edgeDescription`);
    const from = byId.get(e.startNodeId);
    const to = byId.get(e.endNodeId);
    const geomMm = okFrom && okTo && from && to ? polylineLength([[from.x, from.y], ...(polyline ?? []), [to.x, to.y]]) : 1;
    lanes.push({
      id: e.edgeId,
      from: e.startNodeId,
      to: e.endNodeId,
      lengthMm: tag?.lengthMm ?? Math.max(1, Math.round(geomMm)),
      speedLimitMmps: props.maxSpeed !== undefined ? Math.max(1, mm(props.maxSpeed)) : (d.speedLimitMmps ?? SPEED_MMPS),
      widthMm: tag?.widthMm ?? d.widthMm ?? WIDTH_MM,
      kind: tag?.kind ?? 'yard',
      jurisdiction: tag?.jurisdiction ?? jurisdiction,
      ...(polyline ? { polyline } : {}),
      ...(tag?.singleTrackWith !== undefined ? { singleTrackWith: tag.singleTrackWith } : {}),
      ...(e.edgeName !== undefined ? { name: e.edgeName } : {}),
    });
  });

  const stations: Station[] = (layout.stations ?? []).map((s, si) => {
    const at = `${base}.stations[${si}]`;
    s.interactionNodeIds.forEach((id, k) => refCheck(id, `${at}.interactionNodeIds[${k}]`, 'interaction node'));
    const read = readTag(s.stationDescription, StationTagSchema);
    const tag = tagged(read, `${at}.stationDescription`);
    const prose = read.kind === 'bad' ? '' : read.text;
    return {
      id: s.stationId,
      name: s.stationName || s.stationId,
      kind: tag?.kind ?? guessStationKind(`${s.stationId} ${s.stationName ?? ''} ${prose}`, actionTypesAt(layout, s.interactionNodeIds)),
      jurisdiction: tag?.jurisdiction ?? jurisdiction,
      capacity: tag?.capacity ?? 1,
      nodes: s.interactionNodeIds,
      ...(tag?.serviceTimeMs !== undefined ? { serviceTimeMs: tag.serviceTimeMs } : {}),
    };
  });

  const layoutRead = readTag(layout.layoutDescription, LayoutTagSchema);
  const ltag = tagged(layoutRead, `${base}.layoutDescription`);
  if (issues.length > 0) return { ok: false, issues };

  const foreignDescription = layoutRead.kind === 'none' && layoutRead.text ? { description: layoutRead.text } : {};
  const map: IgvMap = {
    format: MAP_FORMAT,
    id: layout.layoutId,
    name: layout.layoutName || layout.layoutId,
    version: layout.layoutVersion,
    ...(ltag ? (ltag.description !== undefined ? { description: ltag.description } : {}) : foreignDescription),
    frame: ltag?.frame ?? { origin: d.origin ?? { latDeg: 0, lonDeg: 0 }, unit: 'mm', axes: 'x-east-y-north' },
    nodes,
    lanes,
    stations,
    conflictZones: ltag?.conflictZones ?? [],
    ...(ltag?.borderLine ? { borderLine: ltag.borderLine } : {}),
    notes: ltag?.notes ?? [importNote(lif, layout, d)],
  };
  const checked = MapSchema.safeParse(map);
  if (checked.success) return { ok: true, map: checked.data };
  return { ok: false, issues: checked.error.issues.map((i) => mapIssueToLif(i.path, i.message, base)) };
}

function pickLayout(lif: Lif, layoutId: string | undefined): { layout: LifLayout; index: number } | { issues: LifIssue[] } {
  const ids = lif.layouts.map((l) => l.layoutId).join(', ');
  if (layoutId !== undefined) {
    const index = lif.layouts.findIndex((l) => l.layoutId === layoutId);
    if (index >= 0) return { layout: lif.layouts[index]!, index };
    return { issues: [{ path: '$.layouts', code: 'IGV_LIF_LAYOUT', message: `no layout ${layoutId} in this file (layouts: ${ids})` }] };
  }
  if (lif.layouts.length === 1) return { layout: lif.layouts[0]!, index: 0 };
  return {
    issues: [{ path: '$.layouts', code: 'IGV_LIF_LAYOUT', message: `${lif.layouts.length} layouts (${ids}): name the one to import (--layout <id>)` }],
  };
}

/** Degree 1: the interior control points are the centre line. Higher degrees: sampled. */
function trajectoryPolyline(t: LifTrajectory, path: string, issue: (p: string, c: string, m: string) => void): Point[] | undefined {
  const degree = t.degree ?? 1;
  const n = t.controlPoints.length;
  if (t.knotVector.length !== n + degree + 1) {
    issue(`${path}.knotVector`, 'IGV_LIF_TRAJECTORY', `has ${t.knotVector.length} knots; degree ${degree} with ${n} control points needs ${n + degree + 1}`);
    return undefined;
  }
  if (t.knotVector.some((k, i) => i > 0 && k < t.knotVector[i - 1]!)) {
    issue(`${path}.knotVector`, 'IGV_LIF_TRAJECTORY', 'knots must not decrease');
    return undefined;
  }
  if (n <= degree) {
    issue(`${path}.controlPoints`, 'IGV_LIF_TRAJECTORY', `degree ${degree} needs more than ${degree} control points, got ${n}`);
    return undefined;
  }
  const inner: [number, number][] =
    degree === 1 ? t.controlPoints.slice(1, -1).map((c) => [c.x, c.y]) : sampleNurbs(t, Math.max(8, 4 * n));
  const out: Point[] = [];
  for (const [x, y] of inner) {
    const p: Point = [mm(x), mm(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function actionTypesAt(layout: LifLayout, nodeIds: readonly string[]): string[] {
  return layout.nodes
    .filter((n) => nodeIds.includes(n.nodeId))
    .flatMap((n) => n.vehicleTypeNodeProperties.flatMap((p) => (p.actions ?? []).map((a) => a.actionType)));
}

// First match wins, so the more specific words come first ("battery swap" before "charg").
const KIND_WORDS: readonly [RegExp, StationKind][] = [
  [/swap/i, 'battery-swap'],
  [/charg/i, 'charger'],
  [/truck/i, 'truck-bay'], // "truck bay under crane 1" is a truck bay
  [/crane/i, 'transfer-crane'],
  [/x-?ray|scan|\bnii\b/i, 'nii-scanner'],
  [/inspect|quarantine/i, 'inspection-bay'],
  [/gate/i, 'automated-gate'],
  [/park|buffer/i, 'igv-parking'],
];

/** A station kind when the words or VDA 5050 actions make it obvious; `igv-parking` otherwise. */
export function guessStationKind(words: string, actionTypes: readonly string[]): StationKind {
  for (const [re, kind] of KIND_WORDS) if (re.test(words)) return kind;
  if (actionTypes.some((a) => /charg/i.test(a))) return 'charger';
  if (actionTypes.some((a) => a === 'pick' || a === 'drop')) return 'transfer-crane';
  return 'igv-parking';
}

function importNote(lif: Lif, layout: LifLayout, d: LifImportDefaults): string {
  const m = lif.metaInformation;
  const note =
    `ESTIMATE: imported from VDMA LIF ${m.lifVersion} (project "${m.projectIdentification}", layout ${layout.layoutId} ` +
    `version ${layout.layoutVersion}, exported ${m.exportTimestamp} by ${m.creator}). LIF has no lane width, lane kind, ` +
    `jurisdiction, station kind or capacity: untagged lanes got width ${d.widthMm ?? WIDTH_MM} mm, kind yard, ` +
    `jurisdiction ${d.jurisdiction ?? 'VN'} and ${d.speedLimitMmps ?? SPEED_MMPS} mm/s where maxSpeed was missing; ` +
    `stations got capacity 1 and a kind guessed from their names or actions (else igv-parking); ` +
    `no conflict zones or border line` +
    (d.origin ? '.' : '; the frame origin is unknown and was set to 0° N 0° E.');
  return note.length <= 2000 ? note : `${note.slice(0, 1999)}…`;
}

/** A MapSchema fault of the converted map, pointed back at the LIF element it came from. */
function mapIssueToLif(path: readonly PropertyKey[], message: string, base: string): LifIssue {
  const [head, index] = path;
  const lifList = head === 'lanes' ? 'edges' : head === 'nodes' || head === 'stations' ? head : undefined;
  const where = lifList && typeof index === 'number' ? `${base}.${lifList}[${index}]` : base;
  return { path: where, code: 'IGV_LIF_MAP', message: `the converted map is not valid igv-map/1 at ${jsonPath(path)}: ${message}` };
}

/**
 * `count` points of a NURBS curve at parameters evenly spread strictly inside its domain (de Boor's
 * algorithm in homogeneous coordinates). Units are those of the control points.
 */
export function sampleNurbs(t: LifTrajectory, count: number): [number, number][] {
  const p = t.degree ?? 1;
  const U = t.knotVector;
  const P = t.controlPoints;
  const lo = U[p]!;
  const hi = U[P.length]!;
  const out: [number, number][] = [];
  for (let s = 1; s <= count; s++) {
    const u = lo + ((hi - lo) * s) / (count + 1);
    let k = p;
    while (k < P.length - 1 && U[k + 1]! <= u) k++;
    const d = Array.from({ length: p + 1 }, (_, j) => {
      const c = P[j + k - p]!;
      const w = c.weight ?? 1;
      return [c.x * w, c.y * w, w];
    });
    for (let r = 1; r <= p; r++) {
      for (let j = p; j >= r; j--) {
        const i = j + k - p;
        const span = U[i + p - r + 1]! - U[i]!;
        const a = span > 0 ? (u - U[i]!) / span : 0;
        d[j] = d[j]!.map((v, q) => (1 - a) * d[j - 1]![q]! + a * v);
      }
    }
    const [x, y, w] = d[p]!;
    out.push(w! > 0 ? [x! / w!, y! / w!] : [x!, y!]);
  }
  return out;
}
