/**
 * The VDA 5050 2.1 header carried flat on every message, and the wire timestamp format.
 * Browser-safe: zod only.
 */
import { z } from 'zod';

export const VDA_VERSION = '2.1.0';

/** Largest headerId (uint32). */
export const UINT32_MAX = 4_294_967_295;

export const Uint32Schema = z.number().int().min(0).max(UINT32_MAX);

/** ISO 8601 UTC with optional fraction; we send exactly two decimals. */
export const VDA_TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** Major version 2, semver; pre-release/build suffixes tolerated. */
export const VERSION_2_RE = /^2\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;

/**
 * Wire timestamp of an epoch instant: `YYYY-MM-DDTHH:mm:ss.ffZ` (UTC, two decimals, truncated).
 * @param epochMs milliseconds since 1970-01-01T00:00:00Z, within years 0000–9999
 */
export function vdaTimestamp(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`vdaTimestamp: not a finite epoch ms: ${epochMs}`);
  const iso = new Date(Math.floor(epochMs)).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  if (iso.length !== 24) throw new RangeError(`vdaTimestamp: epoch ms outside years 0000–9999: ${epochMs}`);
  return `${iso.slice(0, 22)}Z`;
}

/**
 * Epoch ms of a wire timestamp (any number of decimals; sub-millisecond digits are truncated).
 * Throws RangeError when the text is not a VDA timestamp or names an impossible date (month 13, Feb 30…).
 */
export function parseVdaTimestamp(s: string): number {
  const ms = timestampMs(s);
  if (ms === null) throw new RangeError(`parseVdaTimestamp: not an ISO 8601 UTC timestamp: ${JSON.stringify(s)}`);
  return ms;
}

function timestampMs(s: string): number | null {
  const m = VDA_TIMESTAMP_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, 0);
  // Dates roll over (Feb 30 → Mar 2): the day must survive the round trip.
  if (date.getUTCDate() !== d) return null;
  const base = date.getTime();
  const frac = (m[7] ?? '.0').slice(1);
  return base + Number(frac.padEnd(3, '0').slice(0, 3));
}

export const TimestampSchema = z
  .string()
  .refine((s) => timestampMs(s) !== null, 'timestamp must be ISO 8601 UTC, e.g. 2025-01-31T08:15:00.00Z');

export const VersionSchema = z.string().regex(VERSION_2_RE, 'version must be a semver string with major 2, e.g. 2.1.0');

export const HeaderSchema = z.object({
  headerId: Uint32Schema,
  timestamp: TimestampSchema,
  version: VersionSchema,
  manufacturer: z.string().min(1),
  serialNumber: z.string().min(1),
});

export type Header = z.infer<typeof HeaderSchema>;
