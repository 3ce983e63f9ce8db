// SPDX-License-Identifier: MIT
// The entry of the in-page panel: a launcher button in a <bgkit-devtools> element. The panel's UI is a
// separate chunk, imported the first time the panel opens.
import { BgkitError } from '@bgkit/protocol';
import { defineDevtoolsElement, TAG_NAME } from './element.js';
import { launcherStyles } from './launcherStyles.js';
import type { BgkitDevtoolsHandle, BgkitDevtoolsOptions, PanelInstance, PanelModule } from './options.js';
import { isShortcut, SHORTCUT_LABEL } from './shortcut.js';
import { styleElement } from './styleElement.js';

const loadPanel = (): Promise<PanelModule> => import('./panel/BgkitPanel.js');

/**
 * Mounts the bgkit devtools panel in the page: a small launcher button (and Alt+Shift+B) opens it, Escape
 * closes it. Simulations need the service worker to call `enableDevtools()` (from `@bgkit/sw`).
 */
export function mountBgkitDevtools(options: BgkitDevtoolsOptions = {}): BgkitDevtoolsHandle {
  if (typeof options !== 'object' || options === null) throw new BgkitError('invalid-argument', 'mountBgkitDevtools() takes an options object.');
  const { position = 'right', nonce } = options;
  if (!['right', 'bottom', 'floating'].includes(position)) {
    throw new BgkitError('invalid-argument', `position must be 'right', 'bottom' or 'floating', not ${String(position)}.`, { position });
  }
  if (nonce !== undefined && typeof nonce !== 'string') throw new BgkitError('invalid-argument', 'nonce must be a string.', { nonce });
  if (options.container !== undefined && !(options.container instanceof HTMLElement)) {
    throw new BgkitError('invalid-argument', 'container must be an HTMLElement.');
  }
  defineDevtoolsElement();
  const element = document.createElement(TAG_NAME);
  const shadow = element.shadowRoot!;

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.textContent = 'bg';
  launcher.title = `bgkit devtools (${SHORTCUT_LABEL})`;
  launcher.setAttribute('aria-label', 'Open bgkit devtools');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'bgkit-panel');
  launcher.setAttribute('aria-keyshortcuts', 'Alt+Shift+B');

  const frame = document.createElement('aside');
  frame.id = 'bgkit-panel';
  frame.className = 'frame';
  frame.dataset.position = position;
  frame.setAttribute('aria-label', 'bgkit devtools');
  frame.hidden = true;

  shadow.append(styleElement(launcherStyles, nonce), launcher, frame);

  let panel: Promise<PanelInstance> | undefined;
  let isOpen = false;
  let unmounted = false;

  const handle: BgkitDevtoolsHandle = {
    element,
    async open() {
      if (unmounted) return;
      isOpen = true;
      frame.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      element.dataset.open = '';
      if (!panel) {
        const loading = document.createElement('p');
        loading.className = 'loading';
        loading.textContent = 'Loading…';
        frame.append(loading);
        panel = loadPanel().then((module) => {
          loading.remove();
          return module.createPanel({ root: frame, addStyle: (css) => frame.before(styleElement(css, nonce)), shortcut: SHORTCUT_LABEL, close: () => handle.close() });
        });
        panel.catch((error: unknown) => {
          loading.textContent = `The panel could not load: ${error instanceof Error ? error.message : String(error)}`;
          panel = undefined;
        });
      }
      const instance = await panel;
      if (!isOpen || unmounted) return;
      instance.show();
      instance.focus();
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      frame.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      delete element.dataset.open;
      void panel?.then((p) => p.hide(), () => undefined);
      // Focus was in the panel: give it back to the launcher rather than losing it to <body>.
      if (shadow.activeElement && shadow.activeElement !== launcher) launcher.focus();
    },
    toggle() {
      if (isOpen) {
        handle.close();
        return Promise.resolve();
      }
      return handle.open();
    },
    unmount() {
      unmounted = true;
      handle.close();
      document.removeEventListener('keydown', onKey, true);
      void panel?.then((p) => p.destroy(), () => undefined);
      element.remove();
    },
  };

  function onKey(event: KeyboardEvent): void {
    if (isShortcut(event)) {
      event.preventDefault();
      handle.toggle().catch(() => undefined);
    } else if (event.key === 'Escape' && isOpen && event.composedPath().includes(element)) {
      event.preventDefault();
      handle.close();
    }
  }

  // A panel that fails to load says so in its frame; these internal opens need no rejection of their own.
  launcher.addEventListener('click', () => void handle.open().catch(() => undefined));
  document.addEventListener('keydown', onKey, true);
  (options.container ?? document.body).append(element);
  if (options.open) void handle.open().catch(() => undefined);
  return handle;
}
