// SPDX-License-Identifier: MIT
import { h, reconcile, setText } from './dom.js';
import type { Simulator } from './Simulator.js';
import type { Snapshot } from './snapshot.js';
import { TaskItem } from './TaskItem.js';

/** Every registration, in no group and in groups. Items are kept across refreshes, so typed arguments stay. */
export class TasksView {
  readonly element: HTMLElement;
  readonly #list = h('ul', { class: 'list' });
  readonly #count = h('span', { class: 'count' });
  readonly #empty = h('p', { class: 'empty' }, 'No task is registered.');
  readonly #items = new Map<string, TaskItem>();
  readonly #simulator: Simulator;

  constructor(simulator: Simulator) {
    this.#simulator = simulator;
    this.element = h('section', { class: 'tasks', 'aria-labelledby': 'bgkit-tasks-title', dataset: { section: 'tasks' } },
      h('h2', { id: 'bgkit-tasks-title' }, 'Tasks ', this.#count), this.#empty, this.#list);
  }

  update(snapshot: Snapshot): void {
    const ordered = [...snapshot.registrations].sort((a, b) => a.name.localeCompare(b.name));
    reconcile(this.#list, this.#items, ordered, (r) => r.taskId, (r) => new TaskItem(r, this.#simulator), (item) => item.update(snapshot));
    setText(this.#count, String(ordered.length));
    this.#empty.hidden = ordered.length > 0;
  }
}
