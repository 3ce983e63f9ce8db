// SPDX-License-Identifier: MIT
import { h, setText } from './dom.js';

/** One line that says what the last action did; announced politely to screen readers. */
export class StatusLine {
  readonly element = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });

  say(text: string, kind: 'ok' | 'error' = 'ok'): void {
    this.element.dataset.kind = kind;
    setText(this.element, text);
  }
}
