/**
 * Replay mode: a parsed trace drives the same scene through the replay bar's play head. The HUD
 * shows the order counts the trace has; the operator panels are off.
 */
import { formatClock } from '../model/hud-model.ts';
import type { ReplayTimeline } from '../model/replay.ts';
import type { VehicleDraw, VehicleLook } from '../model/view-types.ts';
import type { ReplayBar } from './replay-bar.ts';
import type { GateView } from './gate-view.ts';

export interface ReplayMode {
  readonly timeline: ReplayTimeline;
  vehicleCount(): number;
  refreshSelection(): void;
  stop(): void;
}

/** Shows `timeline` from its start; `label` names the recording in the status line. */
export function startReplay(view: GateView, bar: ReplayBar, timeline: ReplayTimeline, label: string): ReplayMode {
  const { scene, hud, details, lanes } = view;
  let frame: VehicleDraw[] = [];
  let tMs = timeline.startMs;
  let stopped = false;

  hud.status(`replay · ${label}`, 'replay');
  details.setOperable(false, 'not available in a replay');
  lanes.setVisible(false);
  scene.setClosedLanes([]);

  const selection = () => {
    const id = view.selected();
    const v = id === null ? undefined : frame.find((d) => d.id === id);
    if (id === null) {
      details.show(null, null);
      scene.setSelection(null);
      return;
    }
    const carried = timeline.carriedAt(id, tMs);
    details.showReplay(
      id,
      v
        ? [['state', `${v.look} (from motion)`], ['lane', `x ${v.x.toFixed(1)} m, y ${v.y.toFixed(1)} m`], ['speed', '–'], ['battery', 'not recorded']]
        : [['state', 'not in the recording at this time']],
      carried.map((o) => `order ${o}`),
    );
    scene.setSelection(v ? { id, route: null, held: null } : null);
  };
  const draw = (t: number) => {
    if (stopped) return;
    tMs = t;
    frame = timeline.frameAt(t);
    scene.setVehicles(frame, performance.now());
    hud.showReplay(formatClock(t), looksOf(frame), timeline.statsAt(t));
    selection();
  };
  bar.onTime(draw);
  bar.load(timeline.startMs, timeline.endMs);

  return {
    timeline,
    vehicleCount: () => frame.length,
    refreshSelection: selection,
    stop() {
      stopped = true;
      bar.play(false);
    },
  };
}

const REPLAY_LOOKS: readonly VehicleLook[] = ['driving', 'waiting', 'idle'];

/** Vehicles of a replay frame by look (a trace yields only these three). */
function looksOf(frame: readonly VehicleDraw[]): { look: VehicleLook; count: number }[] {
  return REPLAY_LOOKS.map((look) => ({ look, count: frame.filter((d) => d.look === look).length }));
}
