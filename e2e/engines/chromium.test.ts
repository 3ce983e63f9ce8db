// Chromium's column of the support matrix. Its events are tested for real by the Playwright suites
// (e2e/tests: CDP periodicsync, sync, push): here the APIs it offers are read from the page, and the kit
// clock is shown to work in it as in the other engines.
import { expect, test } from 'vitest';
import { attachDriver, openApp } from './support/app.js';
import { engineApis, registerTask } from './support/kit.js';
import { observe, type Support } from './support/observed.js';
import { forEachEngine } from './support/suite.js';

forEachEngine('support matrix', (ctx, name) => {
  test('the APIs the kit builds on, and the kit clock', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const apis = await engineApis(engine);
    expect(apis).toMatchObject({ sync: true, periodicSync: true, pushManager: true, persist: true });
    const native = (has: boolean, otherwise: Support): Support => (has ? 'native' : otherwise);
    observe(name, engine.version, 'application-trigger', 'native');
    observe(name, engine.version, 'time-trigger', native(apis.periodicSync, 'fallback'));
    observe(name, engine.version, 'maintenance-trigger', native(apis.periodicSync, 'fallback'));
    observe(name, engine.version, 'push-trigger', native(apis.pushManager, 'not available'));
    observe(name, engine.version, 'internet-available', native(apis.sync, 'fallback'));
    observe(name, engine.version, 'internet-available-app-closed', native(apis.sync, 'fallback'));
    observe(name, engine.version, 'pending-conditions', native(apis.sync, 'fallback'));
    observe(name, engine.version, 'request-queue', native(apis.sync, 'fallback'));
    observe(name, engine.version, 'persistent-storage', native(apis.persist, 'not available'));

    // Periodic sync is granted to installed apps only: a test page's time task is caught up, on the kit clock.
    const registered = await registerTask(engine, { name: 'Refresh inbox', entryPoint: 'inbox.refresh', trigger: ['time', 15, false] });
    expect(registered.scheduledVia).toBe('catch-up');
    const bgkit = await attachDriver(engine);
    const before = Date.now();
    expect(await bgkit.advanceTime(16 * 60_000)).toMatchObject({ via: 'simulated', offset: 16 * 60_000 });
    await engine.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await bgkit.waitForRun('Refresh inbox', { since: before })).toMatchObject({ status: 'completed', source: 'catch-up' });
    observe(name, engine.version, 'kit-clock', 'simulated-only');
  });
}, ['chromium']);
