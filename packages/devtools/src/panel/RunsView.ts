// SPDX-License-Identifier: MIT
import { h, reconcile, setText } from './dom.js';
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
    reconcile(this.#list, this.#items, snapshot.runs, (r) => r.instanceId, (r) => new RunItem(r, this.#simulator), (item, run) => item.update(run, snapshot.at));
    const running = snapshot.runs.filter((r) => r.status === 'running').length;
    setText(this.#count, `${snapshot.runs.length}${snapshot.runs.length === RUN_LIMIT ? '+' : ''}${running ? ` · ${running} running` : ''}`);
    this.#empty.hidden = snapshot.runs.length > 0;
  }

  /** A progress event: move the bar now rather than at the next refresh. */
  progress(instanceId: string, progress: number): void {
    this.#items.get(instanceId)?.setProgress(progress);
  }
}
