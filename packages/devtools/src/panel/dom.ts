// SPDX-License-Identifier: MIT
// A tiny helper for building DOM: h('button', { type: 'button', onclick }, 'Fire').
type Child = Node | string | null | undefined | false;
type Props = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'class') {
      node.className = String(value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key in node && !key.includes('-') && key !== 'list' && key !== 'form') {
      (node as unknown as Record<string, unknown>)[key] = value;
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** Sets text only when it changed, so screen readers and selections are not disturbed by each refresh. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

let ids = 0;
/** A unique id for label/aria wiring inside the shadow root. */
export function uid(prefix: string): string {
  return `${prefix}-${++ids}`;
}

/**
 * Keeps `list` showing one element per entry, in order: an entry's item is made once (so what a user typed
 * in it stays), updated on every call, moved into place, and dropped with its entry.
 */
export function reconcile<E, I extends { element: Element }>(
  list: Element,
  items: Map<string, I>,
  entries: readonly E[],
  key: (entry: E) => string,
  make: (entry: E) => I,
  update: (item: I, entry: E) => void,
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const id = key(entry);
    seen.add(id);
    let item = items.get(id);
    if (!item) items.set(id, (item = make(entry)));
    update(item, entry);
    if (list.children[index] !== item.element) list.insertBefore(item.element, list.children[index] ?? null);
  });
  for (const [id, item] of items) {
    if (!seen.has(id)) {
      item.element.remove();
      items.delete(id);
    }
  }
}
