import type { SystemTriggerType } from '@bgkit/client';
import { expect, openApp, registerTask, test, type TaskSpec } from '../fixtures';
import { completedRuns, deviceState, runsInWorker, runsOf, setVisibility } from '../support/page';

/** A `system.react` task on a SystemTrigger. */
const system = (name: string, systemType: SystemTriggerType, oneShot = false): TaskSpec => ({
  name,
  entryPoint: 'system.react',
  trigger: { type: 'system', systemType, oneShot },
});

test.describe('SystemTrigger', () => {
  test('registering a trigger the web cannot have fails with unsupported-trigger, naming it', async ({ app }) => {
    const errors = await app.evaluate(async () => {
      const { BackgroundTaskBuilder, SystemTrigger } = window.bgkit;
      const attempt = async (fn: () => unknown) => {
        try {
          await fn();
          return 'no error';
        } catch (error) {
          // The production build keeps the code and the details (the sentence is development-only prose).
          const e = error as { code: string; details?: Record<string, unknown> };
          return `${e.code}: ${JSON.stringify(e.details)}`;
        }
      };
      const register = (type: string) => {
        const builder = new BackgroundTaskBuilder();
        builder.name = `sys ${type}`;
        builder.taskEntryPoint = 'system.react';
        builder.setTrigger(new SystemTrigger(type as never, false));
        return builder.register();
      };
      return {
        sms: await attempt(() => register('smsReceived')),
        lockScreen: await attempt(() => register('lockScreenApplicationAdded')),
        bogus: await attempt(() => register('bogus')),
        badOneShot: await attempt(() => new SystemTrigger('internetAvailable', 1 as never)),
      };
    });
    expect(errors.sms).toBe('unsupported-trigger: {"trigger":"smsReceived"}');
    expect(errors.lockScreen).toMatch(/^unsupported-trigger: .*lockScreenApplicationAdded/);
    expect(errors.bogus).toMatch(/^invalid-trigger: .*bogus/);
    expect(errors.badOneShot).toMatch(/^invalid-trigger/);
  });

  test('going offline and back fires networkStateChange twice and internetAvailable once', async ({ app, context }) => {
    const { taskId: network } = await registerTask(app, system('Network changed', 'networkStateChange'));
    const { taskId: internet } = await registerTask(app, system('Back online', 'internetAvailable'));
    await context.setOffline(true);
    const [offline] = await completedRuns(app, network, 1);
    expect(offline).toMatchObject({ triggerDetails: { systemType: 'networkStateChange' }, result: { online: false } });
    // The worker asked for a real Background Sync, so the browser wakes it on reconnect even with no page open.
    await expect
      .poll(() => app.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags()))
      .toContain('bgkit-internet');
    await context.setOffline(false);
    const [online] = await completedRuns(app, internet, 1);
    expect(online).toMatchObject({ triggerDetails: { systemType: 'internetAvailable' }, result: { online: true } });
    await completedRuns(app, network, 2);
    // Both the page's `online` and the sync event saw the reconnect; the stored transition fires once. Waits
    // past the second the worker gives a page's report (or a sync) to agree with its own navigator.onLine.
    await app.waitForTimeout(1200);
    expect(await runsOf(app, internet)).toHaveLength(1);
  });

  test('with no page open, a real sync on reconnect wakes the worker and runs internetAvailable', async ({ app, context }) => {
    const { taskId: internet } = await registerTask(app, system('Back online', 'internetAvailable'));
    await context.setOffline(true);
    await expect
      .poll(() => app.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags()))
      .toContain('bgkit-internet');
    const blank = await context.newPage();
    await app.close();
    await context.setOffline(false);
    // Opening a page first would let it report "online" before the sync: look from inside the worker instead.
    await expect.poll(async () => (await runsInWorker(context)).filter((r) => r.taskId === internet).map((r) => r.status)).toEqual(['completed']);
    const page = await context.newPage();
    await openApp(page);
    const runs = await completedRuns(page, internet, 1);
    expect(runs[0]).toMatchObject({ source: 'sync', triggerDetails: { systemType: 'internetAvailable' } });
  });

  test('a time-zone change seen by a page fires timeZoneChange', async ({ app }) => {
    const { taskId } = await registerTask(app, system('Time zone', 'timeZoneChange'));
    const session = await app.context().newCDPSession(app);
    await session.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Tokyo' });
    await app.evaluate(() => window.dispatchEvent(new Event('focus')));
    const [run] = await completedRuns(app, taskId, 1);
    expect(run).toMatchObject({ source: 'page', triggerDetails: { systemType: 'timeZoneChange' } });
    await expect(app.locator('#activity')).toContainText('Time zone: timeZoneChange');
  });

  test('a hidden tab does not make the user away while another window of the app is visible', async ({ app, context }) => {
    const { taskId: away } = await registerTask(app, system('User away', 'userAway'));
    const other = await context.newPage();
    await openApp(other);
    // The first tab goes to the background; the second is still in front of the user.
    await setVisibility(app, 'hidden');
    // Let the hidden tab's report land (a heartbeat of the worker's own makes it observable), then look.
    await app.evaluate(() => window.dispatchEvent(new Event('focus')));
    await app.waitForTimeout(500);
    expect((await deviceState(other)).userPresent).toBe(true);
    expect(await runsOf(app, away)).toEqual([]);
    await other.close();
  });

  test('the page hiding and showing fires userAway then userPresent; a one-shot trigger is then unregistered', async ({ app }) => {
    const { taskId: away } = await registerTask(app, system('User away', 'userAway', true));
    const { taskId: present } = await registerTask(app, system('User back', 'userPresent'));
    await setVisibility(app, 'hidden');
    await completedRuns(app, away, 1);
    await setVisibility(app, 'visible');
    await completedRuns(app, present, 1);
    await expect
      .poll(async () => app.evaluate(async (id) => (await window.bgkit.BackgroundTaskRegistration.allTasks()).has(id), away))
      .toBe(false);
    await setVisibility(app, 'hidden');
    await setVisibility(app, 'visible');
    await completedRuns(app, present, 2);
    expect(await runsOf(app, away)).toHaveLength(1);
  });

  test('coming back after every window of the app was closed fires sessionConnected', async ({ app, context }) => {
    const { taskId } = await registerTask(app, system('Welcome back', 'sessionConnected'));
    const blank = await context.newPage();
    await app.close();
    const page = await context.newPage();
    await openApp(page);
    await expect.poll(async () => (await runsOf(page, taskId)).map((r) => `${r.source}:${r.status}`)).toEqual(['page:completed']);
    expect(await deviceState(page)).toMatchObject({ sessionConnected: true });
    await blank.close();
  });
});
