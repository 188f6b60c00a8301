/** Tiny DOM helpers for the page's panels (plain DOM, no framework). */

/** The element with `id`; throws when the page lacks it (index.html and the code disagree). */
export function byId<T extends HTMLElement = HTMLElement>(id: string, doc: Document = document): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`viewer: #${id} missing from index.html`);
  return el as T;
}

/** A new element with text content and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** Replaces the children of `parent` with `children`. */
export function fill(parent: Element, children: readonly Node[]): void {
  parent.replaceChildren(...children);
}

/** Sets text only when it changed (keeps the DOM quiet at 10 updates a second). */
export function setText(e: Element, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

/** dt/dd pairs for a <dl>. */
export function pairs(rows: readonly (readonly [string, string])[]): Node[] {
  return rows.flatMap(([k, v]) => [el('dt', k), el('dd', v)]);
}
