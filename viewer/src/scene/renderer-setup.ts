/**
 * The WebGL renderer and the label overlay inside the page's container, kept at the container's
 * size. `preserveDrawingBuffer` lets tests read pixels; no post-processing, so SwiftShader copes.
 */
import { WebGLRenderer } from 'three';
import { CSS2DRenderer } from 'three/examples/jsm/renderers/CSS2DRenderer.js';

export interface RendererHandle {
  readonly renderer: WebGLRenderer;
  readonly labels: CSS2DRenderer;
  readonly canvas: HTMLCanvasElement;
  /** CSS px. */
  size(): { width: number; height: number };
  /** Called after each resize with the new size (CSS px). */
  onResize(cb: (width: number, height: number) => void): void;
  dispose(): void;
}

export const BACKGROUND = '#0d1117';

export function createRenderer(container: HTMLElement): RendererHandle {
  const renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, 2));
  renderer.setClearColor(BACKGROUND);
  const canvas = renderer.domElement;
  canvas.style.display = 'block';
  canvas.dataset.testid = 'scene-canvas';
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  container.appendChild(canvas);

  const labels = new CSS2DRenderer();
  const overlay = labels.domElement;
  overlay.style.position = 'absolute';
  overlay.style.inset = '0';
  overlay.style.pointerEvents = 'none'; // clicks go to the canvas
  overlay.style.overflow = 'hidden';
  container.appendChild(overlay);

  let width = 0;
  let height = 0;
  const listeners: ((w: number, h: number) => void)[] = [];
  const resize = () => {
    // A container not laid out yet reports 0: fall back to the window so the first frame is sane.
    const w = container.clientWidth || globalThis.innerWidth || 800;
    const h = container.clientHeight || globalThis.innerHeight || 500;
    if (w === width && h === height) return;
    width = w;
    height = h;
    renderer.setSize(w, h);
    labels.setSize(w, h);
    for (const cb of listeners) cb(w, h);
  };
  resize();
  const observer = new ResizeObserver(resize);
  observer.observe(container);

  return {
    renderer,
    labels,
    canvas,
    size: () => ({ width, height }),
    onResize: (cb) => void listeners.push(cb),
    dispose() {
      observer.disconnect();
      listeners.length = 0;
      renderer.dispose();
      renderer.forceContextLoss();
      canvas.remove();
      overlay.remove();
    },
  };
}
