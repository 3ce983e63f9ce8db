// SPDX-License-Identifier: MIT
// Whether this browser has the event source a trigger cannot do without. Of the triggers without a
// fallback, push is the one an engine lacks: WebKitGTK has no Push API, so a push task would register and
// never run, without a word (e2e/engines/access-push.test.ts). register() refuses it with
// `unsupported-trigger` (`details.api`), as it refuses the system triggers no browser has. (Notification
// triggers need showNotification(), which Chromium, Firefox and WebKitGTK all have.) The system trigger
// `controlChannelReset` is the Push API's `pushsubscriptionchange`: without it, the same. A
// `backgroundFetch` trigger needs Background Fetch, which only Chromium has (ANCHORS.md, compat table).
// Power and work-cost system triggers need window-only APIs (Battery Status, Network Information) that no
// worker can look for: the page refuses those (@bgkit/client's BackgroundTaskBuilder.register()).
import type {} from '../types/backgroundFetch.js';

/** What `trigger` needs and this worker lacks, else undefined (always, outside a worker). */
export function missingSource(trigger: { type?: unknown; systemType?: unknown }): string | undefined {
  const registration = (globalThis as { registration?: ServiceWorkerRegistration }).registration;
  if ((trigger.type === 'push' || trigger.systemType === 'controlChannelReset') && registration && !registration.pushManager) return 'PushManager';
  if (trigger.type === 'backgroundFetch' && registration && !registration.backgroundFetch) return 'BackgroundFetchManager';
}
