// A stand-in desktop portal on a private D-Bus session bus, so a test can take WebKitGTK really offline and
// back: WebKitGTK's navigator.onLine is GLib's GNetworkMonitor (WebCore NetworkStateNotifierGLib.cpp), and
// with GTK_USE_PORTAL=1 GLib's portal backend reads org.freedesktop.portal.NetworkMonitor and reads it again on
// its `changed` signal (version 2 of the interface: the getters). Flipping `available` fires `offline` /
// `online` in the page and in the service worker alike. GLib also asks the portal's ProxyResolver for every
// request; without one the WebDriver session fails (UnknownMethod 'Lookup': seen with WebKitGTK 2.50, no test
// pins it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dbusModule from 'dbus-next';
import type * as DBus from 'dbus-next';

const dbus = ((dbusModule as unknown as { default?: typeof DBus }).default ?? dbusModule) as typeof DBus;

class NetworkMonitor extends dbus.interface.Interface {
  available = true;
  GetAvailable(): boolean {
    return this.available;
  }
  GetMetered(): boolean {
    return false;
  }
  GetConnectivity(): number {
    return this.available ? 4 : 1; // full / local (G_NETWORK_CONNECTIVITY_*)
  }
  CanReach(): boolean {
    return this.available;
  }
  changed(): void {}
}
NetworkMonitor.configureMembers({
  properties: {
    version: { signature: 'u', access: 'read' },
    available: { signature: 'b', access: 'read' },
    metered: { signature: 'b', access: 'read' },
    connectivity: { signature: 'u', access: 'read' },
  },
  methods: {
    GetAvailable: { inSignature: '', outSignature: 'b' },
    GetMetered: { inSignature: '', outSignature: 'b' },
    GetConnectivity: { inSignature: '', outSignature: 'u' },
    CanReach: { inSignature: 'su', outSignature: 'b' },
  },
  signals: { changed: { signature: '' } },
});
Object.defineProperties(NetworkMonitor.prototype, {
  version: { get: () => 2 },
  metered: { get: () => false },
  connectivity: {
    get(this: NetworkMonitor) {
      return this.available ? 4 : 1;
    },
  },
});

class ProxyResolver extends dbus.interface.Interface {
  Lookup(): string[] {
    return ['direct://'];
  }
}
ProxyResolver.configureMembers({
  properties: { version: { signature: 'u', access: 'read' } },
  methods: { Lookup: { inSignature: 's', outSignature: 'as' } },
});
Object.defineProperty(ProxyResolver.prototype, 'version', { get: () => 1 });

export interface Portal {
  /** For DBUS_SESSION_BUS_ADDRESS in the driver's (and so the browser's) environment. */
  address: string;
  setAvailable(available: boolean): void;
  stop(): Promise<void>;
}

export async function startPortal(): Promise<Portal> {
  const dir = await mkdtemp(join(tmpdir(), 'bgkit-portal-'));
  const config = join(dir, 'session.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(dir, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
  );
  const daemon: ChildProcess = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    daemon.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    daemon.once('error', reject);
    daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const bus = dbus.sessionBus({ busAddress: address });
  const monitor = new NetworkMonitor('org.freedesktop.portal.NetworkMonitor');
  bus.export('/org/freedesktop/portal/desktop', monitor);
  bus.export('/org/freedesktop/portal/desktop', new ProxyResolver('org.freedesktop.portal.ProxyResolver'));
  await bus.requestName('org.freedesktop.portal.Desktop', 0);
  return {
    address,
    setAvailable(available) {
      monitor.available = available;
      dbus.interface.Interface.emitPropertiesChanged(monitor, { available, connectivity: available ? 4 : 1 }, []);
      monitor.changed();
    },
    async stop() {
      bus.disconnect();
      daemon.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
