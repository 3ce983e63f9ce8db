// SPDX-License-Identifier: MIT
import { h, setText } from './dom.js';
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
    const seen = new Set<string>();
    const ordered = [...snapshot.registrations].sort((a, b) => a.name.localeCompare(b.name));
    ordered.forEach((registration, index) => {
      seen.add(registration.taskId);
      let item = this.#items.get(registration.taskId);
      if (!item) {
        item = new TaskItem(registration, this.#simulator);
        this.#items.set(registration.taskId, item);
      }
      item.update(snapshot);
      if (this.#list.children[index] !== item.element) this.#list.insertBefore(item.element, this.#list.children[index] ?? null);
    });
    for (const [id, item] of this.#items) {
      if (!seen.has(id)) {
        item.element.remove();
        this.#items.delete(id);
      }
    }
    setText(this.#count, String(ordered.length));
    this.#empty.hidden = ordered.length > 0;
  }
}
