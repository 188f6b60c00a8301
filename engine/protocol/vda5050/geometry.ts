/**
 * Geometry shared by orders and states: angles, node positions, NURBS trajectories, corridors.
 * VDA 5050 map frame: metres, radians, counter-clockwise positive.
 */
import { z } from 'zod';

/** An angle in radians, [-π, π] as VDA 5050 requires. */
export const AngleSchema = z.number().min(-Math.PI, 'angle must be in [-π, π] rad').max(Math.PI, 'angle must be in [-π, π] rad');

export const NodePositionSchema = z.object({
  x: z.number(),
  y: z.number(),
  theta: AngleSchema.optional(),
  allowedDeviationXY: z.number().min(0).optional(),
  allowedDeviationTheta: z.number().min(0, 'allowedDeviationTheta must be in [0, π] rad').max(Math.PI, 'allowedDeviationTheta must be in [0, π] rad').optional(),
  mapId: z.string().min(1),
  mapDescription: z.string().optional(),
});
export type NodePosition = z.infer<typeof NodePositionSchema>;

export const ControlPointSchema = z.object({
  x: z.number(),
  y: z.number(),
  weight: z.number().positive().optional(),
});

/** NURBS: knotVector has controlPoints + degree + 1 entries, each in [0, 1]. */
export const TrajectorySchema = z
  .object({
    degree: z.number().int().min(1),
    knotVector: z.array(z.number().min(0).max(1)),
    controlPoints: z.array(ControlPointSchema),
  })
  .superRefine((t, ctx) => {
    const want = t.controlPoints.length + t.degree + 1;
    if (t.knotVector.length !== want) {
      ctx.addIssue({
        code: 'custom',
        path: ['knotVector'],
        message: `knotVector must have controlPoints + degree + 1 = ${want} entries, got ${t.knotVector.length}`,
      });
    }
  });
export type Trajectory = z.infer<typeof TrajectorySchema>;

export const CorridorSchema = z.object({
  leftWidth: z.number().min(0),
  rightWidth: z.number().min(0),
  corridorRefPoint: z.enum(['KINEMATICCENTER', 'CONTOUR']).optional(),
});
