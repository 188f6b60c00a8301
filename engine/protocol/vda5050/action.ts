/**
 * VDA 5050 2.1 actions (node, edge and instant actions share one shape).
 */
import { z } from 'zod';

export const BLOCKING_TYPES = ['NONE', 'SOFT', 'HARD'] as const;
export const BlockingTypeSchema = z.enum(BLOCKING_TYPES);
export type BlockingType = z.infer<typeof BlockingTypeSchema>;

/** The 2.1 schema allows array, boolean, number, string or object values — any JSON but null. */
export const ActionParameterValueSchema = z.json().refine((v) => v !== null, 'value must not be null');

export const ActionParameterSchema = z.object({
  key: z.string().min(1),
  value: ActionParameterValueSchema,
});
export type ActionParameter = z.infer<typeof ActionParameterSchema>;

export const ActionSchema = z.object({
  actionType: z.string().min(1),
  actionId: z.string().min(1),
  actionDescription: z.string().optional(),
  blockingType: BlockingTypeSchema,
  actionParameters: z.array(ActionParameterSchema).optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/** The predefined 2.1 action types our vehicles and master support. */
export const ACTION_TYPES = [
  'pick',
  'drop',
  'startCharging',
  'stopCharging',
  'startPause',
  'stopPause',
  'cancelOrder',
  'stateRequest',
  'factsheetRequest',
  'initPosition',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Value of the first parameter named `key`, or undefined when the action has none. */
export function actionParam(action: Action, key: string): ActionParameter['value'] | undefined {
  return action.actionParameters?.find((p) => p.key === key)?.value;
}
