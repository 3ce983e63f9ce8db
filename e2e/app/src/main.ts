import * as bgkit from '@bgkit/client';
import {
  ApplicationTrigger,
  BackgroundExecutionManager,
  BackgroundTaskBuilder,
  BackgroundTaskRegistrationGroup,
  type BackgroundTaskRegistration,
  type BackgroundTaskRun,
} from '@bgkit/client';
import * as devtools from '@bgkit/client/devtools';
import * as backgroundFetch from '@bgkit/client/background-fetch';
import { registerServiceWorker, unregisterServiceWorker } from '@bgkit/client/register';
import { mountBgkitDevtools } from '@bgkit/devtools';
import './style.css';

declare global {
  interface Window {
    /** The client API, for the console (and the end-to-end tests). */
    bgkit: typeof bgkit;
    /** Simulations, for the end-to-end tests. */
    devtools: typeof devtools;
    /** The Background Fetch trigger (its own entry), for the end-to-end tests. */
    bgkitBackgroundFetch: typeof backgroundFetch;
    /** `@bgkit/client/register`'s unregister, for the end-to-end tests. */
    unregisterServiceWorker: typeof unregisterServiceWorker;
  }
}
window.bgkit = bgkit;
window.devtools = devtools;
window.bgkitBackgroundFetch = backgroundFetch;
window.unregisterServiceWorker = unregisterServiceWorker;

if (import.meta.env.DEV) registerServiceWorker('/dev-sw.js?dev-sw', { type: 'module' });
else registerServiceWorker('/sw.js');

// This app is a test bench, so it always carries the devtools panel (an app mounts it in development only);
// `?devtools` opens it at once. Its UI is loaded on first open.
mountBgkitDevtools({ position: 'right', open: new URLSearchParams(location.search).has('devtools') });

interface TaskCard {
  name: string;
  entryPoint: string;
  description: string;
  group?: BackgroundTaskRegistrationGroup;
  withArguments?: boolean;
}

const maintenance = new BackgroundTaskRegistrationGroup('com.example.maintenance', 'Maintenance');

const CARDS: TaskCard[] = [
  { name: 'Export report', entryPoint: 'report.export', description: 'Builds a report step by step and reports progress.', withArguments: true },
  { name: 'Flaky upload', entryPoint: 'upload.flaky', description: 'Fails like a server answering 503; the error reaches the page intact.' },
  { name: 'Sluggish sync', entryPoint: 'sync.sluggish', description: 'Never ends by itself: its 1.5 s time limit cancels it.' },
  { name: 'Cache cleanup', entryPoint: 'cleanup.cache', description: 'A chore kept in the “Maintenance” task group.', group: maintenance },
];

const $ = <T extends Element>(selector: string, root: ParentNode = document) => root.querySelector(selector) as T;

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function describe(run: BackgroundTaskRun): string {
  if (run.status === 'completed') return JSON.stringify(run.result ?? null);
  if (run.status === 'failed') return `${run.error?.name}: ${run.error?.message}`;
  if (run.status === 'canceled') return `canceled: ${run.cancelReason}`;
  return '';
}

function renderCard(card: TaskCard): HTMLElement {
  const node = el('article', { class: 'card', 'data-task': card.entryPoint });
  node.append(el('h3', {}, card.name), el('p', { class: 'description' }, card.description));
  if (card.group) node.append(el('p', { class: 'group' }, `Group: ${card.group.name}`));
  if (card.withArguments) {
    const args = el('div', { class: 'args' });
    args.innerHTML = `<label>Steps <input name="steps" type="number" min="1" max="50" value="5"></label>
      <label>Delay (ms) <input name="delayMs" type="number" min="0" max="5000" value="150"></label>`;
    node.append(args);
  }
  const progress = el('progress', { max: '100', value: '0', 'aria-label': `${card.name} progress` });
  const status = el('p', { class: 'state', role: 'status' }, 'Registering…');
  const run = el('button', { type: 'button', class: 'run', disabled: '' }, 'Run now');
  node.append(progress, status, run);
  return node;
}

async function register(card: TaskCard): Promise<BackgroundTaskRegistration> {
  const builder = new BackgroundTaskBuilder();
  builder.name = card.name;
  builder.taskEntryPoint = card.entryPoint;
  builder.setTrigger(new ApplicationTrigger());
  if (card.group) builder.taskGroup = card.group;
  return builder.register();
}

async function refreshHistory(): Promise<void> {
  const runs = await devtools.runs({ limit: 25 });
  const body = $<HTMLTableSectionElement>('#runs');
  body.replaceChildren(
    ...runs.map((run) => {
      const row = el('tr', { 'data-instance': run.instanceId, 'data-status': run.status });
      const duration = run.finishedAt && run.startedAt ? `${run.finishedAt - run.startedAt} ms` : '…';
      row.append(
        el('td', {}, run.name),
        el('td', {}, run.status),
        el('td', {}, `${run.progress}%`),
        el('td', {}, new Date(run.createdAt).toLocaleTimeString()),
        el('td', {}, duration),
        el('td', { class: 'result' }, describe(run)),
      );
      return row;
    }),
  );
}

function wire(card: TaskCard, node: HTMLElement, registration: BackgroundTaskRegistration): void {
  const progress = $<HTMLProgressElement>('progress', node);
  const status = $<HTMLElement>('.state', node);
  const button = $<HTMLButtonElement>('button.run', node);
  status.textContent = 'Ready';
  button.disabled = false;
  registration.addEventListener('progress', (event) => {
    progress.value = event.progress;
    status.textContent = `Running… ${event.progress}%`;
  });
  registration.addEventListener('completed', (event) => {
    try {
      const result = event.checkResult();
      status.textContent = `Completed: ${JSON.stringify(result)}`;
      node.dataset.outcome = 'completed';
    } catch (error) {
      const e = error as Error & { code?: string; details?: { reason?: string } };
      // A production build's BgkitError carries its code and details, not a sentence.
      status.textContent = `${event.status === 'canceled' ? 'Canceled' : 'Failed'}: ${e.name}: ${e.code === 'task-canceled' ? `task-canceled (${e.details?.reason})` : e.message}`;
      node.dataset.outcome = event.status;
    }
    void refreshHistory();
  });
  button.addEventListener('click', async () => {
    const args: Record<string, number> = {};
    for (const input of node.querySelectorAll('input')) args[input.name] = Number(input.value);
    progress.value = 0;
    node.dataset.outcome = '';
    status.textContent = 'Starting…';
    const trigger = registration.trigger as ApplicationTrigger;
    const result = await trigger.request(card.withArguments ? args : undefined);
    // A short run may already have completed (its event arrives first): only report a refusal here.
    if (result !== 'allowed') status.textContent = `Not started: ${result}`;
    void refreshHistory();
  });
}

function showActivity(): void {
  const list = $<HTMLOListElement>('#activity');
  new BroadcastChannel('demo-activity').onmessage = (event: MessageEvent<{ at: number; message: string }>) => {
    const item = el('li', {}, `${new Date(event.data.at).toLocaleTimeString()} ${event.data.message}`);
    list.prepend(item);
  };
}

async function main(): Promise<void> {
  showActivity();
  const container = $<HTMLElement>('#tasks');
  const nodes = CARDS.map(renderCard);
  container.replaceChildren(...nodes);
  try {
    $('#access').textContent = await BackgroundExecutionManager.requestAccess();
    const registrations = await Promise.all(CARDS.map(register));
    CARDS.forEach((card, i) => wire(card, nodes[i]!, registrations[i]!));
    $('#worker').textContent = 'ready';
    document.body.dataset.ready = 'true';
    await refreshHistory();
  } catch (error) {
    $('#worker').textContent = `error: ${(error as Error).message}`;
    throw error;
  }
  $('#reset').addEventListener('click', async () => {
    await BackgroundExecutionManager.removeAccess();
    location.reload();
  });
}

void main();
