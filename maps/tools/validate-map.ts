/**
 * The semantic checks behind `igv map check` (rules 3–13 of the map validity rules): references,
 * duplicate lanes, single-track twins, geometry, spacing, reachability, stop points, conflict
 * zones. Each rule lives in `validate/`; this file fixes their order.
 */
import type { IgvMap } from '../schema/map-schema.ts';
import { loadMapFile } from './load-map.ts';
import { MapIssueCode, type MapIssue } from './map-issue.ts';
import { buildContext, type MapContext } from './validate/context.ts';
import { checkReachability } from './validate/reachability.ts';
import { checkDuplicateIds, checkDuplicateLanes, checkSelfLoops, checkUnknownRefs } from './validate/references.ts';
import { checkCurves, checkLengths } from './validate/shape.ts';
import { checkSingleTrack } from './validate/single-track.ts';
import { checkSpacing } from './validate/spacing.ts';
import { checkStopPoints } from './validate/stop-points.ts';
import { checkZones } from './validate/zones.ts';

export interface ValidateOptions {
  /** Codes not to check, e.g. `IGV_MAP_CURVE` for abstract test maps drawn without real curves. */
  skip?: readonly string[];
}

/** The rules in the order their issues are reported. */
const RULES: readonly [MapIssueCode, (ctx: MapContext) => MapIssue[]][] = [
  [MapIssueCode.DuplicateId, checkDuplicateIds],
  [MapIssueCode.UnknownRef, checkUnknownRefs],
  [MapIssueCode.DuplicateLane, checkDuplicateLanes],
  [MapIssueCode.SelfLoop, checkSelfLoops],
  [MapIssueCode.SingleTrack, checkSingleTrack],
  [MapIssueCode.Length, checkLengths],
  [MapIssueCode.Curve, checkCurves],
  [MapIssueCode.Spacing, checkSpacing],
  [MapIssueCode.Unreachable, checkReachability],
  [MapIssueCode.StopPoint, checkStopPoints],
  [MapIssueCode.Zone, checkZones],
];

/**
 * Every fault of a schema-valid map; empty means valid. Deterministic: ordered by rule, then by
 * array index of the offending element. Pure and synchronous; never throws on a map that passed
 * `MapSchema`. Lanes with a missing node or from === to are reported once (rules 4, 6) and left
 * out of the geometric and graph checks.
 */
export function validateMap(map: IgvMap, opts: ValidateOptions = {}): MapIssue[] {
  const skip = new Set(opts.skip ?? []);
  const ctx = buildContext(map);
  const issues: MapIssue[] = [];
  for (const [code, check] of RULES) {
    if (!skip.has(code)) issues.push(...check(ctx));
  }
  return issues;
}

/**
 * Loads and validates a map file: file and schema faults first (and only those when the file or
 * schema fails), otherwise the faults of `validateMap`. Empty means valid. Never throws.
 */
export async function checkMapFile(path: string, opts: ValidateOptions = {}): Promise<MapIssue[]> {
  const loaded = await loadMapFile(path);
  if (!loaded.ok) return loaded.issues;
  return validateMap(loaded.map, opts);
}
