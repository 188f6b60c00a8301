/** VDA 5050 2.1 `instantActions` (2.x field name `actions`). */
import { z } from 'zod';
import { HeaderSchema } from './header.ts';
import { ActionSchema } from './action.ts';

export const InstantActionsSchema = HeaderSchema.extend({
  actions: z.array(ActionSchema).min(1, 'instantActions needs at least one action'),
});
export type InstantActions = z.infer<typeof InstantActionsSchema>;
