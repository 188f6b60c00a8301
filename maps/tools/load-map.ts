/**
 * Reading an igv-map/1 file: file checks, JSON, then the schema. Shared by every `igv map`
 * command; semantic checks (references, geometry, reachability) live in `validate-map.ts`.
 */
import { readFile, stat } from 'node:fs/promises';
import { MapSchema, type IgvMap } from '../schema/map-schema.ts';
import { jsonPath, mapIssue, MapIssueCode, type MapIssue } from './map-issue.ts';

/** Files above this size are refused before reading them (bytes). */
export const MAX_MAP_FILE_BYTES = 20 * 1024 * 1024;

export type LoadMapResult = { ok: true; map: IgvMap } | { ok: false; issues: MapIssue[] };

function fileIssue(message: string): LoadMapResult {
  return { ok: false, issues: [mapIssue(MapIssueCode.File, '$', message)] };
}

/**
 * Reads, parses and schema-checks a map file. Never throws: every failure is an `IGV_MAP_FILE`
 * issue (unreadable, directory, empty, larger than 20 MiB, not JSON) or `IGV_MAP_SCHEMA` issues.
 * The size is checked with `stat` first, so a huge file is never read into memory.
 */
export async function loadMapFile(path: string): Promise<LoadMapResult> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileIssue(`file [${path}] is a directory, not a map file`);
    if (!info.isFile()) return fileIssue(`file [${path}] is not a regular file`);
    size = info.size;
  } catch (err) {
    return fileIssue(describeFsError(path, err));
  }
  if (size === 0) return fileIssue(`file [${path}] is empty`);
  if (size > MAX_MAP_FILE_BYTES) {
    return fileIssue(`file [${path}] is ${size} bytes, larger than the [${MAX_MAP_FILE_BYTES}] bytes (20 MiB) a map may have`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return fileIssue(describeFsError(path, err));
  }
  return parseMapText(text);
}

/**
 * The pure part of `loadMapFile`: JSON text → map, or `IGV_MAP_FILE` (empty, not JSON; with the
 * line and column of the parse error when the JSON engine reports a position) or `IGV_MAP_SCHEMA`
 * issues, one per zod issue, with JSON paths. A leading byte-order mark is ignored.
 */
export function parseMapText(text: string): LoadMapResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fileIssue('file is empty');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return fileIssue(describeJsonError(body, err));
  }
  const parsed = MapSchema.safeParse(json);
  if (parsed.success) return { ok: true, map: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => mapIssue(MapIssueCode.Schema, jsonPath(i.path), i.message)),
  };
}

function describeFsError(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `file [${path}] does not exist`;
  if (code === 'EACCES' || code === 'EPERM') return `file [${path}] cannot be read: permission denied`;
  if (code === 'EISDIR') return `file [${path}] is a directory, not a map file`;
  return `file [${path}] cannot be read: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * V8's messages differ between Node versions: some carry `at position N`, newer ones add
 * `(line L column C)`, "Unexpected end of JSON input" carries nothing (the position is the end).
 */
function describeJsonError(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const base = raw
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/\r?\n/g, '\\n') // V8 quotes a snippet of the text; keep the message on one line
    .trim();
  const posMatch = /at position (\d+)/.exec(raw);
  const pos = posMatch ? Number(posMatch[1]) : /Unexpected end of JSON input/.test(raw) ? text.length : undefined;
  if (pos === undefined) return `not valid JSON: ${base}`;
  const { line, column } = lineColumn(text, pos);
  return `not valid JSON at line ${line}, column ${column}: ${base}`;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
