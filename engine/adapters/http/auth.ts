/**
 * Bearer-token checks of the operator API (DESIGN §7): reading needs an operator or an IOC token,
 * anything that changes state needs an operator token. Runs as an `onRequest` hook, so a request
 * without a valid token is refused before its body is even read.
 */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { bearerToken, type Access, type Role } from '../../runtime/auth/access.ts';
import { ApiError } from './api-errors.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's bearer token: `Authorization: Bearer …`, else `?token=`. */
export function tokenOf(request: FastifyRequest): string | null {
  return bearerToken(request.headers.authorization, request.url);
}

function roleOrThrow(access: Access, request: FastifyRequest): Role {
  const role = access.roleOf(tokenOf(request));
  if (!role) throw new ApiError(401, 'unauthorized', 'a valid operator or IOC token is required (Authorization: Bearer <token>, or ?token=)');
  return role;
}

/** Hook for the `/api/v1` routes: 401 without a known token, 403 when an IOC token tries to change state. */
export function apiAuthHook(access: Access): onRequestAsyncHookHandler {
  return async (request) => {
    const role = roleOrThrow(access, request);
    if (role !== 'operator' && !READ_METHODS.has(request.method)) {
      throw new ApiError(403, 'forbidden', 'an IOC token is read-only; this request needs an operator token');
    }
  };
}

/** Hook for read-only endpoints outside the API (`/metrics`): any operator or IOC token. */
export function readerAuthHook(access: Access): onRequestAsyncHookHandler {
  return async (request) => {
    roleOrThrow(access, request);
  };
}
