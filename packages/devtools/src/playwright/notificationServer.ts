// SPDX-License-Identifier: MIT
// A fake freedesktop notification server on a private D-Bus session bus. Chromium on Linux shows
// notifications through org.freedesktop.Notifications; with this server owning that name, a test can
// "click" an action or close a notification, and Chromium fires real, trusted notificationclick and
// notificationclose events in the service worker (e2e/tests/toast-triggers.spec.ts, "clicking an action
// button runs the ToastNotificationActionTrigger task with the action, tag and data" and "dismissing a
// notification runs the ToastNotificationHistoryChangedTrigger task"). (Chromium pairs each
// action with its title in the actions list, as "0","Archive","1","Open",…, and adds "default" for a click on
// the body: e2e/capacitor/notification-click.spec.ts, "a click on a runner's notification calls
// backgroundRunnerNotificationReceived listeners".)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as DBus from 'dbus-next';
import { BgkitError } from '@bgkit/protocol';

export interface ShownNotification {
  id: number;
  summary: string;
  body: string;
  /** Action keys and labels as Chromium sent them. */
  actions: string[];
}

export interface NotificationServer {
  /** For DBUS_SESSION_BUS_ADDRESS in Chromium's environment. */
  address: string;
  shown: ShownNotification[];
  /** Clicks the action with that label (or the body with 'default'), as a user would. */
  click(id: number, actionLabel: string | 'default'): void;
  /** Dismisses the notification, as a user would (reason 2: dismissed by the user). */
  dismiss(id: number): void;
  stop(): Promise<void>;
}

// dbus-next is an optional peer dependency: loaded only by those who start a server.
async function loadDbus(): Promise<typeof DBus> {
  try {
    const loaded = (await import('dbus-next')) as typeof DBus & { default?: typeof DBus };
    return loaded.default ?? loaded;
  } catch (error) {
    throw new BgkitError('missing-dependency', 'startNotificationServer() needs the dbus-next package: npm install -D dbus-next', { dependency: 'dbus-next' }, { cause: error });
  }
}

function notificationsInterface(dbus: typeof DBus) {
  class Notifications extends dbus.interface.Interface {
    shown: ShownNotification[] = [];
    nextId = 1;
    GetCapabilities(): string[] {
      return ['actions', 'body', 'persistence'];
    }
    GetServerInformation(): string[] {
      return ['bgkit-test', 'bgkit', '1.0', '1.2'];
    }
    Notify(_app: string, replaces: number, _icon: string, summary: string, body: string, actions: string[]): number {
      const id = replaces || this.nextId++;
      this.shown = this.shown.filter((n) => n.id !== id);
      this.shown.push({ id, summary, body, actions });
      return id;
    }
    CloseNotification(id: number): void {
      this.shown = this.shown.filter((n) => n.id !== id);
    }
    ActionInvoked(id: number, key: string): [number, string] {
      return [id, key];
    }
    NotificationClosed(id: number, reason: number): [number, number] {
      return [id, reason];
    }
  }

  Notifications.configureMembers({
    methods: {
      GetCapabilities: { inSignature: '', outSignature: 'as' },
      GetServerInformation: { inSignature: '', outSignature: 'ssss' },
      Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
      CloseNotification: { inSignature: 'u', outSignature: '' },
    },
    signals: {
      ActionInvoked: { signature: 'us' },
      NotificationClosed: { signature: 'uu' },
    },
  });
  return Notifications;
}

function waitForSocket(daemon: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    daemon.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    // Without a listener, a missing binary's 'error' would crash the test runner instead of failing the call.
    daemon.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BgkitError('missing-dependency', 'startNotificationServer() needs dbus-daemon (Debian: apt-get install dbus-daemon).', { dependency: 'dbus-daemon' }, { cause: error })
          : error,
      ),
    );
    daemon.once('exit', (code) => reject(new BgkitError('missing-dependency', `dbus-daemon exited with ${code} before it listened.`, { dependency: 'dbus-daemon', code })));
  });
}

/**
 * Starts a private D-Bus session bus (needs `dbus-daemon`, Debian's `dbus-daemon` package) with a fake
 * notification server on it. Launch Chromium with `env: { DBUS_SESSION_BUS_ADDRESS: server.address }` and
 * through `launchPersistentContext` (Chromium routes notification clicks of off-the-record profiles nowhere:
 * an observation no test pins), and pass the server to the driver so its notification clicks are real.
 */
export async function startNotificationServer(): Promise<NotificationServer> {
  const dbus = await loadDbus();
  const Notifications = notificationsInterface(dbus);
  const dir = await mkdtemp(join(tmpdir(), 'bgkit-dbus-'));
  const config = join(dir, 'session.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(dir, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const daemon = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let address: string;
  let bus: DBus.MessageBus | undefined;
  const service = new Notifications('org.freedesktop.Notifications');
  try {
    address = await waitForSocket(daemon);
    bus = dbus.sessionBus({ busAddress: address });
    bus.export('/org/freedesktop/Notifications', service);
    await bus.requestName('org.freedesktop.Notifications', 0);
  } catch (error) {
    // Nothing of a server that never started is left running or on disk.
    bus?.disconnect();
    daemon.kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const connected = bus;
  return {
    address,
    get shown() {
      return service.shown;
    },
    click(id, actionLabel) {
      const shown = service.shown.find((n) => n.id === id);
      if (!shown) throw new BgkitError('invalid-argument', `The notification server shows no notification ${id}.`, { id });
      const index = actionLabel === 'default' ? -1 : shown.actions.indexOf(actionLabel);
      const key = actionLabel === 'default' ? 'default' : shown.actions[index - 1];
      if (key === undefined) throw new BgkitError('invalid-argument', `Notification ${id} has no action "${actionLabel}" (it has: ${shown.actions.join(', ')}).`, { id, actionLabel });
      service.ActionInvoked(id, key);
    },
    dismiss(id) {
      service.NotificationClosed(id, 2);
      service.CloseNotification(id);
    },
    async stop() {
      connected.disconnect();
      daemon.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
