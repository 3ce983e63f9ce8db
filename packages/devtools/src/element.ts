// SPDX-License-Identifier: MIT
/** The panel's host element: its Shadow DOM keeps the page's styles out and the panel's styles in. */
export const TAG_NAME = 'bgkit-devtools';

/**
 * Defines `<bgkit-devtools>` once. Called by mountBgkitDevtools(), never at import, so importing this package
 * has no side effect (and works where HTMLElement does not exist, as in server-side rendering).
 */
export function defineDevtoolsElement(): void {
  if (customElements.get(TAG_NAME)) return;
  customElements.define(
    TAG_NAME,
    class BgkitDevtoolsElement extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' });
      }
    },
  );
}
