// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/client';
import { dispatchEvent } from './dispatch.js';
import { checkPermissions, requestPermissions } from './permissions.js';
import { NOTIFICATION_CHANNEL, type NotificationActionMessage } from './shared/names.js';
import type { DispatchEventOptions, NotificationActionEvent, PermissionStatus, PluginListenerHandle, RequestPermissionOptions } from './types.js';

type NotificationListener = (event: NotificationActionEvent) => void;

/**
 * Capacitor's BackgroundRunner plugin, on the web, on bgkit (src/contract.ts checks it against the real
 * plugin's `BackgroundRunnerPlugin`). Configure the runners first with `configureBackgroundRunner()`.
 */
class BgkitBackgroundRunner {
  #listeners = new Set<NotificationListener>();
  #channel: BroadcastChannel | null = null;

  checkPermissions(): Promise<PermissionStatus> {
    return checkPermissions();
  }

  requestPermissions(options: RequestPermissionOptions): Promise<PermissionStatus> {
    return requestPermissions(options);
  }

  dispatchEvent<T = void>(options: DispatchEventOptions): Promise<T> {
    return dispatchEvent<T>(options);
  }

  /**
   * `backgroundRunnerNotificationReceived`: a click on a notification a runner showed, with the `actionTypeId`
   * the runner scheduled it with ('' without one) and its id. Only the click is reported, not which button:
   * Capacitor's event names the notification's action type, and runners' notifications have no buttons on the web.
   */
  async addListener(eventName: 'backgroundRunnerNotificationReceived', listenerFunc: NotificationListener): Promise<PluginListenerHandle> {
    if (eventName !== 'backgroundRunnerNotificationReceived') {
      throw new BgkitError('invalid-argument', `BackgroundRunner has no event "${String(eventName)}" (only "backgroundRunnerNotificationReceived").`, { eventName });
    }
    if (typeof listenerFunc !== 'function') throw new BgkitError('invalid-argument', 'addListener() needs a listener function.');
    this.#listeners.add(listenerFunc);
    this.#listen();
    return {
      remove: async () => {
        this.#listeners.delete(listenerFunc);
        if (this.#listeners.size === 0) this.#close();
      },
    };
  }

  async removeNotificationListeners(): Promise<void> {
    this.#listeners.clear();
    this.#close();
  }

  #listen(): void {
    if (this.#channel) return;
    this.#channel = new BroadcastChannel(NOTIFICATION_CHANNEL);
    this.#channel.onmessage = (e: MessageEvent<NotificationActionMessage>) => {
      const event: NotificationActionEvent = { actionTypeId: e.data.actionTypeId, notificationId: e.data.notificationId };
      for (const listener of this.#listeners) listener(event);
    };
  }

  #close(): void {
    this.#channel?.close();
    this.#channel = null;
  }
}

export type { BgkitBackgroundRunner };

/** The plugin object: `BackgroundRunner.dispatchEvent({ label, event, details })`, as with `@capacitor/background-runner`. */
export const BackgroundRunner = new BgkitBackgroundRunner();
