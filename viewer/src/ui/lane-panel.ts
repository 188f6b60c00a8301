/**
 * The lanes panel: every lane of the map in a list, the closed ones marked, and Close / Open for
 * the lane picked. Closure state comes from GET /api/v1/lanes (polled by main.ts).
 */
import { byId, el, setText } from './dom.ts';
import type { ActionOutcome, OperatorActions } from './operator-actions.ts';

export interface LaneItem {
  readonly id: string;
  readonly kind: string;
  readonly closed: boolean;
}

export interface LanePanel {
  /** Shows `lanes` (map order); keeps the lane picked. */
  setLanes(lanes: readonly LaneItem[]): void;
  /** Picks lane `id` in the list (e.g. the selected vehicle's lane). */
  pick(id: string): void;
  setOperable(on: boolean, hint?: string): void;
  /** Hides the panel (replay mode). */
  setVisible(on: boolean): void;
}

export function createLanePanel(actions: OperatorActions): LanePanel {
  const root = byId('lanes');
  const select = byId<HTMLSelectElement>('lane-select');
  const count = byId('lanes-closed-count');
  const result = byId('lane-result');
  const close = byId<HTMLButtonElement>('btn-lane-close');
  const open = byId<HTMLButtonElement>('btn-lane-open');
  let key = '';
  const report = (r: ActionOutcome) => {
    result.textContent = r.message;
    result.dataset.ok = String(r.ok);
  };
  for (const [b, action] of [[close, 'close'], [open, 'open']] as const) {
    b.addEventListener('click', () => {
      if (!select.value) return;
      report({ ok: true, message: '…' });
      void actions.lane(select.value, action).then(report);
    });
  }
  return {
    setLanes(lanes) {
      const k = lanes.map((l) => `${l.id}${l.closed ? '!' : ''}`).join();
      if (k === key) return;
      key = k;
      const picked = select.value;
      select.replaceChildren(...lanes.map((l) => el('option', `${l.id} · ${l.kind}${l.closed ? ' · CLOSED' : ''}`, { value: l.id })));
      if (picked) select.value = picked;
      setText(count, String(lanes.filter((l) => l.closed).length));
    },
    pick(id) {
      if ([...select.options].some((o) => o.value === id)) select.value = id;
    },
    setOperable(on, hint = '') {
      for (const b of [close, open]) {
        b.disabled = !on;
        b.title = hint;
      }
    },
    setVisible(on) {
      root.hidden = !on;
    },
  };
}
