/**
 * One error shape for every answer that is not a success: `{ error, message, details? }`, where
 * `error` is a stable machine-readable code — an HTTP-level one (`unauthorized`,
 * `validation_failed`, `rate_limited`…) or the engine's reason code (`UNKNOWN_STATION`…). A 5xx
 * never carries the underlying message or a stack trace: those go to the log only.
 */
import { z } from 'zod';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export const ApiErrorSchema = z
  .object({
    error: z.string().describe('stable code: an HTTP-level code (unauthorized, forbidden, validation_failed, not_found, rate_limited…) or an engine reason code (UNKNOWN_STATION, DUPLICATE_ID…)'),
    message: z.string().describe('for people; do not parse'),
    details: z.unknown().optional().describe('validation_failed: [{path, message}]'),
  })
  .describe('error');

export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

/** An error a handler or hook throws to answer with `statusCode` and this body. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** The `error` responses a route can give, for its OpenAPI `response` map. */
export function errorResponses(...statuses: number[]): Record<number, typeof ApiErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ApiErrorSchema]));
}

interface Issue {
  readonly path: string;
  readonly message: string;
}

/** `body.containerId: …` from a zod issue as fastify-type-provider-zod reports it. */
function issuesOf(context: string | undefined, validation: readonly { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[]): Issue[] {
  return validation.flatMap((v) => {
    const base = [context ?? 'request', ...v.instancePath.split('/').filter(Boolean)];
    const keys = v.params['keys'];
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((k) => ({ path: [...base, String(k)].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.'), message: v.message ?? 'invalid' }];
  });
}

function send(reply: FastifyReply, status: number, body: ApiErrorBody): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** The error handler of the API's contexts (set with `setErrorHandler`). */
export function apiErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof ApiError) {
    const body: ApiErrorBody = { error: err.code, message: err.message };
    if (err.details !== undefined) body.details = err.details;
    return send(reply, err.statusCode, body);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = issuesOf(err.validationContext, err.validation);
    return send(reply, 400, { error: 'validation_failed', message: details.map((d) => `${d.path}: ${d.message}`).join('; '), details });
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err }, 'response does not match its schema');
    return send(reply, 500, { error: 'internal', message: 'internal error' });
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    return send(reply, status, { error: CODE_BY_STATUS[status] ?? 'client_error', message: err.message });
  }
  request.log.error({ err }, 'request failed');
  return send(reply, status >= 500 && status < 600 ? status : 500, { error: 'internal', message: 'internal error' });
}

/** 404 for a path no route serves. Echoes the path without the query (it may hold a token). */
export function apiNotFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  return send(reply, 404, { error: 'not_found', message: `no route ${request.method} ${path}` });
}
