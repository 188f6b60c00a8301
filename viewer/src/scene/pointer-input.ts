/**
 * Pointer input on the canvas, told apart from camera drags: hover (every move), leave, and
 * click (a primary-button press and release within a few px; more is an orbit or pan).
 */

/** A click is a press and release this close together (px). */
export const CLICK_SLOP_PX = 5;

export interface PointerHandlers {
  move(clientX: number, clientY: number): void;
  leave(): void;
  click(clientX: number, clientY: number): void;
}

/** Listens on `el`; returns the function that stops listening. */
export function attachPointer(el: HTMLElement, h: PointerHandlers): () => void {
  let down: { x: number; y: number } | null = null;
  const onMove = (e: PointerEvent) => h.move(e.clientX, e.clientY);
  const onLeave = () => h.leave();
  const onDown = (e: PointerEvent) => {
    down = e.button === 0 ? { x: e.clientX, y: e.clientY } : null;
  };
  const onUp = (e: PointerEvent) => {
    const d = down;
    down = null;
    if (d && e.button === 0 && Math.hypot(e.clientX - d.x, e.clientY - d.y) <= CLICK_SLOP_PX) h.click(e.clientX, e.clientY);
  };
  el.addEventListener('pointermove', onMove);
  el.addEventListener('pointerleave', onLeave);
  el.addEventListener('pointerdown', onDown);
  el.addEventListener('pointerup', onUp);
  return () => {
    el.removeEventListener('pointermove', onMove);
    el.removeEventListener('pointerleave', onLeave);
    el.removeEventListener('pointerdown', onDown);
    el.removeEventListener('pointerup', onUp);
  };
}
