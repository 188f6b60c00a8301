/**
 * Live mode: the feed drives the scene, the HUD and the details panel; closed lanes come from
 * GET /api/v1/lanes every 5 s (and right after a lane action).
 */
import type { IgvMap } from '../../../maps/schema/map-schema.ts';
import type { ApiClient } from '../feed/api-client.ts';
import { connectFeed, feedUrl, type FeedClient } from '../feed/feed-client.ts';
import { statusText } from '../feed/feed-status.ts';
import { selectionOf, vehicleDraws } from '../model/draw-lists.ts';
import { hudView, laneLengths, vehicleDetails } from '../model/hud-model.ts';
import type { GateView } from './gate-view.ts';

const LANES_POLL_MS = 5_000;
const IOC_HINT = 'an IOC token may only watch: the API refuses this (403); use an operator token';

export interface LiveMode {
  readonly client: FeedClient;
  vehicleCount(): number;
  /** Redraws the selection (after the selected id changed). */
  refreshSelection(): void;
  /** Fetches the lanes now. */
  refreshLanes(): void;
  stop(): void;
}

export function startLive(view: GateView, map: IgvMap, token: string, api: ApiClient): LiveMode {
  const { scene, hud, details, lanes } = view;
  const lengths = laneLengths(map);
  const client = connectFeed({ url: feedUrl(location, token) });
  let stopped = false;

  details.setOperable(true);
  lanes.setOperable(true);
  lanes.setVisible(true);
  lanes.setLanes(map.lanes.map((l) => ({ id: l.id, kind: l.kind, closed: false })));

  const selection = () => {
    const id = view.selected();
    const state = client.mirror.state();
    if (id === null) {
      details.show(null, null);
      scene.setSelection(null);
      return;
    }
    details.show(id, vehicleDetails(state, id, lengths));
    scene.setSelection(selectionOf(state, id, map));
  };
  client.onStatus((s) => {
    hud.status(statusText(s), s.kind);
    if (s.kind === 'live') {
      const hint = s.role === 'ioc' ? IOC_HINT : '';
      details.setOperable(true, hint);
      lanes.setOperable(true, hint);
    }
  });
  // Hovering shows a vehicle's route and held space too, fainter than the selection's.
  let hovered: string | null = null;
  const hover = () => scene.setHover(hovered === null ? null : selectionOf(client.mirror.state(), hovered, map));
  scene.onHover((id) => {
    if (stopped) return;
    hovered = id;
    hover();
  });
  client.onState((state) => {
    if (stopped) return;
    scene.setVehicles(vehicleDraws(state), performance.now());
    hud.show(hudView(state));
    selection();
    if (hovered !== null) hover();
  });

  let lanesMessage = '';
  const refreshLanes = async () => {
    const r = await api.get<{ items: { id: string; kind: string; closed: boolean }[] }>('/lanes');
    if (stopped) return;
    if (!r.ok) {
      if (r.message !== lanesMessage) console.warn(`viewer: lanes: ${r.message}`);
      lanesMessage = r.message;
      return;
    }
    lanesMessage = '';
    lanes.setLanes(r.value.items);
    scene.setClosedLanes(r.value.items.filter((l) => l.closed).map((l) => l.id));
  };
  void refreshLanes();
  const poll = setInterval(() => void refreshLanes(), LANES_POLL_MS);

  return {
    client,
    vehicleCount: () => Object.keys(client.mirror.state().vehicles).length,
    refreshSelection: selection,
    refreshLanes: () => void refreshLanes(),
    stop() {
      stopped = true;
      clearInterval(poll);
      scene.setHover(null);
      client.close();
    },
  };
}
