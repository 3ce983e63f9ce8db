import type { Page } from '@playwright/test';
import { expect, grantPeriodicSync, openApp, registerTask, test, type TaskSpec } from '../fixtures';
import { completedRuns, deviceState, pendingOf, runsOf } from '../support/page';

// Headless Chromium's battery is a fixed "charging" (an observation no test pins); the tests stand in a battery
// they can unplug.
const fakeBattery = () => {
  const battery = Object.assign(new EventTarget(), { charging: true, level: 0.8 });
  Object.defineProperty(navigator, 'getBattery', { configurable: true, value: () => Promise.resolve(battery) });
  (window as unknown as { __setCharging: (c: boolean) => void }).__setCharging = (charging: boolean) => {
    battery.charging = charging;
    battery.dispatchEvent(new Event('chargingchange'));
  };
  (window as unknown as { __setLevel: (l: number) => void }).__setLevel = (level: number) => {
    battery.level = level;
    battery.dispatchEvent(new Event('levelchange'));
  };
};

const setCharging = (page: Page, charging: boolean) =>
  page.evaluate((c) => (window as unknown as { __setCharging: (c: boolean) => void }).__setCharging(c), charging);

const prune: TaskSpec = { name: 'Prune', entryPoint: 'maintenance.prune', trigger: { type: 'maintenance', freshnessTime: 15, oneShot: false } };
const powerChanged: TaskSpec = { name: 'Power changed', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'powerStateChange', oneShot: false } };

test.beforeEach(async ({ context }) => {
  await context.addInitScript(fakeBattery);
});

test('unplugging and plugging in fires powerStateChange each time', async ({ page }) => {
  await openApp(page);
  const { taskId } = await registerTask(page, powerChanged);
  await setCharging(page, false);
  await completedRuns(page, taskId, 1);
  await setCharging(page, true);
  await completedRuns(page, taskId, 2);
});

test('a maintenance task due on battery waits for AC power, then runs', async ({ page, cdp }) => {
  await openApp(page);
  const grant = await grantPeriodicSync(page);
  const { taskId } = await registerTask(page, prune);
  await setCharging(page, false);
  // The trigger must fire after the worker has heard the page's battery report.
  await expect.poll(() => deviceState(page)).toMatchObject({ onAC: false, batteryLevel: 0.8 });
  await cdp.dispatchPeriodicSync(`bgkit:${taskId}`);
  await expect.poll(async () => (await pendingOf(page)).map((p) => p.taskId)).toEqual([taskId]);
  expect(await runsOf(page, taskId)).toEqual([]);
  await setCharging(page, true);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.status, { timeout: 15_000 }).toBe('completed');
  expect((await runsOf(page, taskId))[0]).toMatchObject({ source: 'periodicsync', trigger: 'maintenance', result: { pruned: 20 } });
  await grant.detach();
});

test('a running maintenance task is canceled with abort when power goes to battery', async ({ page, cdp }) => {
  await openApp(page);
  const grant = await grantPeriodicSync(page);
  const { taskId } = await registerTask(page, prune);
  await cdp.dispatchPeriodicSync(`bgkit:${taskId}`);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.status).toBe('running');
  await setCharging(page, false);
  await expect.poll(async () => (await runsOf(page, taskId))[0]).toMatchObject({ status: 'canceled', cancelReason: 'abort' });
  await expect(page.locator('#activity')).toContainText('Prune: canceled (abort)');
  await grant.detach();
});

test('a nearly empty battery makes work cost high: backgroundWorkCostChange fires and backgroundWorkCostNotHigh holds tasks back', async ({ page }) => {
  await openApp(page);
  const { taskId: watcher } = await registerTask(page, {
    name: 'Cost changed',
    entryPoint: 'system.react',
    trigger: { type: 'system', systemType: 'backgroundWorkCostChange', oneShot: false },
  });
  const { taskId: heavy } = await registerTask(page, {
    name: 'Heavy export',
    entryPoint: 'report.export',
    trigger: { type: 'application' },
    conditions: ['backgroundWorkCostNotHigh'],
  });
  expect(await page.evaluate(() => window.bgkit.BackgroundWorkCost.current())).toBe('low');
  await page.evaluate(() => (window as unknown as { __setLevel: (l: number) => void }).__setLevel(0.1));
  await setCharging(page, false);
  await expect.poll(() => page.evaluate(() => window.bgkit.BackgroundWorkCost.current())).toBe('high');
  await completedRuns(page, watcher, 1);
  await page.evaluate(async (id) => {
    const reg = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)!;
    await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 1, delayMs: 0 });
  }, heavy);
  await expect.poll(async () => (await pendingOf(page)).map((p) => p.taskId)).toEqual([heavy]);
  await setCharging(page, true);
  await expect.poll(async () => (await runsOf(page, heavy)).map((r) => r.status)).toEqual(['completed']);
  await completedRuns(page, watcher, 2);
});

test('a running task that needs a cheap moment is canceled with energySaver when the battery runs low, with conditionLoss for any other cost', async ({ page }) => {
  await openApp(page);
  const spec = (name: string): TaskSpec => ({ name, entryPoint: 'retry.flaky', trigger: { type: 'application' }, conditions: ['backgroundWorkCostNotHigh'], cancelOnConditionLoss: true });
  const start = async (name: string) => {
    const { taskId } = await registerTask(page, spec(name));
    await page.evaluate(async (taskId) => {
      const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
      await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ succeedAt: 1, holdMs: 60_000 });
    }, taskId);
    await expect.poll(async () => (await runsOf(page, taskId))[0]?.status).toBe('running');
    return taskId;
  };
  // The page's own Battery Status API report (the battery stood in, the relay real): unplugged at 10 %.
  const drained = await start('Sync photos');
  await setCharging(page, false);
  await page.evaluate(() => (window as unknown as { __setLevel: (l: number) => void }).__setLevel(0.1));
  await expect.poll(async () => (await runsOf(page, drained))[0]?.cancelReason).toBe('energySaver');

  // Charged again, the cost turns high for another reason (the user asks to save data): conditionLoss.
  await setCharging(page, true);
  await page.evaluate(() => (window as unknown as { __setLevel: (l: number) => void }).__setLevel(0.9));
  await expect.poll(() => deviceState(page)).toMatchObject({ onAC: true, batteryLevel: 0.9 });
  const costly = await start('Sync videos');
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'connection', { configurable: true, value: Object.assign(new EventTarget(), { saveData: true, effectiveType: '4g' }) });
    window.dispatchEvent(new Event('online'));
  });
  await expect.poll(async () => (await runsOf(page, costly))[0]?.cancelReason).toBe('conditionLoss');
});
