// Access and push where the engines differ from Chromium: a storage prompt nobody answers (Firefox), no
// push service (Firefox offline), no Push API at all (WebKitGTK), and a notification prompt whose answer the
// browser does not keep (WebKitGTK).
import { expect, test } from 'vitest';
import { attachDriver, openApp } from './support/app.js';
import { accessWithStorage, engineApis, registerTask } from './support/kit.js';
import { observe } from './support/observed.js';
import { forEachEngine } from './support/suite.js';

const VAPID = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

forEachEngine('access and push (Firefox)', (ctx, name) => {
  test('requestAccess() settles although nobody answers the persistent-storage prompt', async () => {
    const { engine, server } = ctx;
    // Nothing granted: navigator.storage.persist() opens a prompt that never gets an answer in automation.
    // The app calls requestAccess() on load and is ready only once it settled.
    await openApp(engine, server, { grant: false });
    const shown = await engine.page.evaluate(() => document.querySelector('#access')!.textContent);
    expect(shown).toBe('allowedSubjectToSystemPolicy');
    const report = await engine.page.evaluate(() => window.bgkit.BackgroundExecutionManager.getAccessReport());
    expect(report).toEqual({ status: 'allowedSubjectToSystemPolicy', missing: ['persistentStorage'] });
  });

  test('persistent storage granted as a user answering the prompt would: requestAccess() reports it, and the storage is persisted', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const seen = await accessWithStorage(engine);
    expect(seen.persisted).toBe(true);
    expect(seen.report.missing).not.toContain('persistentStorage');
    expect(seen.requested).toBe(seen.report.status);
    observe(name, engine.version, 'persistent-storage', 'native');
  });

  test('subscribeToPush() with notifications granted but no push service reachable fails with push-unavailable, not push-denied', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    const failure = await engine.page.evaluate(async (key: string) => {
      try {
        await window.bgkit.subscribeToPush(key, { timeout: 60_000 });
        return { code: 'subscribed', permission: Notification.permission };
      } catch (error) {
        const e = error as { code?: string; cause?: { name?: string; message?: string } };
        return { code: e.code, permission: Notification.permission, cause: `${e.cause?.name}: ${e.cause?.message}` };
      }
    }, VAPID);
    expect(failure).toMatchObject({ code: 'push-unavailable', permission: 'granted' });
    expect(failure.cause).toContain('Error retrieving push subscription');
  });

  test('a PushNotificationTrigger task registers (the engine has the Push API) and runs on a simulated push message', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    expect((await engineApis(engine)).pushManager).toBe(true);
    await registerTask(engine, { name: 'On push', entryPoint: 'push.received', trigger: ['push'] });
    const bgkit = await attachDriver(engine);
    // No push service here, and no test API delivers one: the kit's simulation takes the push event's path.
    const { via } = await bgkit.deliverPush({ hello: 'firefox' });
    expect(via).toBe('simulated');
    const run = await bgkit.waitForRun('On push');
    expect(run).toMatchObject({ status: 'completed', source: 'simulated', triggerDetails: { json: { hello: 'firefox' } } });
    // What was shown: the task registers and runs on a push event, made up by the simulation.
    observe(name, engine.version, 'push-trigger', via === 'real' ? 'native' : 'simulated-only');
  });
}, ['firefox']);

forEachEngine('access and push (WebKitGTK)', (ctx, name) => {
  test('a PushNotificationTrigger task is refused with unsupported-trigger: the engine has no Push API, so it could never fire', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    expect((await engineApis(engine)).pushManager).toBe(false);
    const refused = await engine.page.evaluate(async () => {
      const k = window.bgkit;
      const builder = new k.BackgroundTaskBuilder();
      builder.name = 'On push';
      builder.taskEntryPoint = 'push.received';
      builder.setTrigger(new k.PushNotificationTrigger());
      try {
        await builder.register();
        return { registered: true };
      } catch (error) {
        const e = error as { code?: string; details?: unknown };
        return { code: e.code, details: e.details };
      }
    });
    expect(refused).toEqual({ code: 'unsupported-trigger', details: { api: 'PushManager' } });
    // Nothing half-registered: the task is not listed.
    const names = await engine.page.evaluate(async () => [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].map((r) => r.name));
    expect(names).not.toContain('On push');
    const subscribe = await engine.page.evaluate(async () => window.bgkit.subscribeToPush('AAAA').then(() => 'subscribed', (e: { code?: string }) => e.code));
    expect(subscribe).toBe('unsupported-browser');
    observe(name, engine.version, 'push-trigger', 'not available');
  });

  test('requestAccess() and getAccessStatus() agree when the notification prompt answers "denied" but the browser keeps "default"', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server);
    // A notification task needs notifications (it fires only on the app's own notifications).
    const seen = await engine.page.evaluate(async () => {
      const k = window.bgkit;
      const builder = new k.BackgroundTaskBuilder();
      builder.name = 'On notification click';
      builder.taskEntryPoint = 'toast.react';
      builder.setTrigger(new k.ToastNotificationActionTrigger());
      await builder.register();
      const answer = await Notification.requestPermission();
      const requested = await k.BackgroundExecutionManager.requestAccess();
      return { answer, kept: Notification.permission, requested, report: await k.BackgroundExecutionManager.getAccessReport() };
    });
    // MiniBrowser's prompt says "denied" and keeps "default" (it would ask again).
    expect(seen).toMatchObject({ answer: 'denied', kept: 'default' });
    expect(seen.requested).toBe(seen.report.status);
    expect(seen.report).toEqual({ status: 'allowedSubjectToSystemPolicy', missing: ['notifications', 'persistentStorage'] });
    // No navigator.storage.persist() in WebKitGTK: persistent storage cannot be asked for.
    expect((await engineApis(engine)).persist).toBe(false);
    observe(name, engine.version, 'persistent-storage', 'not available');
  });
}, ['webkit']);
