// SPDX-License-Identifier: MIT
/** The keyboard shortcut that opens and closes the panel: Alt+Shift+B (by key position, so layouts and macOS's Option agree). */
export const SHORTCUT_LABEL = 'Alt+Shift+B';

export function isShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyB' || event.key.toLowerCase() === 'b');
}
