// Kill safety: a worker killed mid-event leaves a canceled/terminating run, and dispatchEvent rejects instead of hanging.
import { test, expect } from '@bgkit/devtools/playwright/test';
import { dispatch, dispatchRuns, LABEL, openRunnerApp } from './support';

test.use({ permissions: ['notifications', 'background-sync'] });

test('a kill mid-event: the run is canceled with terminating, and dispatchEvent rejects', async ({ page, bgkit }) => {
  await openRunnerApp(page);
  const pending = dispatch(page, 'never');
  await expect.poll(async () => (await dispatchRuns(page))[0]?.status).toBe('running');
  await bgkit.stopServiceWorker();
  expect(await pending).toMatchObject({ ok: false, name: 'BgkitError', code: 'task-canceled', details: { reason: 'terminating' } });
  const [run] = await dispatchRuns(page);
  expect(run).toMatchObject({ status: 'canceled', cancelReason: 'terminating' });
  // The runner works again at once, in a fresh worker.
  expect(await dispatch(page, 'asyncEcho', { after: 'kill' })).toEqual({ ok: true, value: { async: true, got: { after: 'kill' } } });
});

test('the runner\'s tasks are in allTasks(), with the autoStart schedule raised to 15 minutes', async ({ page }) => {
  await openRunnerApp(page);
  const tasks = await page.evaluate(async () => [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].map((t) => ({ name: t.name, entryPoint: t.taskEntryPoint, trigger: t.trigger.type, freshnessTime: (t.trigger as { freshnessTime?: number }).freshnessTime, oneShot: (t.trigger as { oneShot?: boolean }).oneShot })));
  expect(tasks).toEqual(
    expect.arrayContaining([
      { name: LABEL, entryPoint: `capacitor:${LABEL}`, trigger: 'application', freshnessTime: undefined, oneShot: undefined },
      { name: `${LABEL} · myCustomEvent (autoStart)`, entryPoint: `capacitor:${LABEL}:autoStart`, trigger: 'time', freshnessTime: 15, oneShot: false },
      { name: `${LABEL} · remoteNotification`, entryPoint: `capacitor:${LABEL}:remoteNotification`, trigger: 'push', freshnessTime: undefined, oneShot: undefined },
      // repeat: false → a one-shot trigger.
      { name: 'com.example.no-eval · myCustomEvent (autoStart)', entryPoint: 'capacitor:com.example.no-eval:autoStart', trigger: 'time', freshnessTime: 30, oneShot: true },
    ]),
  );
  // Loading the app again registers nothing new.
  await openRunnerApp(page);
  // Three tasks of the main runner, two of the second (no push).
  expect(await page.evaluate(async () => (await window.bgkit.BackgroundTaskRegistration.allTasks()).size)).toBe(5);
});

test('dispatches from two tabs at once both settle, each with its own result', async ({ page, context }) => {
  await openRunnerApp(page);
  const other = await context.newPage();
  await openRunnerApp(other);
  // One dispatch task per runner: while one tab's event runs, the other's request() answers 'currentlyRunning' and is asked again.
  const [mine, theirs] = await Promise.all([dispatch(page, 'asyncEcho', { tab: 1 }), dispatch(other, 'asyncEcho', { tab: 2 })]);
  expect(mine).toEqual({ ok: true, value: { async: true, got: { tab: 1 } } });
  expect(theirs).toEqual({ ok: true, value: { async: true, got: { tab: 2 } } });
  expect((await dispatchRuns(page)).filter((r) => r.status === 'completed')).toHaveLength(2);
});

test('the panel lists the runner\'s tasks and its runs', async ({ page }) => {
  await openRunnerApp(page, '/?devtools');
  expect(await dispatch(page, 'echo', { user: { firstName: 'Panel', lastName: 'Test' } })).toMatchObject({ ok: true });
  const panel = page.locator('bgkit-devtools');
  await expect(panel).toContainText(`${LABEL} · myCustomEvent (autoStart)`);
  await expect(panel).toContainText('Panel HELLO');
});

test('configureBackgroundRunner refuses a configuration it cannot schedule', async ({ page }) => {
  await openRunnerApp(page);
  const codes = await page.evaluate(async () => {
    const attempt = async (config: unknown) => {
      try {
        await window.capacitor.configureBackgroundRunner(config as never);
        return 'accepted';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    return [
      await attempt({ label: '', src: 'x.js', event: 'e', repeat: true, interval: 15 }),
      await attempt({ label: 'x', src: 'x.js', event: '', repeat: true, interval: 15, autoStart: true }),
      await attempt({ label: 'x', src: 'x.js', event: 'e', repeat: true, interval: 0, autoStart: true }),
      await attempt({ label: 'com.example.not-in-the-worker', src: 'x.js', event: 'e', repeat: true, interval: 15 }),
    ];
  });
  expect(codes).toEqual(['invalid-argument', 'invalid-argument', 'invalid-argument', 'entry-point-not-defined']);
});
