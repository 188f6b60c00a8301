/**
 * Who may do what on the live gate (DESIGN §7): operator tokens may command, IOC tokens may only
 * read (the feed and GET routes), and each vehicle token speaks for exactly one serial number.
 * The token file's shape is the zod schema below; generating and storing it is the server's job.
 */
import { z } from 'zod';

const Token = z.string().min(16, 'tokens must have at least 16 characters').max(256);

export const TokensSchema = z
  .object({
    operator: z.array(Token).min(1),
    ioc: z.array(Token).default([]),
    vehicles: z.record(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/), Token).default({}),
  })
  .strict();

export type Tokens = z.infer<typeof TokensSchema>;
export type Role = 'operator' | 'ioc';

export interface Access {
  /** The role a bearer token grants, or null for an unknown token. */
  roleOf(token: string | null | undefined): Role | null;
  /** True when `token` is the vehicle token of `serialNumber` (and of no other). */
  vehicleMay(serialNumber: string, token: string | null | undefined): boolean;
  /** Serial numbers that have a vehicle token. */
  vehicleSerials(): string[];
}

/** Compares without an early exit, so the time taken does not tell how much of a token matched. */
function sameSecret(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export function createAccess(tokens: Tokens): Access {
  return {
    roleOf(token) {
      if (!token) return null;
      if (tokens.operator.some((t) => sameSecret(t, token))) return 'operator';
      if (tokens.ioc.some((t) => sameSecret(t, token))) return 'ioc';
      return null;
    },
    vehicleMay(serialNumber, token) {
      const own = tokens.vehicles[serialNumber];
      return !!token && own !== undefined && sameSecret(own, token);
    },
    vehicleSerials: () => Object.keys(tokens.vehicles).sort(),
  };
}

/** The bearer token of a request: `Authorization: Bearer …`, else `?token=` (browsers cannot set headers on a WebSocket). */
export function bearerToken(authorization: string | undefined, url: string | undefined): string | null {
  const m = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (m) return m[1]!;
  if (!url) return null;
  const q = url.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(url.slice(q + 1)).get('token');
}
