// SPDX-License-Identifier: MIT
// Events that are not one task's own trigger: a push message or a reset of the push channel, a notification
// click or close, a Background Sync.
import { h, uid } from './dom.js';
import type { Simulator } from './Simulator.js';

function labelled(label: string, control: HTMLInputElement | HTMLTextAreaElement): HTMLElement[] {
  control.id = uid('ev');
  return [h('label', { htmlFor: control.id }, label), control];
}

export class EventsView {
  readonly element: HTMLElement;

  constructor(simulator: Simulator) {
    const payload = h('textarea', { rows: 2, spellcheck: false, placeholder: '{"subject": "hello"} (empty: no data)', dataset: { input: 'push-payload' } });
    const tag = h('input', { type: 'text', spellcheck: false, placeholder: 'digest', dataset: { input: 'notification-tag' } });
    const action = h('input', { type: 'text', spellcheck: false, placeholder: '(body)', dataset: { input: 'notification-action' } });
    const syncTag = h('input', { type: 'text', spellcheck: false, placeholder: 'bgkit-internet', dataset: { input: 'sync-tag' } });

    const button = (text: string, name: string, onclick: () => void) => h('button', { type: 'button', dataset: { sim: '', action: name }, onclick }, text);
    const notification = (event: 'click' | 'close') => () =>
      void simulator.run(`Notification ${event}`, () => ({ kind: 'notification', event, tag: tag.value, ...(event === 'click' ? { action: action.value } : {}) }),
        () => `${event === 'click' ? `clicked ${action.value || 'the body'}` : 'closed'}${tag.value ? ` of "${tag.value}"` : ''}`);

    this.element = h(
      'section',
      { class: 'events', 'aria-labelledby': 'bgkit-events-title', dataset: { section: 'events' } },
      h('h2', { id: 'bgkit-events-title' }, 'Events'),
      h('div', { class: 'event', role: 'group', 'aria-label': 'Push message' },
        ...labelled('Push payload', payload),
        h('div', { class: 'buttons' },
          button('Send push', 'push', () => void simulator.run('Push', () => ({ kind: 'push', payload: payload.value === '' ? null : payload.value }), () => 'delivered')),
          // pushsubscriptionchange with neither subscription, as Firefox fires it
          // (https://github.com/w3c/push-api/issues/325): runs controlChannelReset tasks.
          button('Reset push channel', 'pushsubscriptionchange', () => void simulator.run('Push channel reset', () => ({ kind: 'pushsubscriptionchange' }), () => 'pushsubscriptionchange fired')))),
      h('div', { class: 'event', role: 'group', 'aria-label': 'Notification' },
        h('div', { class: 'pair' }, h('div', { class: 'field' }, ...labelled('Notification tag', tag)), h('div', { class: 'field' }, ...labelled('Action', action))),
        h('div', { class: 'buttons' }, button('Click notification', 'notification-click', notification('click')), button('Close notification', 'notification-close', notification('close')))),
      h('div', { class: 'event', role: 'group', 'aria-label': 'Background Sync' },
        ...labelled('Sync tag', syncTag),
        button('Fire sync', 'sync', () =>
          void simulator.run('Sync', () => {
            if (!syncTag.value.trim()) throw new Error('type a sync tag first.');
            return { kind: 'sync', tag: syncTag.value.trim() };
          }, () => `fired "${syncTag.value.trim()}"`))),
    );
  }
}
