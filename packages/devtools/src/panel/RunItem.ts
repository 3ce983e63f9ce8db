// SPDX-License-Identifier: MIT
// One run of the history: status, where it came from, duration, progress while it runs, how it ended, and
// a cancel with a chosen reason while it can still be canceled.
import type { BackgroundTaskCancellationReason, BackgroundTaskRun } from '@bgkit/client';
import { CANCELLATION_REASONS } from '@bgkit/protocol';
import { h, setText, uid } from './dom.js';
import { clockTime, compactJson, runDuration, runOutcome } from './format.js';
import type { Simulator } from './Simulator.js';

export class RunItem {
  readonly element: HTMLLIElement;
  readonly #status = h('span', { class: 'status' });
  readonly #duration = h('span', { class: 'duration' });
  readonly #progress = h('progress', { max: 100, value: 0 });
  readonly #percent = h('span', { class: 'percent' });
  readonly #progressRow = h('div', { class: 'progress' }, this.#progress, this.#percent);
  readonly #outcome = h('div', { class: 'outcome' });
  readonly #retry = h('div', { class: 'retry' });
  readonly #cancel: HTMLElement;
  #run: BackgroundTaskRun;

  constructor(run: BackgroundTaskRun, simulator: Simulator) {
    this.#run = run;
    const reasonId = uid('reason');
    const reason = h(
      'select',
      { id: reasonId, dataset: { input: 'reason' } },
      ...CANCELLATION_REASONS.map((r) => h('option', { value: r }, r)),
    );
    this.#cancel = h(
      'div',
      { class: 'cancel' },
      h('label', { htmlFor: reasonId }, 'Reason'),
      reason,
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          dataset: { sim: '', action: 'cancel' },
          'aria-label': `Cancel run of ${run.name}`,
          onclick: () =>
            void simulator.run(
              `Cancel ${run.name}`,
              () => ({ kind: 'cancel', instanceId: run.instanceId, reason: reason.value as BackgroundTaskCancellationReason }),
              (outcome) => (outcome.result === false ? 'it was not running any more' : `canceled (${reason.value})`),
            ),
        },
        'Cancel run',
      ),
    );
    const details = run.triggerDetails === null || run.triggerDetails === undefined ? '' : compactJson(run.triggerDetails, 120);
    this.element = h(
      'li',
      { class: 'run', dataset: { instanceId: run.instanceId, taskId: run.taskId, name: run.name, source: run.source } },
      h(
        'div',
        { class: 'row' },
        this.#status,
        h('strong', { class: 'name' }, run.name),
        run.source === 'simulated' ? h('span', { class: 'badge simulated', title: 'started by a devtools simulation' }, 'simulated') : h('span', { class: 'source' }, run.source),
        h('time', { class: 'time', dateTime: new Date(run.createdAt).toISOString() }, clockTime(run.createdAt)),
        this.#duration,
      ),
      details ? h('div', { class: 'details', title: 'trigger details' }, h('code', {}, details)) : null,
      (run.attempt ?? 1) > 1 ? h('div', { class: 'attempt' }, `attempt ${run.attempt}`) : null,
      this.#progressRow,
      this.#outcome,
      this.#retry,
      this.#cancel,
    );
    this.#progress.setAttribute('aria-label', `${run.name} progress`);
  }

  update(run: BackgroundTaskRun, now: number): void {
    this.#run = run;
    const active = run.status === 'running' || run.status === 'queued';
    this.element.dataset.status = run.status;
    setText(this.#status, run.status);
    this.#status.dataset.status = run.status;
    setText(this.#duration, runDuration(run, now));
    this.#progressRow.hidden = !(active || run.progress > 0);
    this.setProgress(run.progress);
    const outcome = runOutcome(run);
    setText(this.#outcome, outcome);
    this.#outcome.hidden = outcome === '';
    this.#outcome.dataset.kind = run.status;
    // A run that will be run again says which attempt comes next, of how many, and when (kit clock).
    const { retry } = run;
    setText(this.#retry, retry ? `retries: attempt ${retry.attempt} of ${retry.maxAttempts} at ${clockTime(retry.at)}` : '');
    this.#retry.hidden = !retry;
    this.#cancel.hidden = !active;
  }

  /** A progress event arrived before the next refresh. */
  setProgress(progress: number): void {
    if (this.#progress.value !== progress) this.#progress.value = progress;
    setText(this.#percent, `${Math.round(progress)}%`);
    if (progress > 0 && this.#run.status === 'running') this.#progressRow.hidden = false;
  }
}
