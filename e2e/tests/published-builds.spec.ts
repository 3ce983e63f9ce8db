import { expect, test } from '@playwright/test';
import { BgkitDriver, ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { registerTask } from '../fixtures';
import { openApp, runsOf } from '../support/page';

const fixturePort = Number(process.env.BGKIT_E2E_FIXTURE_PORT ?? 4392);

test('the published builds work unbundled: ESM client in the page, classic importScripts() build in the worker', async ({ page }) => {
  await openApp(page, `http://127.0.0.1:${fixturePort}/`);
  const outcome = await page.evaluate(async () => {
    const { BackgroundTaskBuilder, ApplicationTrigger } = window.bgkit;
    const builder = new BackgroundTaskBuilder();
    builder.name = 'Classic echo';
    builder.taskEntryPoint = 'classic.echo';
    const trigger = new ApplicationTrigger();
    builder.setTrigger(trigger);
    const registration = await builder.register();
    const completed = new Promise<unknown>((resolve) => registration.addEventListener('completed', (e) => resolve(e.checkResult())));
    const requested = await trigger.request({ hello: 'world' });
    let wrongEntry = '';
    try {
      const other = new BackgroundTaskBuilder();
      other.name = 'Missing';
      other.taskEntryPoint = 'not.defined';
      other.setTrigger(new ApplicationTrigger());
      await other.register();
    } catch (error) {
      wrongEntry = (error as { code: string }).code;
    }
    return { requested, result: await completed, wrongEntry, scriptURL: (await navigator.serviceWorker.ready).active?.scriptURL };
  });
  expect(outcome).toEqual({
    requested: 'allowed',
    result: { echoed: { hello: 'world' }, classic: 'function' },
    wrongEntry: 'entry-point-not-defined',
    scriptURL: `http://127.0.0.1:${fixturePort}/classic-sw.js`,
  });
});

test('a new version of the worker activating over existing registrations fires servicingComplete', async ({ page }) => {
  await openApp(page, `http://127.0.0.1:${fixturePort}/`);
  const { taskId } = await registerTask(page, {
    name: 'After an update',
    entryPoint: 'classic.echo',
    trigger: { type: 'system', systemType: 'servicingComplete', oneShot: false },
  });
  await page.evaluate(async () => {
    await fetch('/__bump');
    const registration = await navigator.serviceWorker.ready;
    const before = registration.active;
    await registration.update();
    // Wait for the new version to be the active one.
    await new Promise<void>((resolve) => {
      const check = () => (registration.active !== before && registration.active?.state === 'activated' ? resolve() : setTimeout(check, 50));
      check();
    });
  });
  await expect
    .poll(async () => (await runsOf(page, taskId)).map((r) => `${r.source}:${r.status}`))
    .toEqual(['worker:completed']);
});

test('a page call is answered while a new version is still activating (its servicingComplete run still going)', async ({ page }) => {
  await openApp(page, `http://127.0.0.1:${fixturePort}/`);
  const { taskId } = await registerTask(page, {
    name: 'Slow update',
    entryPoint: 'classic.slow',
    trigger: { type: 'system', systemType: 'servicingComplete', oneShot: false },
  });
  const outcome = await page.evaluate(async () => {
    await fetch('/__bump');
    const registration = await navigator.serviceWorker.ready;
    const before = registration.active;
    await registration.update();
    await new Promise<void>((resolve) => {
      const check = () => (registration.active !== before && registration.active?.state === 'activating' ? resolve() : setTimeout(check, 10));
      check();
    });
    const tasks = await window.bgkit.BackgroundTaskRegistration.allTasks();
    return { tasks: [...tasks.values()].map((t) => t.name), stateAtAnswer: registration.active?.state };
  });
  // The activate event waits for the 3-second run; the call did not wait for it (nor for a timeout).
  expect(outcome).toEqual({ tasks: ['Slow update'], stateAtAnswer: 'activating' });
  await expect
    .poll(async () => (await runsOf(page, taskId)).map((r) => `${r.source}:${r.status}:${JSON.stringify(r.result)}`))
    .toEqual(['worker:completed:"slow done"']);
});

test('a worker that did not enable devtools refuses simulations with devtools-disabled, and real events still run', async ({ page }) => {
  await openApp(page, `http://127.0.0.1:${fixturePort}/`);
  await registerTask(page, { name: 'Classic push', entryPoint: 'classic.echo', trigger: { type: 'push' } });
  const bgkit = await BgkitDriver.attach(page);
  await expect(bgkit.fire('Classic push', { payload: 'fake' })).rejects.toMatchObject({ name: 'BgkitError', code: 'devtools-disabled' });
  await expect(bgkit.setDeviceState({ onAC: false })).rejects.toMatchObject({ code: 'devtools-disabled' });
  expect(await bgkit.runs({ taskName: 'Classic push' })).toEqual([]);
  expect(await bgkit.deliverPush('real')).toEqual({ via: 'real' });
  expect(await bgkit.waitForRun('Classic push')).toMatchObject({ status: 'completed', source: 'push' });
  await bgkit.detach();
});

test('a run of the old version stopped while a new version waits to take over is canceled with servicingUpdate', async ({ page }) => {
  await openApp(page, `http://127.0.0.1:${fixturePort}/`);
  const { taskId } = await registerTask(page, { name: 'Long upload', entryPoint: 'classic.hold', trigger: { type: 'application' } });
  const cdp = await ServiceWorkerCdp.attach(page);
  const old = await cdp.activeVersion();
  await page.evaluate(async (taskId) => {
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({});
  }, taskId);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.status).toBe('running');
  // A deploy: the new version installs (and skips waiting), but the old one's run holds its activation back.
  const waiting = await page.evaluate(async () => {
    await fetch('/__bump');
    const registration = await navigator.serviceWorker.ready;
    await registration.update();
    await new Promise<void>((resolve) => {
      const check = () => (registration.waiting || (registration.active?.state === 'activating') ? resolve() : setTimeout(check, 50));
      check();
    });
    return registration.waiting?.state ?? registration.active?.state;
  });
  expect(waiting).toBe('installed');
  // The browser stops the old version's worker for the update (as it does after its events' time is up).
  await cdp.stopWorker(old.versionId);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.cancelReason, { timeout: 15_000 }).toBe('servicingUpdate');
  const [run] = await runsOf(page, taskId);
  expect(run).toMatchObject({ status: 'canceled', cancelReason: 'servicingUpdate' });
  await cdp.detach();
});
