// SPDX-License-Identifier: MIT
// The web's event triggers: push messages, notification clicks and closes, a reset push subscription, and the
// system triggers a device report fires. Each reads what it carries during its event (storable details) and
// dispatches every task that listens.
import type { PushTriggerDetails, SystemTriggerType, ToastTriggerDetails, TriggerSource } from '../protocol.js';
import { systemTargets } from './device.js';
import { dispatch, startAll, type Started } from './dispatch.js';
import { RegistrationStore } from './RegistrationStore.js';

export function pushDetails(data: { text(): string } | null): PushTriggerDetails {
  if (!data) return { text: null };
  const text = data.text();
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text };
  }
}

export function toastDetails(event: Pick<NotificationEvent, 'action' | 'notification'>): ToastTriggerDetails {
  const { notification } = event;
  return { action: event.action ?? '', tag: notification.tag, data: notification.data ?? null, title: notification.title };
}

/** A notification was clicked (`toastAction`) or closed (`toastHistoryChanged`): run the tasks listening. */
export async function onToast(
  type: 'toastAction' | 'toastHistoryChanged',
  details: ToastTriggerDetails,
  source: TriggerSource = type === 'toastAction' ? 'notificationclick' : 'notificationclose',
): Promise<Started> {
  const targets = [...(await RegistrationStore.all()).values()].filter((r) => r.trigger.type === type);
  return startAll(targets.map((r) => dispatch(r, source, details)));
}

export async function onPush(details: PushTriggerDetails, source: TriggerSource = 'push'): Promise<Started> {
  const targets = [...(await RegistrationStore.all()).values()].filter((r) => r.trigger.type === 'push');
  return startAll(targets.map((r) => dispatch(r, source, details)));
}

/** Runs every task registered for one of these system triggers; `extra` joins each run's details. */
export async function fireSystem(types: readonly SystemTriggerType[], source: TriggerSource, extra?: object): Promise<Started> {
  const targets = systemTargets((await RegistrationStore.all()).values(), types);
  return startAll(targets.map(({ registration, details }) => dispatch(registration, source, { ...details, ...extra })));
}

/**
 * What `pushsubscriptionchange` tells a `controlChannelReset` run, read during the event: each subscription as
 * JSON (storable, unlike the object), null where the browser gives none, and the old one's options, copied
 * (a PushSubscriptionOptions cannot be stored; its key, an ArrayBuffer, can).
 */
export function subscriptionChange(event: { oldSubscription?: PushSubscription | null; newSubscription?: PushSubscription | null }) {
  const { oldSubscription: old, newSubscription } = event;
  const options = old?.options;
  return {
    oldSubscription: old?.toJSON() ?? null,
    newSubscription: newSubscription?.toJSON() ?? null,
    options: options ? { userVisibleOnly: options.userVisibleOnly, applicationServerKey: options.applicationServerKey } : null,
  };
}
