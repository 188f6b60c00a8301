/**
 * Operations endpoints outside /api/v1: `/healthz` (no token: load balancers and probes) and
 * `/metrics` (Prometheus text; needs an operator or IOC token — set `authorization` /
 * `bearer_token` in the scrape config — because it tells how the gate is doing).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from './api-deps.ts';
import { errorResponses } from './api-errors.ts';
import { readerAuthHook } from './auth.ts';
import type { ApiMetrics } from './metrics.ts';

const HealthSchema = z.object({
  status: z.enum(['ok', 'starting', 'safe-mode']).describe('ok: ticking; starting: recovering or not ticking yet; safe-mode: a broken invariant stopped all motion'),
  tick: z.number().int(),
});

export function registerOpsRoutes(app: FastifyInstance, deps: ApiDeps, metrics: ApiMetrics): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { gate } = deps;

  api.get('/healthz', {
    schema: {
      tags: ['ops'],
      summary: 'Health',
      description: '200 when ok, 503 while starting or in safe mode. No token needed.',
      security: [],
      response: { 200: HealthSchema, 503: HealthSchema },
    },
  }, async (_request, reply) => {
    const world = gate.world();
    const status = world.safeMode ? 'safe-mode' : deps.ready() && gate.running() ? 'ok' : 'starting';
    return reply.code(status === 'ok' ? 200 : 503).send({ status, tick: world.tick });
  });

  api.get('/metrics', {
    onRequest: readerAuthHook(deps.access),
    schema: {
      tags: ['ops'],
      summary: 'Prometheus metrics',
      description: 'Text exposition format. Needs an operator or IOC token.',
      response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } }, ...errorResponses(401) },
    },
  }, async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
}
