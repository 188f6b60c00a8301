/** The parts of the page both modes draw on: the scene, the panels and the current selection. */
import type { GateScene } from '../scene/gate-scene.ts';
import type { DetailsPanel } from './details-panel.ts';
import type { Hud } from './hud.ts';
import type { LanePanel } from './lane-panel.ts';

export type { GateScene } from '../scene/gate-scene.ts';

export interface GateView {
  readonly scene: GateScene;
  readonly hud: Hud;
  readonly details: DetailsPanel;
  readonly lanes: LanePanel;
  /** The selected vehicle id, or null. */
  selected(): string | null;
}
