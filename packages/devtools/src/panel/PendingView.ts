// SPDX-License-Identifier: MIT
import { h, setText } from './dom.js';
import { clockTime, compactJson, relativeTime } from './format.js';
import type { Snapshot } from './snapshot.js';

/**
 * Triggers that fired while their task's conditions did not hold (they run once the conditions do), and
 * retries waiting for their due time (then for the conditions too).
 */
export class PendingView {
  readonly element: HTMLElement;
  readonly #list = h('ul', { class: 'list compact' });
  readonly #count = h('span', { class: 'count' });
  readonly #empty = h('p', { class: 'empty' }, 'Nothing waits on conditions or a retry.');

  constructor() {
    this.element = h('section', { class: 'pending', 'aria-labelledby': 'bgkit-pending-title', dataset: { section: 'pending' } },
      h('h2', { id: 'bgkit-pending-title' }, 'Pending triggers ', this.#count), this.#empty, this.#list);
  }

  update(snapshot: Snapshot): void {
    const conditionsOf = new Map(snapshot.registrations.map((r) => [r.taskId, r.conditions.map((c) => c.conditionType).join(', ')]));
    const key = JSON.stringify(snapshot.pending.map((p) => p.id));
    if (this.#list.dataset.key !== key) {
      this.#list.dataset.key = key;
      this.#list.replaceChildren(
        ...snapshot.pending.map((p) => {
          // What the trigger waits for: its retry's time, then (or only) its task's conditions.
          const conditions = conditionsOf.get(p.taskId);
          const details = p.triggerDetails ?? null;
          return h(
            'li',
            { class: 'pending-item', dataset: { pendingId: p.id, taskId: p.taskId } },
            h('strong', {}, p.name),
            ' ',
            p.source === 'simulated' ? h('span', { class: 'badge simulated' }, 'simulated') : h('span', { class: 'source' }, p.source),
            ' ',
            h('time', { class: 'time', dateTime: new Date(p.createdAt).toISOString() }, clockTime(p.createdAt)),
            h('span', { class: 'age' }),
            h('div', { class: 'details' }, 'waits for: ',
              p.dueAt === undefined ? '' : h('span', { class: 'retry' }, `attempt ${p.attempt ?? '?'} at `, h('time', { dateTime: new Date(p.dueAt).toISOString() }, clockTime(p.dueAt)), conditions ? ', then ' : ''),
              p.dueAt !== undefined && !conditions ? '' : h('code', {}, conditions || '?'),
              details === null ? '' : ' · ', details === null ? '' : h('code', {}, compactJson(details, 100))),
          );
        }),
      );
    }
    snapshot.pending.forEach((p, i) => {
      const age = this.#list.children[i]?.querySelector('.age');
      if (age) setText(age, ` (${relativeTime(p.createdAt, snapshot.at)})`);
    });
    setText(this.#count, String(snapshot.pending.length));
    this.#empty.hidden = snapshot.pending.length > 0;
  }
}
