// The "Background tasks" panel: every registration, its state and its last runs, read through @bgkit/client
// only (registrations, runs(), pending(), progress and completed events).
import type { BackgroundTaskRun } from '@bgkit/client';
import { pendingTriggers, runs as allRuns } from '@bgkit/client/devtools';
import { el, formatTime, relativeTime } from './dom';
import type { InboxTask, InboxTasks } from './tasks';
import { ENTRY } from './entryPoints';

const RUNS_SHOWN = 3;

/** One line about how a run ended, in the words of the task it belongs to. */
export function describeRun(run: BackgroundTaskRun): string {
  if (run.status === 'queued') return 'queued';
  if (run.status === 'running') return `running ${run.progress}%`;
  if (run.status === 'canceled') return `canceled (${run.cancelReason ?? 'unknown'})`;
  if (run.status === 'failed') return `failed: ${run.error?.message ?? run.error?.name ?? 'unknown error'}`;
  const r = (run.result ?? {}) as Record<string, unknown>;
  const plural = (n: unknown, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;
  switch (run.entryPoint) {
    case ENTRY.refresh:
      return r.newMessages ? `${plural(r.newMessages, 'new message')}` : 'no new mail';
    case ENTRY.push:
      return `push: ${plural(r.newMessages, 'new message')}`;
    case ENTRY.send: {
      const parts = [r.sent ? `${String(r.sent)} sent` : '', r.queued ? `${String(r.queued)} waiting for the network` : '', r.refused ? `${String(r.refused)} refused` : ''];
      return parts.filter(Boolean).join(', ') || 'outbox empty';
    }
    case ENTRY.notificationAction:
      return r.action === 'archive' ? `archived ${plural(r.archived, 'message')} from a notification` : `opened ${String(r.opened ?? '')}`;
    case ENTRY.notificationDismissed:
      return `${plural(r.markedRead, 'message')} marked read`;
    case ENTRY.archive:
      return `${plural(r.archived, 'message')} archived${r.queued ? `, ${String(r.queued)} on reconnect` : ''}`;
    case ENTRY.prune:
      return `${plural(r.pruned, 'old message')} pruned`;
    case ENTRY.export:
      return `${plural(r.count, 'message')} exported`;
    default:
      return 'completed';
  }
}

export class ActivityPanel {
  readonly #list: HTMLElement;
  readonly #tasks: InboxTask[];
  readonly #rows = new Map<string, HTMLElement>();
  #rendering: Promise<void> | undefined;
  #again = false;

  constructor(list: HTMLElement, tasks: InboxTasks) {
    this.#list = list;
    this.#tasks = Object.values(tasks);
    for (const task of this.#tasks) {
      const row = el('li', { class: 'task', 'data-task': task.key, 'data-task-id': task.registration.taskId });
      this.#rows.set(task.registration.taskId, row);
      task.registration.addEventListener('progress', (event) => this.#showProgress(row, event.progress));
      task.registration.addEventListener('completed', () => void this.render());
    }
    list.replaceChildren(...this.#rows.values());
  }

  #showProgress(row: HTMLElement, progress: number): void {
    const state = row.querySelector<HTMLElement>('.state');
    if (state) {
      state.dataset.state = 'running';
      state.textContent = `running ${progress}%`;
    }
    let bar = row.querySelector('progress');
    if (!bar) {
      bar = el('progress', { max: '100' }) as HTMLProgressElement;
      row.querySelector('.task-head')?.after(bar);
    }
    bar.value = progress;
  }

  /** Re-reads runs and pending triggers; calls while one render runs are folded into one more. */
  render(): Promise<void> {
    if (this.#rendering) {
      this.#again = true;
      return this.#rendering;
    }
    this.#rendering = this.#render().finally(() => {
      this.#rendering = undefined;
      if (this.#again) {
        this.#again = false;
        void this.render();
      }
    });
    return this.#rendering;
  }

  async #render(): Promise<void> {
    const [runs, pending] = await Promise.all([allRuns({ limit: 200 }), pendingTriggers()]);
    for (const task of this.#tasks) {
      const { registration, spec } = task;
      const row = this.#rows.get(registration.taskId)!;
      const mine = runs.filter((r) => r.taskId === registration.taskId);
      const active = mine.find((r) => r.status === 'running' || r.status === 'queued');
      const waiting = pending.some((p) => p.taskId === registration.taskId);
      const [stateName, stateText] = active
        ? ['running', describeRun(active)]
        : waiting
          ? ['waiting', 'waiting for conditions']
          : ['idle', 'idle'];
      const state = el('span', { class: 'state', 'data-state': stateName }, stateText);
      const head = el('div', { class: 'task-head' });
      head.append(el('span', { class: 'task-name', title: spec.about }, spec.name), state);
      const when = el('div', { class: 'task-when' }, spec.when);
      const next = registration.nextRunTime;
      if (next) when.append(` · next ${relativeTime(next.getTime())}${registration.scheduledVia === 'periodicsync' ? ' (periodic sync)' : ''}`);
      const children: Node[] = [head, when];
      if (registration.taskGroup) children.push(el('div', { class: 'task-group' }, `Group: ${registration.taskGroup.name}`));
      if (active?.status === 'running') {
        const bar = el('progress', { max: '100' }) as HTMLProgressElement;
        bar.value = active.progress;
        children.splice(1, 0, bar);
      }
      const history = el('ul', { class: 'runs' });
      for (const run of mine.filter((r) => r !== active).slice(0, RUNS_SHOWN)) {
        history.append(el('li', { 'data-status': run.status, 'data-source': run.source }, `${formatTime(run.finishedAt ?? run.createdAt)} · ${describeRun(run)}`));
      }
      if (history.childElementCount) children.push(history);
      row.dataset.state = stateName;
      row.replaceChildren(...children);
    }
  }
}
