// Real, trusted notificationclick and notificationclose events: Chromium shows notifications through a fake
// freedesktop notification server on a private D-Bus, where a test clicks and dismisses them. This works only
// in a persistent (regular) profile, so the tests that need it launch their own browser with these fixtures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  BrowserContext,
  Fixtures,
  Page,
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
} from '@playwright/test';
import { startNotificationServer, type NotificationServer } from '@bgkit/devtools/playwright';

export interface NotificationFixtures {
  /** The fake notification server the browser shows its notifications through. */
  server: NotificationServer;
  /** A browser launched with a persistent profile of its own, its notifications going to `server`. */
  persistent: BrowserContext;
  /** The first page of `persistent`, already opened. */
  page: Page;
}

export interface NotificationFixtureOptions {
  /** Opens the app in the persistent browser's page. */
  open: (page: Page) => Promise<void>;
  permissions?: string[];
}

/** The fixtures for `test.extend<NotificationFixtures>(notificationFixtures({ open }))`. */
export function notificationFixtures({
  open,
  permissions = ['notifications', 'background-sync'],
}: NotificationFixtureOptions): Fixtures<NotificationFixtures, {}, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions> {
  return {
    server: async ({}, use) => {
      const server = await startNotificationServer();
      await use(server);
      await server.stop();
    },
    persistent: async ({ playwright, browserName, server, baseURL, launchOptions, viewport }, use) => {
      const profile = await mkdtemp(join(tmpdir(), 'bgkit-profile-'));
      const context = await playwright[browserName].launchPersistentContext(profile, {
        ...launchOptions,
        headless: true,
        baseURL,
        viewport,
        permissions,
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: server.address },
      });
      await use(context);
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
    page: async ({ persistent }, use) => {
      const page = persistent.pages()[0] ?? (await persistent.newPage());
      await open(page);
      await use(page);
    },
  };
}
