// SPDX-License-Identifier: MIT
// One registration: its trigger and settings, when it runs next, how it last ended, and "Fire now".
import type { BackgroundTaskRegistration } from '@bgkit/client';
import type { SimulatedFireDetails, TriggerSpec } from '@bgkit/protocol';
import { h, setText, uid } from './dom.js';
import { clockTime, describeTrigger, parseArguments, relativeTime, runOutcome } from './format.js';
import type { Simulator } from './Simulator.js';
import type { Snapshot } from './snapshot.js';
import { triggerSpecOf } from '@bgkit/client/devtools';

function field(label: string, input: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  input.id = uid('f');
  return h('div', { class: 'field' }, h('label', { htmlFor: input.id }, label), input);
}

/** The boxes a trigger's fire takes, and how to read them into simulation details. */
function detailsForm(spec: TriggerSpec): { fields: HTMLElement[]; read(): SimulatedFireDetails } {
  switch (spec.type) {
    case 'application': {
      const args = h('textarea', { rows: 1, spellcheck: false, placeholder: '{"steps": 3}', dataset: { input: 'arguments' } });
      return { fields: [field('Arguments (JSON)', args)], read: () => ({ arguments: parseArguments(args.value) ?? {} }) };
    }
    case 'push': {
      const payload = h('textarea', { rows: 1, spellcheck: false, placeholder: '{"subject": "hello"} or text', dataset: { input: 'payload' } });
      return { fields: [field('Push payload', payload)], read: () => ({ payload: payload.value === '' ? null : payload.value }) };
    }
    case 'toastAction':
    case 'toastHistoryChanged': {
      const tag = h('input', { type: 'text', spellcheck: false, placeholder: 'digest', dataset: { input: 'tag' } });
      if (spec.type === 'toastHistoryChanged') return { fields: [field('Tag', tag)], read: () => ({ tag: tag.value }) };
      const action = h('input', { type: 'text', spellcheck: false, placeholder: '(body)', dataset: { input: 'action' } });
      return { fields: [field('Action', action), field('Tag', tag)], read: () => ({ action: action.value, tag: tag.value }) };
    }
    default:
      return { fields: [], read: () => ({}) };
  }
}

/** One term of the facts list (a <div> group, so pairs wrap together). */
function fact(term: string, value: Node | string, className?: string): HTMLElement {
  return h('div', {}, h('dt', {}, term), h('dd', { class: className }, value));
}

export class TaskItem {
  readonly element: HTMLLIElement;
  readonly #registration: BackgroundTaskRegistration;
  readonly #next = h('span', { class: 'next' });
  readonly #last = h('span', { class: 'last' });

  constructor(registration: BackgroundTaskRegistration, simulator: Simulator) {
    this.#registration = registration;
    const spec = triggerSpecOf(registration.trigger);
    const { fields, read } = detailsForm(spec);
    const conditions = registration.conditions.map((c) => c.conditionType);
    const options = [registration.cancelOnConditionLoss && 'cancelOnConditionLoss', registration.isNetworkRequested && 'isNetworkRequested'].filter(Boolean) as string[];
    const fire = h(
      'button',
      {
        type: 'button',
        class: 'primary',
        dataset: { sim: '', action: 'fire' },
        'aria-label': `Fire ${registration.name} now`,
        onclick: () =>
          void simulator.run(
            `Fire ${registration.name}`,
            () => ({ kind: 'fire', taskId: registration.taskId, details: read() }),
            (outcome) => (typeof outcome.result === 'string' ? outcome.result : 'fired'),
          ),
      },
      'Fire now',
    );
    const nameId = uid('task');
    this.element = h(
      'li',
      { class: 'task', 'aria-labelledby': nameId, dataset: { taskId: registration.taskId, name: registration.name, trigger: spec.type } },
      h(
        'div',
        { class: 'row' },
        h('strong', { id: nameId, class: 'name' }, registration.name),
        h('code', { class: 'trigger', title: 'trigger' }, describeTrigger(spec)),
      ),
      h(
        'dl',
        { class: 'facts' },
        fact('entry', h('code', {}, registration.taskEntryPoint)),
        registration.taskGroup ? fact('group', registration.taskGroup.name || registration.taskGroup.id, 'group') : null,
        fact('conditions', conditions.length ? conditions.join(', ') : 'none', 'conditions'),
        options.length ? fact('options', options.join(', ')) : null,
        fact('next', this.#next),
        fact('last', this.#last, 'last-run'),
      ),
      h('div', { class: 'fire' }, ...fields, fire),
    );
  }

  update(snapshot: Snapshot): void {
    const next = this.#registration.nextRunTime;
    const via = this.#registration.scheduledVia;
    setText(this.#next, next ? `${relativeTime(next.getTime(), snapshot.at)} (${clockTime(next.getTime())}, ${via ?? '?'})` : '—');
    const last = snapshot.runs.find((run) => run.taskId === this.#registration.taskId);
    this.#last.dataset.status = last?.status ?? '';
    setText(this.#last, last ? `${last.status}${runOutcome(last) ? ` · ${runOutcome(last)}` : ''}` : 'never');
  }
}
