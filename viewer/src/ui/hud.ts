/**
 * The HUD panel: fleet by state, deliveries of the last hour by direction, the order queue,
 * clearance P50/P95, alarms and the feed's connection status. Words come from model/hud-model.ts.
 */
import { LOOK_COLORS } from '../model/draw-lists.ts';
import type { HudView } from '../model/hud-model.ts';
import type { ReplayStats } from '../model/replay.ts';
import type { VehicleLook } from '../model/view-types.ts';
import { byId, el, fill, pairs, setText } from './dom.ts';

export interface Hud {
  /** Shows a live view of the feed. */
  show(view: HudView): void;
  /** Shows what a replay knows at its current time. */
  showReplay(clock: string, fleet: readonly { readonly look: VehicleLook; readonly count: number }[], stats: ReplayStats): void;
  /** The connection line (#conn-status); `kind` is a data attribute for styling and tests. */
  status(text: string, kind: string): void;
}

export function createHud(): Hud {
  const vehicles = byId('hud-vehicles');
  const clock = byId('hud-clock');
  const flags = byId('hud-flags');
  const fleet = byId('hud-fleet');
  const throughput = byId('hud-throughput');
  const queue = byId('hud-queue');
  const p50 = byId('hud-clearance-p50');
  const p95 = byId('hud-clearance-p95');
  const alarms = byId('hud-alarms');
  const alarmCount = byId('hud-alarm-count');
  const conn = byId('conn-status');
  // Lists are rebuilt only when their content changed: keeps layout work off the 10 Hz path.
  const keys = new Map<Element, string>();
  const fillIf = (parent: Element, key: string, nodes: () => Node[]) => {
    if (keys.get(parent) === key) return;
    keys.set(parent, key);
    fill(parent, nodes());
  };

  return {
    show(v) {
      setText(vehicles, String(v.vehicles));
      setText(clock, v.clock);
      setText(flags, v.flags.join(' · '));
      fillIf(fleet, JSON.stringify(v.fleet), () => v.fleet.map((f) => fleetItem(f.state, f.count)));
      fillIf(throughput, JSON.stringify(v.throughput), () => pairs(v.throughput.map((t) => [t.direction, `${t.moves} moves · ${t.tonnes}`])));
      fillIf(queue, JSON.stringify(v.queue), () => pairs(v.queue.map((q) => [q.label, String(q.count)])));
      setText(p50, v.clearance.p50);
      setText(p95, v.clearance.p95);
      setText(alarmCount, String(v.alarms.length));
      fillIf(alarms, JSON.stringify(v.alarms), () =>
        v.alarms.length === 0
          ? [el('li', 'none', { class: 'empty' })]
          : v.alarms.map((a) => {
              const li = el('li', a.text, { 'data-severity': a.severity, 'data-alarm-id': a.id });
              li.append(el('span', a.age, { class: 'age' }));
              return li;
            }),
      );
    },
    showReplay(clockText, looks, s) {
      setText(vehicles, String(looks.reduce((n, l) => n + l.count, 0)));
      setText(clock, clockText);
      setText(flags, '');
      fillIf(fleet, `r${JSON.stringify(looks)}`, () => [
        ...looks.map((f) => fleetItem(f.look, f.count)),
        el('li', 'from motion and orders: a trace records no states', { class: 'note' }),
      ]);
      fillIf(throughput, `r${s.deliveredLastHour}`, () => pairs([['both ways', `${s.deliveredLastHour} moves`]]));
      fillIf(queue, `r${s.created}/${s.delivered}/${s.failed}/${s.onBoard}`, () =>
        pairs([['created', String(s.created)], ['delivered', String(s.delivered)], ['failed', String(s.failed)], ['on board', String(s.onBoard)]]),
      );
      setText(p50, '–');
      setText(p95, '–');
      setText(alarmCount, '0');
      fillIf(alarms, 'replay', () => [el('li', 'not recorded in a trace', { class: 'empty' })]);
    },
    status(text, kind) {
      setText(conn, text);
      conn.dataset.kind = kind;
    },
  };
}

/** One fleet entry: colour swatch (the scene's colour for that look), name and count. */
function fleetItem(look: VehicleLook, count: number): HTMLLIElement {
  const li = el('li', '', { 'data-state': look, 'data-count': String(count), title: look });
  li.append(el('span', '', { class: 'swatch', style: `background:${LOOK_COLORS[look]}` }), el('span', `${look} ${count}`));
  return li;
}
