import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('with a dbus-daemon that exits before it listens fails with missing-dependency and its exit code', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'bgkit-fake-dbus-'));
    await writeFile(join(bin, 'dbus-daemon'), '#!/bin/sh\nexit 3\n');
    await chmod(join(bin, 'dbus-daemon'), 0o755);
    process.env.PATH = `${bin}:${path}`;
    try {
      await expect(startNotificationServer()).rejects.toMatchObject({ code: 'missing-dependency', details: { dependency: 'dbus-daemon', code: 3 } });
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});
