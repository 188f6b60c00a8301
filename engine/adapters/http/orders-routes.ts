/**
 * /api/v1/orders: create (recorded durably, then submitted; answered with the engine's verdict
 * of the tick that applied it), list, read, cancel.
 */
import { staticOrderProblem } from '../../core/model/order-checks.ts';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ORDER_STATUSES, OrderSpecSchema } from '../../core/model/order.ts';
import type { ApiDeps } from './api-deps.ts';
import { ApiError, errorResponses } from './api-errors.ts';
import { IdParamsSchema, OrderDtoSchema, orderDto } from './api-schemas.ts';
import { assertReady, runCommand, throwIfRejected } from './command-outcome.ts';

const ListQuerySchema = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const OrderListSchema = z.object({
  total: z.number().int().describe('orders matching the filter'),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(OrderDtoSchema).describe('by id'),
});

export function registerOrderRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { gate } = deps;

  api.post('/orders', {
    schema: {
      tags: ['orders'],
      summary: 'Create an order',
      description: 'Records the order durably, then submits it. 201 once the engine accepted it; 409 DUPLICATE_ID, or 422 with the engine\'s reason code (UNKNOWN_STATION, NO_ROUTE…) when it refused it.',
      body: OrderSpecSchema,
      response: { 201: OrderDtoSchema, ...errorResponses(400, 401, 403, 409, 413, 422, 429, 503) },
    },
  }, async (request, reply) => {
    const spec = request.body;
    assertReady(gate, deps.ready);
    if (gate.world().orders.has(spec.id)) throw new ApiError(409, 'DUPLICATE_ID', `order ${spec.id} exists`);
    // The engine's own rule, checked before the order is recorded: a refused order is never stored as accepted.
    const problem = staticOrderProblem(gate.site, spec);
    if (problem) throw new ApiError(422, problem.reason, problem.detail);
    try {
      deps.acceptOrder(spec);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      request.log.error({ err }, 'recording an order failed');
      throw new ApiError(503, 'not_recorded', 'the order could not be recorded durably, so it was not submitted');
    }
    const { events, world } = await runCommand(gate, deps.ready, { kind: 'CreateOrder', order: spec });
    for (const e of events) {
      if (e.kind === 'OrderRejected' && e.orderId === spec.id) throw new ApiError(e.reason === 'DUPLICATE_ID' ? 409 : 422, e.reason, e.detail);
    }
    const created = world.orders.get(spec.id);
    if (!events.some((e) => e.kind === 'OrderCreated' && e.orderId === spec.id) || !created) {
      throw new ApiError(500, 'internal', 'the engine gave no verdict on the order');
    }
    return reply.code(201).header('location', `${request.url.split('?')[0]}/${encodeURIComponent(spec.id)}`).send(orderDto(created));
  });

  api.get('/orders', {
    schema: {
      tags: ['orders'],
      summary: 'List orders',
      querystring: ListQuerySchema,
      response: { 200: OrderListSchema, ...errorResponses(400, 401, 429) },
    },
  }, async (request) => {
    const { status, limit, offset } = request.query;
    const matching = [...gate.world().orders.values()].filter((o) => !status || o.status === status);
    return { total: matching.length, limit, offset, items: matching.slice(offset, offset + limit).map(orderDto) };
  });

  api.get('/orders/:id', {
    schema: {
      tags: ['orders'],
      summary: 'One order',
      params: IdParamsSchema,
      response: { 200: OrderDtoSchema, ...errorResponses(400, 401, 404, 429) },
    },
  }, async (request) => {
    const o = gate.world().orders.get(request.params.id);
    if (!o) throw new ApiError(404, 'UNKNOWN_ORDER', `no order ${request.params.id}`);
    return orderDto(o);
  });

  api.post('/orders/:id/cancel', {
    schema: {
      tags: ['orders'],
      summary: 'Cancel an order',
      description: 'The order fails with reason CANCELLED. 404 UNKNOWN_ORDER; 409 ORDER_CLOSED (delivered or failed) or VEHICLE_BUSY (already loaded).',
      params: IdParamsSchema,
      body: z.object({ reason: z.string().min(1).max(200).describe('why, for the record') }).strict(),
      response: { 200: OrderDtoSchema, ...errorResponses(400, 401, 403, 404, 409, 429, 503) },
    },
  }, async (request) => {
    const { id } = request.params;
    const { events, world } = await runCommand(gate, deps.ready, { kind: 'CancelOrder', orderId: id, reason: request.body.reason });
    throwIfRejected(events, 'CancelOrder', id);
    return orderDto(world.orders.get(id)!);
  });
}
