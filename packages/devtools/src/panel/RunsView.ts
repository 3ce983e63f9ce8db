// SPDX-License-Identifier: MIT
import { h, setText } from './dom.js';
import { RunItem } from './RunItem.js';
import type { Simulator } from './Simulator.js';
import { RUN_LIMIT, type Snapshot } from './snapshot.js';

/** The run history, newest first, live. */
export class RunsView {
  readonly element: HTMLElement;
  readonly #list = h('ol', { class: 'list' });
  readonly #count = h('span', { class: 'count' });
  readonly #empty = h('p', { class: 'empty' }, 'No run yet.');
  readonly #items = new Map<string, RunItem>();
  readonly #simulator: Simulator;

  constructor(simulator: Simulator) {
    this.#simulator = simulator;
    this.element = h('section', { class: 'runs', 'aria-labelledby': 'bgkit-runs-title', dataset: { section: 'runs' } },
      h('h2', { id: 'bgkit-runs-title' }, 'Runs ', this.#count), this.#empty, this.#list);
  }

  update(snapshot: Snapshot): void {
    const seen = new Set<string>();
    snapshot.runs.forEach((run, index) => {
      seen.add(run.instanceId);
      let item = this.#items.get(run.instanceId);
      if (!item) {
        item = new RunItem(run, this.#simulator);
        this.#items.set(run.instanceId, item);
      }
      item.update(run, snapshot.at);
      if (this.#list.children[index] !== item.element) this.#list.insertBefore(item.element, this.#list.children[index] ?? null);
    });
    for (const [id, item] of this.#items) {
      if (!seen.has(id)) {
        item.element.remove();
        this.#items.delete(id);
      }
    }
    const running = snapshot.runs.filter((r) => r.status === 'running').length;
    setText(this.#count, `${snapshot.runs.length}${snapshot.runs.length === RUN_LIMIT ? '+' : ''}${running ? ` · ${running} running` : ''}`);
    this.#empty.hidden = snapshot.runs.length > 0;
  }

  /** A progress event: move the bar now rather than at the next refresh. */
  progress(instanceId: string, progress: number): void {
    this.#items.get(instanceId)?.setProgress(progress);
  }
}
