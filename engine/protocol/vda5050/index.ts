/** VDA 5050 2.1 over a WebSocket envelope: schemas, rule checks and the link's error objects. Browser-safe. */
export * from './header.ts';
export * from './action.ts';
export * from './order.ts';
export * from './order-rules.ts';
export * from './instant-actions.ts';
export * from './state.ts';
export * from './visualization.ts';
export * from './connection.ts';
export * from './factsheet.ts';
export * from './link-errors.ts';
export * from './envelope.ts';
export * from './order-acceptance.ts';
export { CorridorSchema, ControlPointSchema } from './geometry.ts';
