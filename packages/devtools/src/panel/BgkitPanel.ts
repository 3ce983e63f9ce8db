// SPDX-License-Identifier: MIT
// The panel's UI, loaded on first open: header, banner, and the live views. It refreshes on the
// registrations' progress and completed events and polls once a second, only while it is open.
import type { BackgroundTaskRegistration } from '@bgkit/client';
import type { PanelHost, PanelInstance } from '../options.js';
import { Banner } from './Banner.js';
import { DeviceView } from './DeviceView.js';
import { h, setText } from './dom.js';
import { EventsView } from './EventsView.js';
import { clockTime } from './format.js';
import { PendingView } from './PendingView.js';
import { panelStyles } from './styles.js';
import { RunsView } from './RunsView.js';
import { Simulator } from './Simulator.js';
import { takeSnapshot, type Snapshot } from './snapshot.js';
import { StatusLine } from './StatusLine.js';
import { TasksView } from './TasksView.js';

const POLL_MS = 1000;

export function createPanel(host: PanelHost): PanelInstance {
  const status = new StatusLine();
  const banner = new Banner();
  let devtools: boolean | null = null;
  let visible = false;
  let poll: ReturnType<typeof setInterval> | undefined;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let again = false;
  let destroyed = false;

  const simulator = new Simulator({
    status,
    disabled: () => {
      devtools = false;
      applyDevtools();
    },
    changed: () => schedule(),
  });
  const tasks = new TasksView(simulator);
  const runs = new RunsView(simulator);
  const pending = new PendingView();
  const device = new DeviceView(simulator);
  const events = new EventsView(simulator);

  const access = h('span', { class: 'access', title: 'BackgroundExecutionManager.getAccessStatus()' });
  const updated = h('span', { class: 'updated' });
  const errors = h('p', { class: 'errors', hidden: true });
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close bgkit devtools', title: `Close (Escape, ${host.shortcut})`, onclick: () => host.close() }, '×');
  const heading = h('h1', { tabIndex: -1 }, 'bgkit devtools');
  const panel = h(
    'div',
    { class: 'panel' },
    h('header', { class: 'head' }, heading, h('span', { class: 'meta' }, 'access ', access, ' · ', updated), close),
    banner.element,
    status.element,
    errors,
    h('div', { class: 'body' }, runs.element, pending.element, tasks.element, device.element, events.element),
  );
  host.addStyle(panelStyles);
  host.root.append(panel);

  function applyDevtools(): void {
    banner.show(devtools === false);
    for (const control of panel.querySelectorAll<HTMLButtonElement>('[data-sim]')) control.disabled = devtools === false;
  }

  const listening = new Map<BackgroundTaskRegistration, { progress: EventListener; completed: EventListener }>();
  function listen(registrations: BackgroundTaskRegistration[]): void {
    for (const registration of registrations) {
      if (listening.has(registration)) continue;
      const progress = ((event: Event & { instanceId?: string; progress?: number }) => {
        if (!visible) return;
        if (event.instanceId !== undefined && event.progress !== undefined) runs.progress(event.instanceId, event.progress);
        schedule();
      }) as EventListener;
      const completed = (() => visible && schedule()) as EventListener;
      registration.addEventListener('progress', progress);
      registration.addEventListener('completed', completed);
      listening.set(registration, { progress, completed });
    }
    // Registrations gone since the last look (unregistered, replaced) are let go of.
    const current = new Set(registrations);
    for (const [registration, { progress, completed }] of listening) {
      if (current.has(registration)) continue;
      registration.removeEventListener('progress', progress);
      registration.removeEventListener('completed', completed);
      listening.delete(registration);
    }
  }

  function render(snapshot: Snapshot): void {
    if (snapshot.devtools !== null) devtools = snapshot.devtools;
    setText(access, snapshot.access ?? '?');
    access.dataset.access = snapshot.access ?? '';
    setText(updated, `updated ${clockTime(snapshot.at)}`);
    errors.hidden = snapshot.errors.length === 0;
    setText(errors, snapshot.errors.join(' · '));
    tasks.update(snapshot);
    runs.update(snapshot);
    pending.update(snapshot);
    device.update(snapshot);
    applyDevtools();
    listen(snapshot.registrations);
  }

  async function refresh(): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const snapshot = await takeSnapshot();
      if (!destroyed) render(snapshot);
    } finally {
      inFlight = false;
      if (again && visible && !destroyed) {
        again = false;
        void refresh();
      }
    }
  }

  function schedule(): void {
    if (soon || !visible) return;
    soon = setTimeout(() => {
      soon = undefined;
      void refresh();
    }, 50);
  }

  return {
    show() {
      if (visible || destroyed) return;
      visible = true;
      void refresh();
      poll = setInterval(() => void refresh(), POLL_MS);
    },
    hide() {
      visible = false;
      clearInterval(poll);
      clearTimeout(soon);
      soon = undefined;
    },
    focus() {
      heading.focus();
    },
    destroy() {
      this.hide();
      destroyed = true;
      listen([]);
      host.root.replaceChildren();
    },
  };
}
