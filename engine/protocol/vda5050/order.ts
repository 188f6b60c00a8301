/**
 * VDA 5050 2.1 `order`: the structural schema and `OrderSchema`, which adds the order rules
 * JSON schema cannot express (see order-rules.ts).
 */
import { z } from 'zod';
import { HeaderSchema, Uint32Schema } from './header.ts';
import { ActionSchema } from './action.ts';
import { AngleSchema, CorridorSchema, NodePositionSchema, TrajectorySchema } from './geometry.ts';
import { orderRuleIssues } from './order-rules.ts';

export { NodePositionSchema, TrajectorySchema, AngleSchema } from './geometry.ts';
export type { NodePosition, Trajectory } from './geometry.ts';

export const OrderNodeSchema = z.object({
  nodeId: z.string().min(1),
  sequenceId: Uint32Schema,
  nodeDescription: z.string().optional(),
  released: z.boolean(),
  nodePosition: NodePositionSchema.optional(),
  actions: z.array(ActionSchema),
});
export type OrderNode = z.infer<typeof OrderNodeSchema>;

export const OrderEdgeSchema = z.object({
  edgeId: z.string().min(1),
  sequenceId: Uint32Schema,
  edgeDescription: z.string().optional(),
  released: z.boolean(),
  startNodeId: z.string().min(1),
  endNodeId: z.string().min(1),
  maxSpeed: z.number().min(0).optional(),
  maxHeight: z.number().min(0).optional(),
  minHeight: z.number().min(0).optional(),
  orientation: AngleSchema.optional(),
  orientationType: z.enum(['GLOBAL', 'TANGENTIAL']).optional(),
  direction: z.string().optional(),
  rotationAllowed: z.boolean().optional(),
  maxRotationSpeed: z.number().min(0).optional(),
  trajectory: TrajectorySchema.optional(),
  length: z.number().min(0).optional(),
  corridor: CorridorSchema.optional(),
  actions: z.array(ActionSchema),
});
export type OrderEdge = z.infer<typeof OrderEdgeSchema>;

/** Field shapes only; use `OrderSchema` to validate a received order. */
export const OrderStructureSchema = HeaderSchema.extend({
  orderId: z.string().min(1),
  orderUpdateId: Uint32Schema,
  zoneSetId: z.string().optional(),
  nodes: z.array(OrderNodeSchema),
  edges: z.array(OrderEdgeSchema),
});
export type OrderStructure = z.infer<typeof OrderStructureSchema>;

/** A valid 2.1 order: structure plus the order rules, each violation an issue at its exact path. */
export const OrderSchema = OrderStructureSchema.superRefine((order, ctx) => {
  for (const issue of orderRuleIssues(order)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type Order = z.infer<typeof OrderSchema>;
