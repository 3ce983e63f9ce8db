import { afterEach, describe, expect, it } from 'vitest';
import { startNotificationServer } from '../playwright/notificationServer.js';

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe('startNotificationServer', () => {
  it('without dbus-daemon on the PATH fails with missing-dependency instead of crashing the runner', async () => {
    process.env.PATH = '/nonexistent-bgkit-test';
    await expect(startNotificationServer()).rejects.toMatchObject({ code: 'missing-dependency', details: { dependency: 'dbus-daemon' } });
  });
});
