// SPDX-License-Identifier: MIT
import { h } from './dom.js';

/** Shown while the worker refuses simulations: says how to turn them on. The read-only views stay live. */
export class Banner {
  readonly element = h(
    'div',
    { class: 'banner', role: 'alert', hidden: true, dataset: { banner: 'devtools-disabled' } },
    h('strong', {}, 'Simulations are off (devtools-disabled). '),
    'This service worker does not accept them. Call ',
    h('code', {}, 'enableDevtools()'),
    ' from ',
    h('code', {}, '@bgkit/sw'),
    ' at the top level of the worker — in development only, e.g. ',
    h('code', {}, 'if (import.meta.env.DEV) enableDevtools()'),
    ' — then reload. Everything below stays live; the simulation buttons are off.',
  );

  show(visible: boolean): void {
    this.element.hidden = !visible;
  }
}
