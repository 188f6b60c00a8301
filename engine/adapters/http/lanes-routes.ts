/**
 * /api/v1/lanes: the map's lanes with their closure state; close and open one.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from './api-deps.ts';
import { errorResponses } from './api-errors.ts';
import { IdParamsSchema, LaneDtoSchema, laneDtos } from './api-schemas.ts';
import { runCommand, throwIfRejected } from './command-outcome.ts';

const ACTIONS = [
  { path: 'close', kind: 'CloseLane', summary: 'Close a lane', description: 'Routes avoid it from the next tick.' },
  { path: 'open', kind: 'OpenLane', summary: 'Open a closed lane', description: 'Routes may use it again.' },
] as const;

export function registerLaneRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { gate } = deps;

  api.get('/lanes', {
    schema: {
      tags: ['lanes'],
      summary: 'List lanes',
      response: { 200: z.object({ items: z.array(LaneDtoSchema).describe('in map order') }), ...errorResponses(401, 429) },
    },
  }, async () => ({ items: laneDtos(gate.site, gate.world()) }));

  for (const a of ACTIONS) {
    api.post(`/lanes/:id/${a.path}`, {
      schema: {
        tags: ['lanes'],
        summary: a.summary,
        description: `${a.description} 404 UNKNOWN_LANE.`,
        params: IdParamsSchema,
        response: { 200: LaneDtoSchema, ...errorResponses(400, 401, 403, 404, 409, 429, 503) },
      },
    }, async (request) => {
      const { id } = request.params;
      const { events, world } = await runCommand(gate, deps.ready, { kind: a.kind, laneId: id });
      throwIfRejected(events, a.kind, id);
      return laneDtos(gate.site, world).find((l) => l.id === id)!;
    });
  }
}
