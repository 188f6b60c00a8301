/**
 * /api/v1/vehicles: list, read (with the retained VDA 5050 connection and factsheet), pause,
 * resume, send to charge.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from './api-deps.ts';
import { ApiError, errorResponses } from './api-errors.ts';
import { IdParamsSchema, VehicleDetailSchema, VehicleDtoSchema, vehicleDto } from './api-schemas.ts';
import { runCommand, throwIfRejected } from './command-outcome.ts';

const ACTIONS = [
  { path: 'pause', kind: 'PauseVehicle', status: 200, summary: 'Pause a vehicle', description: 'It brakes to a stop (service brake) and stays until resumed.' },
  { path: 'resume', kind: 'ResumeVehicle', status: 200, summary: 'Resume a paused vehicle', description: 'It carries on with its task.' },
  { path: 'charge', kind: 'SendToCharge', status: 202, summary: 'Send a vehicle to charge', description: 'Accepted: it goes to a charger when its current task ends (chargeRequested).' },
] as const;

export function registerVehicleRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { gate } = deps;

  api.get('/vehicles', {
    schema: {
      tags: ['vehicles'],
      summary: 'List vehicles',
      response: { 200: z.object({ items: z.array(VehicleDtoSchema).describe('by id') }), ...errorResponses(401, 429) },
    },
  }, async () => ({ items: [...gate.world().vehicles.values()].map(vehicleDto) }));

  api.get('/vehicles/:id', {
    schema: {
      tags: ['vehicles'],
      summary: 'One vehicle, with its VDA 5050 connection state and factsheet',
      params: IdParamsSchema,
      response: { 200: VehicleDetailSchema, ...errorResponses(400, 401, 404, 429) },
    },
  }, async (request) => {
    const v = gate.world().vehicles.get(request.params.id);
    if (!v) throw new ApiError(404, 'UNKNOWN_VEHICLE', `no vehicle ${request.params.id}`);
    const info = deps.vehicleInfo(v.id);
    return { ...vehicleDto(v), spec: v.spec, connection: info.connection ?? null, factsheet: info.factsheet ?? null };
  });

  for (const a of ACTIONS) {
    api.post(`/vehicles/:id/${a.path}`, {
      schema: {
        tags: ['vehicles'],
        summary: a.summary,
        description: `${a.description} 404 UNKNOWN_VEHICLE.`,
        params: IdParamsSchema,
        response: { [a.status]: VehicleDtoSchema, ...errorResponses(400, 401, 403, 404, 409, 429, 503) },
      },
    }, async (request, reply) => {
      const { id } = request.params;
      const { events, world } = await runCommand(gate, deps.ready, { kind: a.kind, vehicleId: id });
      throwIfRejected(events, a.kind, id);
      const v = world.vehicles.get(id);
      if (!v) throw new ApiError(404, 'UNKNOWN_VEHICLE', `no vehicle ${id}`);
      return reply.code(a.status).send(vehicleDto(v));
    });
  }
}
