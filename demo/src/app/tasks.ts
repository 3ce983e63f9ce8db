// Which trigger starts which piece of the worker's work. Registering is idempotent (same name, same settings:
// the existing task), so the page registers everything on every start.
import {
  ApplicationTrigger,
  BackgroundTaskBuilder,
  BackgroundTaskRegistrationGroup,
  MaintenanceTrigger,
  PushNotificationTrigger,
  SystemCondition,
  SystemTrigger,
  TimeTrigger,
  ToastNotificationActionTrigger,
  ToastNotificationHistoryChangedTrigger,
  isBgkitError,
  type BackgroundTaskRegistration,
  type BackgroundTrigger,
} from '@bgkit/client';
import { ENTRY } from './entryPoints';

export const housekeeping = new BackgroundTaskRegistrationGroup('inbox.housekeeping', 'Housekeeping');

interface TaskSpec {
  name: string;
  entryPoint: string;
  /** What it does, in the activity panel. */
  about: string;
  /** When it runs, in the activity panel. */
  when: string;
  trigger: () => BackgroundTrigger;
  conditions?: SystemCondition[];
  network?: boolean;
  group?: BackgroundTaskRegistrationGroup;
}

const SPECS = {
  refresh: {
    name: 'Refresh inbox',
    entryPoint: ENTRY.refresh,
    about: 'Fetches new mail and notifies you about it.',
    when: 'Every 15 minutes, when online',
    trigger: () => new TimeTrigger(15, false),
    conditions: [new SystemCondition('internetAvailable')],
  },
  check: {
    name: 'Check mail',
    entryPoint: ENTRY.refresh,
    about: 'The same refresh, when you open the app or press “Check mail”.',
    when: 'On request',
    trigger: () => new ApplicationTrigger(),
  },
  sendNow: {
    name: 'Send',
    entryPoint: ENTRY.send,
    about: 'Sends the outbox; offline, the requests wait in a queue.',
    when: 'When you press Send',
    trigger: () => new ApplicationTrigger(),
    network: true,
  },
  sendOnReconnect: {
    name: 'Send when back online',
    entryPoint: ENTRY.send,
    about: 'Sends what was written offline as soon as the connection returns.',
    when: 'When the internet comes back',
    trigger: () => new SystemTrigger('internetAvailable', false),
    network: true,
  },
  push: {
    name: 'New mail push',
    entryPoint: ENTRY.push,
    about: 'The server says mail arrived: fetch it and notify.',
    when: 'On a push message',
    trigger: () => new PushNotificationTrigger(),
  },
  notificationAction: {
    name: 'Notification buttons',
    entryPoint: ENTRY.notificationAction,
    about: '“Archive” archives without opening a window; “Open” shows the message.',
    when: 'On a click on a notification',
    trigger: () => new ToastNotificationActionTrigger(),
    network: true,
  },
  notificationDismissed: {
    name: 'Notification dismissed',
    entryPoint: ENTRY.notificationDismissed,
    about: 'Mail you dismissed from a notification counts as seen: it is marked read here.',
    when: 'When you close a new-mail notification',
    trigger: () => new ToastNotificationHistoryChangedTrigger(),
  },
  welcomeBack: {
    name: 'Welcome back',
    entryPoint: ENTRY.refresh,
    about: 'Fetches new mail the moment you come back to the app, without a notification.',
    when: 'When you return, if online',
    trigger: () => new SystemTrigger('userPresent', false),
    conditions: [new SystemCondition('internetAvailable')],
  },
  updated: {
    name: 'After an update',
    entryPoint: ENTRY.refresh,
    about: 'A new version of the app took over: refresh the mail it keeps on this device.',
    when: 'When a new version is installed',
    trigger: () => new SystemTrigger('servicingComplete', false),
  },
  archive: {
    name: 'Archive',
    entryPoint: ENTRY.archive,
    about: 'Moves mail to the archive, now or on reconnect.',
    when: 'When you press Archive',
    trigger: () => new ApplicationTrigger(),
    network: true,
  },
  prune: {
    name: 'Prune old mail',
    entryPoint: ENTRY.prune,
    about: 'Drops cached messages older than 60 days from this device.',
    when: 'Daily, on AC power',
    trigger: () => new MaintenanceTrigger(24 * 60, false),
    group: housekeeping,
  },
  export: {
    name: 'Export mailbox',
    entryPoint: ENTRY.export,
    about: 'Writes every message into an mbox file.',
    when: 'On request, when background work is cheap',
    trigger: () => new ApplicationTrigger(),
    conditions: [new SystemCondition('backgroundWorkCostNotHigh')],
  },
} satisfies Record<string, TaskSpec>;

export type TaskKey = keyof typeof SPECS;

export interface InboxTask {
  key: TaskKey;
  spec: TaskSpec;
  registration: BackgroundTaskRegistration;
}

/**
 * Tasks whose trigger a browser may lack: WebKit has no Push API, and there register() refuses a push task
 * with unsupported-trigger (it could never fire). The inbox then goes without it; every other task is needed.
 */
const OPTIONAL = ['push'] as const satisfies readonly TaskKey[];
type OptionalKey = (typeof OPTIONAL)[number];

export type InboxTasks = Record<Exclude<TaskKey, OptionalKey>, InboxTask> & Partial<Record<OptionalKey, InboxTask>>;

async function register(key: TaskKey): Promise<InboxTask> {
  const spec: TaskSpec = SPECS[key];
  const builder = new BackgroundTaskBuilder();
  builder.name = spec.name;
  builder.taskEntryPoint = spec.entryPoint;
  builder.setTrigger(spec.trigger());
  for (const condition of spec.conditions ?? []) builder.addCondition(condition);
  builder.isNetworkRequested = spec.network ?? false;
  if (spec.group) builder.taskGroup = spec.group;
  return { key, spec, registration: await builder.register() };
}

export async function registerTasks(): Promise<InboxTasks> {
  const keys = Object.keys(SPECS) as TaskKey[];
  const tasks = await Promise.all(
    keys.map((key) =>
      register(key).catch((error: unknown) => {
        if ((OPTIONAL as readonly TaskKey[]).includes(key) && isBgkitError(error, 'unsupported-trigger')) return null;
        throw error;
      }),
    ),
  );
  return Object.fromEntries(tasks.filter((t) => t !== null).map((t) => [t.key, t])) as InboxTasks;
}

/** Starts an ApplicationTrigger task. */
export function request(task: InboxTask, args?: Record<string, unknown>) {
  return (task.registration.trigger as ApplicationTrigger).request(args);
}
