/**
 * The viewer's boot: reads ?token=, ?replay=<url>, ?map=<url> and ?mode=replay, loads the map,
 * builds the scene and the panels, then runs live (the IOC feed) or a replay (a trace.jsonl from
 * the URL or the file input; picking a file switches a live page to replay; ?mode=replay waits for
 * a file without connecting the feed). Tests reach the page through `window.__igv`.
 */
import { createApiClient } from './feed/api-client.ts';
import { loadMap } from './feed/map-source.ts';
import { parseTrace } from './model/replay.ts';
import { createGateScene } from './scene/gate-scene.ts';
import { bindCameraPresets } from './ui/camera-presets.ts';
import { createDetailsPanel } from './ui/details-panel.ts';
import { byId } from './ui/dom.ts';
import type { GateScene, GateView } from './ui/gate-view.ts';
import { createHud } from './ui/hud.ts';
import { createLanePanel } from './ui/lane-panel.ts';
import { startLive, type LiveMode } from './ui/live-mode.ts';
import { createOperatorActions } from './ui/operator-actions.ts';
import { createReplayBar } from './ui/replay-bar.ts';
import { startReplay, type ReplayMode } from './ui/replay-mode.ts';

/** What end-to-end tests may call on the page. */
export interface IgvTestHandle {
  readonly scene: GateScene;
  /** `feedDigest` of the feed mirror (compare with the server's); '' in replay mode. */
  mirrorDigest(): string;
  /** Vehicles drawn: in the mirror (live) or in the replay frame. */
  vehicleCount(): number;
  /** Selects vehicle `id` (null clears), as a click on it would. */
  select(id: string | null): void;
  /** 'replay' once a trace is loaded, 'live' while the feed drives the view, 'none' before either. */
  mode(): 'live' | 'replay' | 'none';
  /** Replay only: moves the play head to engine time `tMs`. */
  seek(tMs: number): void;
}

declare global {
  interface Window {
    __igv?: IgvTestHandle;
  }
}

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const api = createApiClient(token);
const hud = createHud();
const bar = createReplayBar();

function fatal(message: string): void {
  byId('boot-error').textContent = message;
  hud.status(message, 'error');
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

async function boot(): Promise<void> {
  hud.status('loading the map…', 'connecting');
  const loaded = await loadMap(params.get('map'), api);
  if (!loaded.ok) return fatal(token || params.get('map') ? loaded.message : `${loaded.message} (open the page with ?token=…)`);
  const map = loaded.map;
  const scene = createGateScene(byId('scene'), map);
  let selected: string | null = null;
  let live: LiveMode | null = null;
  let replay: ReplayMode | null = null;

  const actions = createOperatorActions(api, () => live?.refreshLanes());
  const details = createDetailsPanel(actions);
  const lanes = createLanePanel(actions);
  const view: GateView = { scene, hud, details, lanes, selected: () => selected };

  const select = (id: string | null) => {
    selected = id;
    (live ?? replay)?.refreshSelection();
    if (id !== null && live) {
      const v = live.client.mirror.state().vehicles[id];
      if (v) lanes.pick(v.lane);
    }
  };
  scene.onPick(select);
  details.onClose(() => select(null));
  bindCameraPresets((p) => scene.preset(p));

  const playTrace = (text: string, label: string) => {
    let timeline;
    try {
      timeline = parseTrace(text);
    } catch (e) {
      bar.message(e instanceof Error ? e.message : String(e));
      return;
    }
    live?.stop();
    live = null;
    replay?.stop();
    replay = startReplay(view, bar, timeline, label);
    select(selected);
  };
  bar.onFile((file) => {
    bar.message(`reading ${file.name}…`);
    void file.text().then((text) => playTrace(text, file.name), (e: unknown) => bar.message(`${file.name}: ${String(e)}`));
  });

  window.__igv = {
    scene,
    mirrorDigest: () => live?.client.mirror.digest() ?? '',
    vehicleCount: () => (live ?? replay)?.vehicleCount() ?? 0,
    select,
    mode: () => (replay ? 'replay' : live ? 'live' : 'none'),
    seek: (tMs) => {
      if (replay) bar.seek(tMs);
    },
  };
  window.addEventListener('pagehide', () => {
    live?.stop();
    scene.dispose();
  });

  const replayUrl = params.get('replay');
  if (replayUrl) {
    bar.message(`loading ${replayUrl}…`);
    try {
      playTrace(await fetchText(replayUrl), replayUrl.split('/').pop() ?? replayUrl);
    } catch (e) {
      fatal(`replay: ${e instanceof Error ? e.message : String(e)}`);
    }
    return;
  }
  if (params.get('mode') === 'replay') {
    hud.status('replay: open a trace (trace.jsonl) below', 'replay');
    details.setOperable(false, 'not available in a replay');
    lanes.setVisible(false);
    return;
  }
  live = startLive(view, map, token, api);
}

boot().catch((e: unknown) => fatal(`viewer failed to start: ${e instanceof Error ? e.message : String(e)}`));
