/**
 * /api/v1 gate-wide routes: emergency stop and its release, the live KPIs, the site map.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MapSchema } from '../../../maps/schema/map-schema.ts';
import type { ApiDeps } from './api-deps.ts';
import { errorResponses } from './api-errors.ts';
import { GateStateSchema, gateState } from './api-schemas.ts';
import { runCommand } from './command-outcome.ts';

const STOPS = [
  { path: '/emergency-stop', kind: 'EmergencyStop', summary: 'Emergency stop', description: 'Every vehicle brakes at its emergency rate and nothing new is released until the stop is released.' },
  { path: '/emergency-stop/release', kind: 'ReleaseEmergencyStop', summary: 'Release the emergency stop', description: 'Vehicles may move again.' },
] as const;

export function registerGateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { gate } = deps;
  // The map never changes while the gate runs: serialise it once.
  let mapJson: string | null = null;

  for (const s of STOPS) {
    api.post(s.path, {
      schema: {
        tags: ['gate'],
        summary: s.summary,
        description: s.description,
        response: { 200: GateStateSchema, ...errorResponses(401, 403, 429, 503) },
      },
    }, async () => gateState((await runCommand(gate, deps.ready, { kind: s.kind })).world));
  }

  api.get('/kpis', {
    schema: {
      tags: ['gate'],
      summary: 'Live KPIs',
      description: 'The same object as the IOC feed\'s `kpis` collection (entry `live`).',
      response: { 200: z.unknown(), ...errorResponses(401, 429) },
    },
  }, async () => deps.kpis() ?? null);

  api.get('/map', {
    schema: {
      tags: ['gate'],
      summary: 'The site map (igv-map/1)',
      description: 'For clients such as the virtual fleet and the viewer; `id` is the VDA 5050 mapId.',
      response: { 200: { description: 'the map', content: { 'application/json': { schema: MapSchema } } }, ...errorResponses(401, 429) },
    },
  }, async (_request, reply: FastifyReply) => {
    mapJson ??= JSON.stringify(gate.site.map);
    // A string with a JSON content type is sent as is, skipping the per-request schema walk.
    return reply.type('application/json; charset=utf-8').send(mapJson);
  });
}
