/**
 * What the operator API needs from the server (the composition root wires these).
 */
import type { OrderSpec } from '../../core/model/order.ts';
import type { Access } from '../../runtime/auth/access.ts';
import type { GatePort } from '../../runtime/gate/gate-port.ts';

export interface ApiDeps {
  readonly gate: GatePort;
  readonly access: Access;
  /** The feed's live KPIs object; served as is by GET /api/v1/kpis. */
  readonly kpis: () => unknown;
  /** The retained VDA 5050 `connection` and `factsheet` messages of a vehicle (null when none came). */
  readonly vehicleInfo: (serialNumber: string) => { connection: unknown | null; factsheet: unknown | null };
  /**
   * Records an order durably BEFORE it is submitted (nothing accepted is ever lost). May throw:
   * the API then answers 503 and submits nothing (an `ApiError` thrown here is answered as is).
   */
  readonly acceptOrder: (spec: OrderSpec) => void;
  /** False until recovery is done and the tick loop runs: state-changing requests get 503. */
  readonly ready: () => boolean;
}
