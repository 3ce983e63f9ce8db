// SPDX-License-Identifier: MIT
// Whether this browser has the event source a trigger cannot do without. Of the triggers without a
// fallback, push is the one an engine lacks: WebKitGTK has no Push API, so a push task would register and
// never run, without a word (e2e/engines/access-push.test.ts, "a PushNotificationTrigger task is refused with
// unsupported-trigger: the engine has no Push API, so it could never fire"). register() refuses it with
// `unsupported-trigger` (`details.api`), as it refuses the system triggers no browser has. (Notification
// triggers need showNotification(), which Chromium, Firefox and WebKitGTK all have: Chromium's is pinned by
// e2e/tests/toast-triggers.spec.ts, "clicking an action button runs the ToastNotificationActionTrigger task
// with the action, tag and data"; the others' is an observation no test pins.) The system trigger
// `controlChannelReset` is the Push API's `pushsubscriptionchange`: without it, the same. A `backgroundFetch`
// trigger needs Background Fetch, which only Chromium has
// (https://github.com/mdn/browser-compat-data/blob/main/api/BackgroundFetchManager.json).
// Power and work-cost system triggers need window-only APIs (Battery Status, Network Information) that no
// worker can look for: the page refuses those (@bgkit/client's BackgroundTaskBuilder.register()).
import type {} from '../types/backgroundFetch.js';

/** What `trigger` needs and this worker lacks, else undefined (always, outside a worker). */
export function missingSource(trigger: { type?: unknown; systemType?: unknown }): string | undefined {
  const registration = (globalThis as { registration?: ServiceWorkerRegistration }).registration;
  if ((trigger.type === 'push' || trigger.systemType === 'controlChannelReset') && registration && !registration.pushManager) return 'PushManager';
  if (trigger.type === 'backgroundFetch' && registration && !registration.backgroundFetch) return 'BackgroundFetchManager';
}
