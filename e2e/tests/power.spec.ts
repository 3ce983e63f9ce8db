import type { Page } from '@playwright/test';
import { expect, grantPeriodicSync, openDemo, test } from '../fixtures';

// Headless Chromium's battery is a fixed "charging"; the tests stand in a battery they can unplug.
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
const runsOf = (page: Page, taskId: string) => page.evaluate((id) => window.bgkit.BackgroundExecutionManager.runs({ taskId: id }), taskId);


function register(page: Page, kind: 'maintenance' | 'power') {
  return page.evaluate(async (kind) => {
    const { BackgroundTaskBuilder, MaintenanceTrigger, SystemTrigger } = window.bgkit;
    const builder = new BackgroundTaskBuilder();
    builder.name = kind === 'maintenance' ? 'Prune' : 'Power changed';
    builder.taskEntryPoint = kind === 'maintenance' ? 'maintenance.prune' : 'system.react';
    builder.setTrigger(kind === 'maintenance' ? new MaintenanceTrigger(15, false) : new SystemTrigger('powerStateChange', false));
    return (await builder.register()).taskId;
  }, kind);
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(fakeBattery);
});

test('unplugging and plugging in fires powerStateChange each time', async ({ page }) => {
  await openDemo(page);
  const taskId = await register(page, 'power');
  await setCharging(page, false);
  await expect.poll(async () => (await runsOf(page, taskId)).filter((r) => r.status === 'completed').length).toBe(1);
  await setCharging(page, true);
  await expect.poll(async () => (await runsOf(page, taskId)).filter((r) => r.status === 'completed').length).toBe(2);
});

test('a maintenance task due on battery waits for AC power, then runs', async ({ page, cdp }) => {
  await openDemo(page);
  const grant = await grantPeriodicSync(page);
  const taskId = await register(page, 'maintenance');
  await setCharging(page, false);
  // The trigger must fire after the worker has heard the page's battery report.
  await expect.poll(() => page.evaluate(() => window.bgkit.BackgroundExecutionManager.deviceState())).toMatchObject({ onAC: false, batteryLevel: 0.8 });
  await cdp.dispatchPeriodicSync(`bgkit:${taskId}`);
  await expect.poll(async () => (await page.evaluate(() => window.bgkit.BackgroundExecutionManager.pending())).map((p) => p.taskId)).toEqual([taskId]);
  expect(await runsOf(page, taskId)).toEqual([]);
  await setCharging(page, true);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.status, { timeout: 15_000 }).toBe('completed');
  expect((await runsOf(page, taskId))[0]).toMatchObject({ source: 'periodicsync', trigger: 'maintenance', result: { pruned: 20 } });
  await grant.detach();
});

test('a running maintenance task is canceled with abort when power goes to battery', async ({ page, cdp }) => {
  await openDemo(page);
  const grant = await grantPeriodicSync(page);
  const taskId = await register(page, 'maintenance');
  await cdp.dispatchPeriodicSync(`bgkit:${taskId}`);
  await expect.poll(async () => (await runsOf(page, taskId))[0]?.status).toBe('running');
  await setCharging(page, false);
  await expect.poll(async () => (await runsOf(page, taskId))[0]).toMatchObject({ status: 'canceled', cancelReason: 'abort' });
  await expect(page.locator('#activity')).toContainText('Prune: canceled (abort)');
  await grant.detach();
});

test('a nearly empty battery makes work cost high: backgroundWorkCostChange fires and backgroundWorkCostNotHigh holds tasks back', async ({ page }) => {
  await openDemo(page);
  const ids = await page.evaluate(async () => {
    const { BackgroundTaskBuilder, SystemTrigger, ApplicationTrigger, SystemCondition } = window.bgkit;
    const watcher = new BackgroundTaskBuilder();
    watcher.name = 'Cost changed';
    watcher.taskEntryPoint = 'system.react';
    watcher.setTrigger(new SystemTrigger('backgroundWorkCostChange', false));
    const heavy = new BackgroundTaskBuilder();
    heavy.name = 'Heavy export';
    heavy.taskEntryPoint = 'report.export';
    heavy.setTrigger(new ApplicationTrigger());
    heavy.addCondition(new SystemCondition('backgroundWorkCostNotHigh'));
    return { watcher: (await watcher.register()).taskId, heavy: (await heavy.register()).taskId };
  });
  expect(await page.evaluate(() => window.bgkit.BackgroundWorkCost.current())).toBe('low');
  await page.evaluate(() => (window as unknown as { __setLevel: (l: number) => void }).__setLevel(0.1));
  await setCharging(page, false);
  await expect.poll(() => page.evaluate(() => window.bgkit.BackgroundWorkCost.current())).toBe('high');
  await expect.poll(async () => (await runsOf(page, ids.watcher)).filter((r) => r.status === 'completed').length).toBe(1);
  await page.evaluate(async (id) => {
    const reg = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(id)!;
    await (reg.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ steps: 1, delayMs: 0 });
  }, ids.heavy);
  await expect.poll(async () => (await page.evaluate(() => window.bgkit.BackgroundExecutionManager.pending())).map((p) => p.taskId)).toEqual([ids.heavy]);
  await setCharging(page, true);
  await expect.poll(async () => (await runsOf(page, ids.heavy)).map((r) => r.status)).toEqual(['completed']);
  await expect.poll(async () => (await runsOf(page, ids.watcher)).filter((r) => r.status === 'completed').length).toBe(2);
});
