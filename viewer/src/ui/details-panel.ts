/**
 * The selected vehicle's panel (#details, `data-vehicle-id` = the selection): state, battery,
 * cargo, task, route, problems, and the operator buttons. Live mode fills it from the feed
 * (model/hud-model.ts `vehicleDetails`); replay mode from what the trace knows.
 */
import type { DetailsView } from '../model/hud-model.ts';
import { byId, el, fill, setText } from './dom.ts';
import type { ActionOutcome, OperatorActions, VehicleAction } from './operator-actions.ts';

export interface DetailsPanel {
  /** Live: the vehicle's details, or "not in the feed" when `view` is null; `id` null hides the panel. */
  show(id: string | null, view: DetailsView | null): void;
  /** Replay: the few facts a trace has. */
  showReplay(id: string, facts: readonly (readonly [string, string])[], cargo: readonly string[]): void;
  /** Enables the operator buttons (live) or not (replay); `hint` becomes their tooltip. */
  setOperable(on: boolean, hint?: string): void;
  onClose(cb: () => void): void;
}

const FIELDS = ['state', 'battery', 'speed', 'task', 'lane', 'route'] as const;

export function createDetailsPanel(actions: OperatorActions): DetailsPanel {
  const root = byId('details');
  const idEl = byId('details-id');
  const fields = Object.fromEntries(FIELDS.map((f) => [f, byId(`details-${f}`)])) as Record<(typeof FIELDS)[number], HTMLElement>;
  const cargo = byId('details-cargo');
  const problems = byId('details-problems');
  const result = byId('action-result');
  const buttons: [HTMLButtonElement, VehicleAction | 'close-lane' | 'open-lane'][] = [
    [byId<HTMLButtonElement>('btn-pause'), 'pause'],
    [byId<HTMLButtonElement>('btn-resume'), 'resume'],
    [byId<HTMLButtonElement>('btn-charge'), 'charge'],
    [byId<HTMLButtonElement>('btn-lane-close-current'), 'close-lane'],
    [byId<HTMLButtonElement>('btn-lane-open-current'), 'open-lane'],
  ];
  let current: string | null = null;
  let lane: string | null = null;
  let closeCb: () => void = () => undefined;
  let keyCargo = '', keyProblems = '';

  const report = (r: ActionOutcome) => {
    result.textContent = r.message;
    result.dataset.ok = String(r.ok);
  };
  for (const [b, action] of buttons) {
    b.addEventListener('click', () => {
      const id = current;
      if (!id) return;
      report({ ok: true, message: '…' });
      const p = action === 'close-lane' || action === 'open-lane'
        ? lane ? actions.lane(lane, action === 'close-lane' ? 'close' : 'open') : Promise.resolve({ ok: false, message: 'the vehicle is on no known lane' })
        : actions.vehicle(id, action);
      void p.then(report);
    });
  }
  byId('details-close').addEventListener('click', () => closeCb());

  const select = (id: string) => {
    if (current !== id) {
      result.textContent = '';
      delete result.dataset.ok;
    }
    current = id;
    root.dataset.vehicleId = id;
    root.hidden = false;
    setText(idEl, id);
  };
  const list = (parent: HTMLElement, items: readonly string[], empty: string) =>
    fill(parent, items.length ? items.map((t) => el('li', t)) : [el('li', empty, { class: 'empty' })]);

  return {
    show(id, view) {
      if (id === null) {
        current = null;
        lane = null;
        root.dataset.vehicleId = '';
        root.hidden = true;
        return;
      }
      select(id);
      lane = view ? view.laneId : null;
      for (const f of FIELDS) setText(fields[f], view ? view[f] : f === 'state' ? 'not in the feed' : '–');
      const c = view ? view.cargo.map((x) => x.text) : [];
      const p = view ? view.problems : [];
      const kc = JSON.stringify(c), kp = JSON.stringify(p);
      if (kc !== keyCargo) list(cargo, c, 'empty');
      if (kp !== keyProblems) list(problems, p, 'none');
      keyCargo = kc;
      keyProblems = kp;
    },
    showReplay(id, facts, carried) {
      select(id);
      lane = null;
      const byName = new Map(facts);
      for (const f of FIELDS) setText(fields[f], byName.get(f) ?? '–');
      keyCargo = keyProblems = '';
      list(cargo, carried, 'empty');
      list(problems, [], 'not recorded in a trace');
    },
    setOperable(on, hint = '') {
      for (const [b] of buttons) {
        b.disabled = !on;
        b.title = hint;
      }
    },
    onClose(cb) {
      closeCb = cb;
    },
  };
}
