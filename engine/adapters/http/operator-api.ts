/**
 * The operator HTTP API (DESIGN §5, §7): routes under `/api/v1`, OpenAPI at `/docs`, `/healthz`,
 * `/metrics`. zod validates requests and serialises answers (fastify-type-provider-zod), and the
 * OpenAPI document is generated from the same schemas.
 *
 * Everything API-specific (zod compilers, error and 404 handlers, auth, rate limit, body limit)
 * lives in encapsulated contexts, so the server's other routes (the viewer, the WebSockets) keep
 * their own. Only two things touch the root: @fastify/swagger (it must see the routes) and an
 * `onResponse` hook counting every HTTP answer.
 */
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyRateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps.ts';
import { apiErrorHandler, apiNotFoundHandler } from './api-errors.ts';
import { apiAuthHook, tokenOf } from './auth.ts';
import { createApiMetrics, type ApiMetrics } from './metrics.ts';
import { registerOrderRoutes } from './orders-routes.ts';
import { registerVehicleRoutes } from './vehicles-routes.ts';
import { registerLaneRoutes } from './lanes-routes.ts';
import { registerGateRoutes } from './gate-routes.ts';
import { registerOpsRoutes } from './ops-routes.ts';

export type { ApiDeps } from './api-deps.ts';

export const API_PREFIX = '/api/v1';

export interface OperatorApiOptions {
  /** Requests per token per window on /api/v1 (default 600 per minute); false turns it off. */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number } | false;
  /** Largest request body on /api/v1, bytes (default 256 KiB); larger bodies get 413. */
  readonly bodyLimit?: number;
  /** Collect Node process metrics into prom-client's global register (default true; once per process). */
  readonly defaultMetrics?: boolean;
  /** Shown in the OpenAPI document. */
  readonly version?: string;
}

/** Only the API's own routes appear in the OpenAPI document (not the viewer or the WebSockets). */
const transform: typeof jsonSchemaTransform = (doc) => {
  const ours = doc.url.startsWith(`${API_PREFIX}/`) || doc.url === '/healthz' || doc.url === '/metrics';
  return ours ? jsonSchemaTransform(doc) : { schema: { ...doc.schema, hide: true }, url: doc.url };
};

/**
 * POST routes without a body (pause, emergency stop…) are often called with a JSON content type
 * and nothing after it; fastify's parser refuses that, this one reads it as no body. Anything
 * else goes to fastify's own parser (with its prototype-poisoning checks).
 */
function acceptEmptyJsonBodies(api: FastifyInstance): void {
  const json = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') done(null, undefined);
    else json(request, text, done);
  });
}

/**
 * Registers the operator API on the ROOT instance `app`. Call it before `app.listen()`/`ready()`;
 * routes the server adds at the root before this call are not in the OpenAPI document (and need
 * not be). Returns this instance's metrics (its `registry` takes more igv_* metrics if wanted).
 */
export async function registerOperatorApi(app: FastifyInstance, deps: ApiDeps, options: OperatorApiOptions = {}): Promise<ApiMetrics> {
  const metrics = createApiMetrics(deps.gate, { defaultMetrics: options.defaultMetrics ?? true });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'igv-fleet operator API', version: options.version ?? '1', description: 'Orders, vehicles, lanes and the emergency stop of the Bắc Luân II IGV gate. Reads take an operator or IOC token; changes take an operator token.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: [{ name: 'orders' }, { name: 'vehicles' }, { name: 'lanes' }, { name: 'gate' }, { name: 'ops' }],
    },
    transform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const bodyLimit = options.bodyLimit ?? 256 * 1024;
  await app.register(async (api) => {
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(serializerCompiler);
    api.setErrorHandler(apiErrorHandler);
    api.setNotFoundHandler(apiNotFoundHandler);
    api.addHook('onRoute', (route) => {
      route.bodyLimit ??= bodyLimit;
    });
    acceptEmptyJsonBodies(api);
    // Auth first (context hook): a request without a valid token costs one comparison and no body read.
    api.addHook('onRequest', apiAuthHook(deps.access));
    if (options.rateLimit !== false) {
      const limit = options.rateLimit ?? { max: 600, timeWindowMs: 60_000 };
      await api.register(fastifyRateLimit, {
        max: limit.max,
        timeWindow: limit.timeWindowMs,
        // Per token (auth ran first, so there is one); the address only as a fallback.
        keyGenerator: (request) => {
          const token = tokenOf(request);
          return token ? `t:${token}` : `ip:${request.ip}`;
        },
      });
    }
    registerOrderRoutes(api, deps);
    registerVehicleRoutes(api, deps);
    registerLaneRoutes(api, deps);
    registerGateRoutes(api, deps);
    // Claims every path under the prefix, so a server-wide wildcard (the viewer's static files)
    // never answers an API path with its own 404.
    api.all('/*', { schema: { hide: true } }, (request, reply) => apiNotFoundHandler(request, reply));
  }, { prefix: API_PREFIX });

  await app.register(async (ops) => {
    ops.setValidatorCompiler(validatorCompiler);
    ops.setSerializerCompiler(serializerCompiler);
    ops.setErrorHandler(apiErrorHandler);
    registerOpsRoutes(ops, deps, metrics);
  });
  return metrics;
}
