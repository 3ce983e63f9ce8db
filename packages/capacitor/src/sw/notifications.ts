// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
import { BgkitError, registerTask } from '@bgkit/sw';
import { scheduledEntryPoint, taskNames } from '../shared/names.js';
import { openStore, type ScheduledNotification } from '../shared/store.js';
import type { NotificationBadgeOptions, NotificationScheduleOptions } from '../types.js';

declare const self: ServiceWorkerGlobalScope;

/** What a notification shown for a runner carries as `data`: Capacitor's `extra`, and what the page's listener needs. */
export interface RunnerNotificationData {
  extra: unknown;
  capacitor: { label: string; id: number; actionTypeId: string | null };
}

const BADGE_KEY = (label: string) => `badge:${label}`;

/**
 * One event's CapacitorNotifications. Capacitor's calls are synchronous; showing a notification is not, so
 * each call starts the work at once and `flush()` (awaited before the event's run settles) waits for it.
 * `schedule()` checks the permission synchronously, so a runner without it gets `notifications-denied` thrown
 * where it called, as a native call would throw, instead of the browser's TypeError later.
 */
export class EventNotifications {
  readonly #label: string;
  #badge: number;
  readonly #pending: Promise<unknown>[] = [];

  private constructor(label: string, badge: number) {
    this.#label = label;
    this.#badge = badge;
  }

  /** Loads the badge count the runner last set (the Badging API has no getter), and shows scheduled notifications now due. */
  static async open(label: string): Promise<EventNotifications> {
    const db = await openStore();
    const badge = await db.get('meta', BADGE_KEY(label));
    const scope = new EventNotifications(label, typeof badge === 'number' ? badge : 0);
    await scope.#showDue();
    return scope;
  }

  readonly api = {
    schedule: (options: NotificationScheduleOptions[]): void => {
      if (!Array.isArray(options)) {
        throw new BgkitError('invalid-argument', 'CapacitorNotifications.schedule() takes an array of notifications, as in Capacitor.');
      }
      const now = Date.now();
      const checked = options.map((o, i) => toWeb(this.#label, o, i));
      if (checked.some((n) => n.at <= now) && Notification.permission !== 'granted') {
        throw new BgkitError('notifications-denied', `CapacitorNotifications.schedule(): this app may not show notifications (permission "${Notification.permission}"). Ask with BackgroundRunner.requestPermissions({ apis: ['notifications'] }).`);
      }
      for (const n of checked) {
        if (n.at > now) this.#pending.push(scheduleLater(n, now));
        else this.#pending.push(self.registration.showNotification(n.title, n.options));
      }
    },
    setBadge: (options: NotificationBadgeOptions): void => {
      const count = options?.count;
      if (!Number.isInteger(count) || count < 0) {
        throw new BgkitError('invalid-argument', 'CapacitorNotifications.setBadge() takes { count }, a non-negative integer.', { count });
      }
      this.#badge = count;
      this.#pending.push(setBadge(count), openStore().then((db) => db.put('meta', count, BADGE_KEY(this.#label))));
    },
    clearBadge: (): void => {
      this.#badge = 0;
      this.#pending.push(setBadge(0), openStore().then((db) => db.put('meta', 0, BADGE_KEY(this.#label))));
    },
    /** Not in Capacitor's API: the count this runner last set (the web has no way to read the badge back). */
    getBadge: (): { count: number } => ({ count: this.#badge }),
  };

  #showDue(): Promise<number> {
    return showDueNotifications(this.#label);
  }

  /** Waits for every notification and badge change this event asked for. */
  async flush(): Promise<void> {
    const results = await Promise.allSettled(this.#pending);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      throw new BgkitError('notifications-denied', `CapacitorNotifications could not show a notification: ${String((failed.reason as Error)?.message ?? failed.reason)}`, undefined, { cause: failed.reason });
    }
  }
}

/**
 * A notification for later: kept in IndexedDB, and a one-shot TimeTrigger task due when its time comes, so the
 * first wake of the worker after that time shows it (periodic sync where granted, catch-up on any event or page
 * call, an open page's heartbeat), as a time trigger would run. Time triggers count in whole minutes, 15 at
 * the least: never before `scheduleAt`, possibly after. Any runner event after its time shows it too.
 */
async function scheduleLater(n: ScheduledNotification, now: number): Promise<void> {
  await (await openStore()).put('scheduled', n);
  await registerTask({
    name: taskNames.scheduled(n.label, n.id),
    entryPoint: scheduledEntryPoint(n.label),
    trigger: { type: 'time', freshnessTime: Math.max(15, Math.ceil((n.at - now) / 60_000)), oneShot: true },
  });
}

/** Shows the runner's scheduled notifications whose time has come (with permission); resolves with how many. */
export async function showDueNotifications(label: string): Promise<number> {
  const db = await openStore();
  const range = IDBKeyRange.bound([label, -Infinity], [label, Infinity]);
  const due = (await db.getAll('scheduled', range)).filter((n) => n.at <= Date.now());
  if (due.length === 0 || Notification.permission !== 'granted') return 0;
  for (const n of due) {
    await self.registration.showNotification(n.title, n.options);
    await db.delete('scheduled', [n.label, n.id]);
  }
  return due.length;
}

/**
 * The Badging API where the browser has it, for installed apps (Chromium on desktop:
 * https://developer.chrome.com/docs/capabilities/web-apis/badging-api); a no-op elsewhere
 * (src/__tests__/notifications.test.ts).
 */
function setBadge(count: number): Promise<void> {
  const nav = navigator as WorkerNavigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  if (count === 0) return nav.clearAppBadge?.().catch(() => {}) ?? Promise.resolve();
  return nav.setAppBadge?.(count).catch(() => {}) ?? Promise.resolve();
}

/** A Capacitor notification as the web shows it: `id` is the tag (a later one with the same id replaces it), `extra` the data. */
function toWeb(label: string, o: NotificationScheduleOptions, index: number): ScheduledNotification {
  if (typeof o !== 'object' || o === null) {
    throw new BgkitError('invalid-argument', `CapacitorNotifications.schedule(): notification ${index} is not an object.`, { index });
  }
  if (!Number.isInteger(o.id)) {
    throw new BgkitError('invalid-argument', `CapacitorNotifications.schedule(): notification ${index} needs an integer id.`, { index, id: o.id });
  }
  if (typeof o.title !== 'string') {
    throw new BgkitError('invalid-argument', `CapacitorNotifications.schedule(): notification ${o.id} needs a title.`, { id: o.id });
  }
  const at = o.scheduleAt === undefined || o.scheduleAt === null ? 0 : new Date(o.scheduleAt as Date | string | number).getTime();
  if (Number.isNaN(at)) {
    throw new BgkitError('invalid-argument', `CapacitorNotifications.schedule(): notification ${o.id} has an invalid scheduleAt.`, { id: o.id });
  }
  const data: RunnerNotificationData = { extra: o.extra ?? null, capacitor: { label, id: o.id, actionTypeId: o.actionTypeId ?? null } };
  const options: NotificationOptions = { tag: String(o.id), body: o.largeBody ?? o.body ?? '', data };
  if (o.smallIcon) options.badge = o.smallIcon;
  if (o.largeIcon) options.icon = o.largeIcon;
  if (o.ongoing) options.requireInteraction = true;
  return { label, id: o.id, at, title: o.title, options };
}
