// Page→worker calls at their worst moments: a worker killed between a call's delivery and its reply, a first
// visit whose worker is still installing, a worker that does not run bgkit.
import { expect, test } from '@playwright/test';
import { ServiceWorkerCdp } from '@bgkit/devtools/playwright';
import { requestOnce } from '../fixtures';
import { openApp, runsOf } from '../support/page';

const fixturePort = Number(process.env.BGKIT_E2E_FIXTURE_PORT ?? 4392);

declare global {
  interface Window {
    registerServiceWorker: typeof import('@bgkit/client/register').registerServiceWorker;
    onStalling?: () => Promise<void>;
    exportTrigger?: InstanceType<typeof import('@bgkit/client').ApplicationTrigger>;
  }
}

test('a call whose worker is killed after receiving it is answered by a new worker within seconds, not after the timeout', async ({ page }) => {
  await openApp(page);
  const cdp = await ServiceWorkerCdp.attach(page);
  // The test app's worker holds its thread busy after taking the next call (e2e/app/src/sw.ts); it is killed then.
  await page.exposeFunction('onStalling', () => cdp.stopWorker());
  const outcome = await page.evaluate(async () => {
    const { configure, BackgroundTaskRegistration } = window.bgkit;
    const timeout = 20_000;
    configure({ timeout });
    new BroadcastChannel('e2e-stall').onmessage = () => void window.onStalling!();
    (await navigator.serviceWorker.ready).active!.postMessage({ type: 'e2e:stall-next-call' });
    const started = performance.now();
    const tasks = await BackgroundTaskRegistration.allTasks();
    return { timeout, tasks: tasks.size, took: performance.now() - started };
  });
  await cdp.detach();
  expect(outcome.tasks).toBeGreaterThan(0);
  // A bound, not a speed target: without the worker's acknowledgements the page would wait out its timeout
  // (20 s) before asking again; with them, it asks again once the worker has been silent for a few seconds.
  expect(outcome.took).toBeLessThan(outcome.timeout / 2);
});

test('a request whose new worker is killed during its start-up, after receiving it, is answered by the next worker well within its timeout, with one run', async ({ page }) => {
  await openApp(page);
  const cdp = await ServiceWorkerCdp.attach(page);
  // The trigger is looked up now: a lookup after the kill would be the call that wakes the next worker.
  const taskId = await page.evaluate(async () => {
    const registration = [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].find((r) => r.name === 'Export report')!;
    window.exportTrigger = registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>;
    return registration.taskId;
  });
  // Nor may the page's own refresh be that call: it lists the tasks again 50 ms after the worker's broadcast
  // of a registration (refreshSoon() in packages/client/src/BackgroundTaskRegistration.ts), as the app just made some.
  await page.waitForTimeout(300);
  await cdp.stopWorker();
  let kills = 0;
  await page.exposeFunction('onStalling', async () => {
    await cdp.stopWorker();
    kills++;
  });
  expect(await cdp.runningStatus()).toBe('stopped');
  const outcome = await page.evaluate(async () => {
    const timeout = 30_000;
    window.bgkit.configure({ timeout });
    new BroadcastChannel('e2e-stall').onmessage = () => void window.onStalling!();
    // The hook's message starts a new worker (bgkit does nothing for it). The request is that worker's first
    // call: it acknowledges it and starts its start-up (boot: settling, catch-up), and the hook then holds its
    // thread until the test kills it, start-up unfinished and the call unanswered.
    (await navigator.serviceWorker.ready).active!.postMessage({ type: 'e2e:stall-next-call' });
    const started = performance.now();
    const answer = await window.exportTrigger!.request({ steps: 1, delayMs: 0, label: 'after-kill' });
    return { timeout, answer, took: performance.now() - started };
  });
  await cdp.detach();
  expect(kills).toBe(1);
  expect(outcome.answer).toBe('allowed');
  // A bound, not a speed target: the page asks again once the worker has been silent for a few seconds,
  // where it would otherwise wait out its timeout (30 s). Killing a busy worker takes about 2 s of that.
  expect(outcome.took).toBeLessThan(outcome.timeout / 3);
  // Asked twice, run once.
  await expect.poll(async () => (await runsOf(page, taskId)).filter((r) => (r.triggerDetails as { arguments?: { label?: string } }).arguments?.label === 'after-kill').map((r) => r.status)).toEqual(['completed']);
  console.log(`[calls] request answered ${Math.round(outcome.took)} ms after a kill during the new worker's start-up (timeout ${outcome.timeout} ms)`);
});

test('a first visit whose worker installs for longer than the call timeout: calls wait for it to activate', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${fixturePort}/first-contact/`);
  await page.evaluate(() => {
    window.bgkit.configure({ timeout: 1000 });
    window.registerServiceWorker('/first-contact/slow-sw.js?install=3000', { scope: '/first-contact/' });
  });
  // register() and request() are made while the worker installs, for longer than the call timeout.
  expect(await requestOnce(page, 'Echo', 'slow.echo', { first: 'visit' })).toMatchObject({ requested: 'allowed', status: 'completed', result: { echoed: { first: 'visit' } } });
});

test('a worker still installing when activationTimeout runs out: no-service-worker says it was installing', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${fixturePort}/first-contact/`);
  const error = await page.evaluate(async () => {
    const { configure, BackgroundTaskRegistration } = window.bgkit;
    configure({ timeout: 500, activationTimeout: 1500 });
    window.registerServiceWorker('/first-contact/slow-sw.js?install=10000', { scope: '/first-contact/' });
    try {
      await BackgroundTaskRegistration.allTasks();
      return null;
    } catch (e) {
      const { code, message, details } = e as { code: string; message: string; details: { state: string; waited: number } };
      return { code, message, details };
    }
  });
  expect(error).toMatchObject({ code: 'no-service-worker', details: { state: 'installing' } });
  expect(error!.details.waited).toBeGreaterThanOrEqual(1500);
  expect(error!.message).toBe(`No active service worker after ${error!.details.waited} ms: it was still installing (configure({ activationTimeout }) waits longer).`);
});

test('a worker that does not run bgkit is named as such, with the time really waited', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${fixturePort}/first-contact/`);
  const error = await page.evaluate(async () => {
    const { configure, BackgroundTaskRegistration } = window.bgkit;
    configure({ timeout: 1500 });
    window.registerServiceWorker('/first-contact/plain-sw.js', { scope: '/first-contact/' });
    try {
      await BackgroundTaskRegistration.allTasks();
      return null;
    } catch (e) {
      const { code, message, details } = e as { code: string; message: string; details: { acknowledged: boolean; waited: number; scriptURL: string } };
      return { code, message, details };
    }
  });
  expect(error).toMatchObject({
    code: 'sw-timeout',
    message: expect.stringContaining('does not run @bgkit/sw'),
    details: { acknowledged: false, scriptURL: `http://127.0.0.1:${fixturePort}/first-contact/plain-sw.js` },
  });
  expect(error!.message).toContain(`within ${error!.details.waited} ms`);
});
