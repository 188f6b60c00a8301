/** VDA 5050 2.1 `connection` (retained, QoS 1 — acknowledged on our WebSocket link). */
import { z } from 'zod';
import { HeaderSchema } from './header.ts';

export const CONNECTION_STATES = ['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN'] as const;
export const ConnectionStateSchema = z.enum(CONNECTION_STATES);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const ConnectionSchema = HeaderSchema.extend({
  connectionState: ConnectionStateSchema,
});
export type Connection = z.infer<typeof ConnectionSchema>;
