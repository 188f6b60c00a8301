/**
 * Operator commands from the view: pause, resume or charge a vehicle, close or open a lane, as
 * POSTs to the operator API with the page's token. An IOC token is refused by the API (403); the
 * panel shows the API's own message rather than hiding the buttons.
 */
import type { ApiClient } from '../feed/api-client.ts';

export type VehicleAction = 'pause' | 'resume' | 'charge';
export type LaneAction = 'close' | 'open';

export interface ActionOutcome {
  readonly ok: boolean;
  readonly message: string;
}

export interface OperatorActions {
  vehicle(id: string, action: VehicleAction): Promise<ActionOutcome>;
  lane(id: string, action: LaneAction): Promise<ActionOutcome>;
}

const DONE: Record<VehicleAction | LaneAction, string> = { pause: 'paused', resume: 'resumed', charge: 'sent to charge', close: 'closed', open: 'opened' };

/** `onLaneChanged` runs after a lane was closed or opened (to refresh the closed lanes at once). */
export function createOperatorActions(api: ApiClient, onLaneChanged: () => void): OperatorActions {
  return {
    async vehicle(id, action) {
      const r = await api.post(`/vehicles/${encodeURIComponent(id)}/${action}`);
      return r.ok ? { ok: true, message: `${id} ${DONE[action]}` } : { ok: false, message: r.message };
    },
    async lane(id, action) {
      const r = await api.post(`/lanes/${encodeURIComponent(id)}/${action}`);
      if (r.ok) onLaneChanged();
      return r.ok ? { ok: true, message: `lane ${id} ${DONE[action]}` } : { ok: false, message: r.message };
    },
  };
}
