/** VDA 5050 2.1 `visualization`: header plus optional position and velocity, sent at a higher rate than state. */
import type { z } from 'zod';
import { HeaderSchema } from './header.ts';
import { AgvPositionSchema, VelocitySchema } from './state.ts';

export const VisualizationSchema = HeaderSchema.extend({
  agvPosition: AgvPositionSchema.optional(),
  velocity: VelocitySchema.optional(),
});
export type Visualization = z.infer<typeof VisualizationSchema>;
