/**
 * The faults `igv map check` reports. One table of codes, so tests, the CLI and other tools name a
 * fault the same way; messages name the component and put values in brackets.
 */

/** Fault codes, in the order the checks run (see `validate-map.ts`). */
export const MapIssueCode = {
  /** The file cannot be read, is empty, is larger than 20 MiB, or is not JSON. */
  File: 'IGV_MAP_FILE',
  /** The JSON does not match `MapSchema` (one issue per zod issue). */
  Schema: 'IGV_MAP_SCHEMA',
  /** Two nodes, lanes, stations or conflict zones share an id. */
  DuplicateId: 'IGV_MAP_DUPLICATE_ID',
  /** A reference names a node or lane that does not exist. */
  UnknownRef: 'IGV_MAP_UNKNOWN_REF',
  /** Two lanes join the same (from, to) pair. */
  DuplicateLane: 'IGV_MAP_DUPLICATE_LANE',
  /** A lane starts and ends at the same node. */
  SelfLoop: 'IGV_MAP_SELF_LOOP',
  /** A `singleTrackWith` pair is not a true opposite-direction twin on the same track. */
  SingleTrack: 'IGV_MAP_SINGLE_TRACK',
  /** `lengthMm` differs from the centre line by more than 1 %. */
  Length: 'IGV_MAP_LENGTH',
  /** The centre line bends tighter than 10 m, or turns more than 20° at a node. */
  Curve: 'IGV_MAP_CURVE',
  /** Two lanes are too close, or cross without a `crossing` conflict zone. */
  Spacing: 'IGV_MAP_SPACING',
  /** A station cannot be reached from another station. */
  Unreachable: 'IGV_MAP_UNREACHABLE',
  /** A station's stop node is in, or too close behind, a junction or conflict zone. */
  StopPoint: 'IGV_MAP_STOP_POINT',
  /** A conflict zone's lanes do not meet the way its kind says. */
  Zone: 'IGV_MAP_ZONE',
} as const;

export type MapIssueCode = (typeof MapIssueCode)[keyof typeof MapIssueCode];

/** Every code, in check order. */
export const MAP_ISSUE_CODES: readonly MapIssueCode[] = Object.values(MapIssueCode);

/**
 * One fault in a map. `path` is a JSON path of the offending element (`$` is the whole document,
 * `$.lanes[3].to` a field); `message` is one line meant for people.
 */
export interface MapIssue {
  path: string;
  code: MapIssueCode;
  message: string;
}

/** Builds a MapIssue; a small helper so call sites read as one line. */
export function mapIssue(code: MapIssueCode, path: string, message: string): MapIssue {
  return { path, code, message };
}

/**
 * JSON path for a property-key list as zod reports it: `['lanes', 3, 'widthMm']` → `$.lanes[3].widthMm`.
 * Keys that are not plain identifiers are quoted: `$["odd key"]`.
 */
export function jsonPath(keys: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
