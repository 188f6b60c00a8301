/** The camera preset buttons (#camera-presets [data-preset]): each flies the scene's camera there. */
import type { CameraPreset } from '../model/view-types.ts';
import { byId } from './dom.ts';

const PRESETS: readonly CameraPreset[] = ['overview', 'bridge', 'vn-yard', 'cn-yard'];

/** Wires the buttons to `go`; the last one pressed is marked aria-pressed. */
export function bindCameraPresets(go: (p: CameraPreset) => void): void {
  const nav = byId('camera-presets');
  const buttons = [...nav.querySelectorAll<HTMLButtonElement>('button[data-preset]')];
  const mark = (p: CameraPreset) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.preset === p));
  };
  for (const b of buttons) {
    const p = b.dataset.preset as CameraPreset;
    if (!PRESETS.includes(p)) continue;
    b.addEventListener('click', () => {
      go(p);
      mark(p);
    });
  }
  mark('overview');
}
