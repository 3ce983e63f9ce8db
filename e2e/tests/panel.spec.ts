// The in-page devtools panel (@bgkit/devtools), driven the way a developer uses it: launcher, keyboard, buttons.
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, registerTask, test } from '../fixtures';
import { deviceState } from '../support/page';

const fixturePort = Number(process.env.BGKIT_E2E_FIXTURE_PORT ?? 4392);
// The README's picture is rewritten only when asked (BGKIT_UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
const docsScreenshot = fileURLToPath(new URL('../../docs/devtools-panel.png', import.meta.url));

const panel = (page: Page) => page.locator('bgkit-devtools #bgkit-panel');
const task = (page: Page, name: string) => panel(page).locator(`.task[data-name="${name}"]`);
const runs = (page: Page, name: string) => panel(page).locator(`.run[data-name="${name}"]`);
const device = (page: Page, field: string) => panel(page).locator(`.state dd[data-field="${field}"]`);
const events = (page: Page) => panel(page).locator('[data-section="events"]');

/** Expects the device field to read `text`, marked simulated or not. */
async function expectDevice(page: Page, field: string, text: string | RegExp, simulated: boolean): Promise<void> {
  await expect(device(page, field).locator('.value')).toHaveText(text);
  if (simulated) {
    await expect(device(page, field)).toHaveAttribute('data-simulated', '');
    await expect(device(page, field).locator('.badge.simulated')).toBeVisible();
  } else {
    await expect(device(page, field)).not.toHaveAttribute('data-simulated');
  }
}

async function openPanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open bgkit devtools' }).click();
  await expect(panel(page).getByRole('heading', { name: 'bgkit devtools' })).toBeVisible();
}

/** The run history as the page's public API has it, for a second opinion on what the panel shows. */
function historyOf(page: Page, name: string) {
  return page.evaluate(async (name) => (await window.bgkit.BackgroundExecutionManager.runs()).filter((r) => r.name === name), name);
}

/** Expects the newest run of `name` to have completed, simulated, with `result` in its outcome. */
async function expectSimulatedRun(run: Locator, result: string | RegExp): Promise<void> {
  await expect(run).toHaveAttribute('data-status', 'completed');
  await expect(run.locator('.badge.simulated')).toHaveText('simulated');
  await expect(run.locator('.outcome')).toContainText(result);
}

test.describe('the devtools panel', () => {
  test('its UI is loaded only when first opened; the launcher and Alt+Shift+B open it, Escape closes it', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await openApp(page);
    await expect(page.locator('bgkit-devtools')).toBeAttached();
    await expect(panel(page)).toBeHidden();
    // The page has loaded its scripts and talked to the worker; the panel's chunk is still not among them.
    expect(scripts.some((s) => s.includes('/assets/index-'))).toBe(true);
    expect(scripts.filter((s) => s.includes('BgkitPanel'))).toEqual([]);

    const chunk = page.waitForRequest((request) => request.url().includes('BgkitPanel'));
    await openPanel(page);
    expect(new URL((await chunk).url()).pathname).toMatch(/^\/assets\/BgkitPanel-[\w-]+\.js$/);
    // The launcher steps aside while the panel is open (the panel has its own close button).
    const launcher = page.locator('bgkit-devtools button.launcher');
    await expect(launcher).toHaveAttribute('aria-expanded', 'true');
    await expect(launcher).toBeHidden();
    // It shows what the app registered, live.
    await expect(task(page, 'Export report').locator('.trigger')).toHaveText('ApplicationTrigger');
    await expect(task(page, 'Cache cleanup').locator('.group')).toHaveText('Maintenance');
    await expect(panel(page).locator('.access')).toHaveText(/allowed|Allowed/);

    // Keyboard: focus starts in the panel, Tab reaches the close button, Escape closes and gives focus back.
    await page.keyboard.press('Tab');
    await expect(panel(page).getByRole('button', { name: 'Close bgkit devtools' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel(page)).toBeHidden();
    await expect(launcher).toBeFocused();
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Alt+Shift+B');
    await expect(panel(page)).toBeVisible();
    await page.keyboard.press('Alt+Shift+B');
    await expect(panel(page)).toBeHidden();
    await page.locator('body').focus();
    await page.keyboard.press('Alt+Shift+B');
    await expect(panel(page)).toBeVisible();
    // Loaded once, whatever the number of opens.
    expect(scripts.filter((s) => s.includes('BgkitPanel'))).toHaveLength(1);
    await panel(page).getByRole('button', { name: 'Close bgkit devtools' }).click();
    await expect(panel(page)).toBeHidden();
  });

  test('fires an application task with arguments and shows its progress, result and simulated badge', async ({ page }) => {
    await openApp(page);
    await page.keyboard.press('Alt+Shift+B');
    const card = task(page, 'Export report');
    await card.getByLabel('Arguments (JSON)').fill('{"steps": 5, "delayMs": 400, "label": "from-panel"}');
    await card.getByRole('button', { name: 'Fire Export report now' }).click();
    await expect(panel(page).getByRole('status')).toContainText('Fire Export report: allowed');

    const run = runs(page, 'Export report').first();
    await expect(run).toHaveAttribute('data-status', 'running');
    await expect(run.locator('.badge.simulated')).toBeVisible();
    await expect(run.getByRole('button', { name: 'Cancel run of Export report' })).toBeVisible();
    // The bar moves while it runs.
    await expect.poll(() => run.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBeGreaterThan(0);
    await expectSimulatedRun(run, '{"label":"from-panel","steps":5,"rows":50}');
    await expect(run.locator('.percent')).toHaveText('100%');
    await expect(run.locator('.duration')).toHaveText(/\d(\.\d)? s$/);
    await expect(run.getByRole('button', { name: /Cancel run/ })).toBeHidden();
    await expect(card.locator('.last')).toHaveText(/^completed · \{"label":"from-panel"/);
    // Bad JSON never reaches the worker.
    await card.getByLabel('Arguments (JSON)').fill('{steps: 2}');
    await card.getByRole('button', { name: 'Fire Export report now' }).click();
    await expect(panel(page).getByRole('status')).toContainText('Arguments are not JSON');
    await expect(runs(page, 'Export report')).toHaveCount(1);

    const [recorded] = await historyOf(page, 'Export report');
    expect(recorded).toMatchObject({ source: 'simulated', status: 'completed', progress: 100, result: { label: 'from-panel', steps: 5, rows: 50 } });
  });

  test('fires push tasks with a payload, a push channel reset, notification tasks with an action, and a time trigger now', async ({ page }) => {
    await openApp(page);
    await registerTask(page, { name: 'Push', entryPoint: 'push.received', trigger: { type: 'push' } });
    await registerTask(page, { name: 'Click', entryPoint: 'toast.react', trigger: { type: 'toastAction' } });
    await registerTask(page, { name: 'Hourly', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 60, oneShot: false } });
    await openPanel(page);

    // A push task's own "Fire now", with its payload box.
    await task(page, 'Push').getByLabel('Push payload').fill('{"from":"task"}');
    await task(page, 'Push').getByRole('button', { name: 'Fire Push now' }).click();
    await expectSimulatedRun(runs(page, 'Push').first(), '"json":{"from":"task"}');
    // A push message from the Events section reaches every push task.
    await events(page).getByLabel('Push payload').fill('{"from":"events"}');
    await events(page).getByRole('button', { name: 'Send push' }).click();
    await expect(runs(page, 'Push')).toHaveCount(2);
    await expectSimulatedRun(runs(page, 'Push').first(), '"json":{"from":"events"}');
    // A reset of the push channel (pushsubscriptionchange) from the same group runs controlChannelReset tasks.
    await registerTask(page, { name: 'Channel reset', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'controlChannelReset', oneShot: false } });
    await events(page).getByRole('button', { name: 'Reset push channel' }).click();
    await expectSimulatedRun(runs(page, 'Channel reset').first(), '"systemType":"controlChannelReset"');

    // A click on a notification's action button.
    await events(page).getByLabel('Notification tag').fill('digest');
    await events(page).getByLabel('Action').fill('archive');
    await events(page).getByRole('button', { name: 'Click notification' }).click();
    await expectSimulatedRun(runs(page, 'Click').first(), '"action":"archive","tag":"digest"');
    // And the task's own fire, with action and tag boxes.
    await task(page, 'Click').getByLabel('Action').fill('open');
    await task(page, 'Click').getByLabel('Tag').fill('m-7');
    await task(page, 'Click').getByRole('button', { name: 'Fire Click now' }).click();
    await expect(runs(page, 'Click')).toHaveCount(2);
    await expectSimulatedRun(runs(page, 'Click').first(), '"action":"open","tag":"m-7"');

    // A time trigger, with its schedule, fired now: the next run moves a period on.
    const hourly = task(page, 'Hourly');
    await expect(hourly.locator('.trigger')).toHaveText('TimeTrigger(60 min, repeating)');
    await expect(hourly.locator('.next')).toHaveText(/^in (59|60) min|^in 1 h/);
    await hourly.getByRole('button', { name: 'Fire Hourly now' }).click();
    await expectSimulatedRun(runs(page, 'Hourly').first(), '"refreshedAt":');
    await expect(runs(page, 'Hourly').first()).toHaveAttribute('data-source', 'simulated');

    const history = await page.evaluate(async () => (await window.bgkit.BackgroundExecutionManager.runs()).map((r) => `${r.name}:${r.source}:${r.status}`));
    expect(history.sort()).toEqual(['Channel reset:simulated:completed', 'Click:simulated:completed', 'Click:simulated:completed', 'Hourly:simulated:completed', 'Push:simulated:completed', 'Push:simulated:completed']);
  });

  test('device buttons fire system triggers: internet lost and back, user away and present, power, time zone, work cost', async ({ page }) => {
    await openApp(page);
    const system = [
      ['Network', 'networkStateChange'],
      ['Internet', 'internetAvailable'],
      ['Away', 'userAway'],
      ['Present', 'userPresent'],
      ['Power', 'powerStateChange'],
      ['Zone', 'timeZoneChange'],
      ['Cost', 'backgroundWorkCostChange'],
    ] as const;
    for (const [name, systemType] of system) {
      await registerTask(page, { name, entryPoint: 'system.react', trigger: { type: 'system', systemType, oneShot: false } });
    }
    await openPanel(page);
    await expect(task(page, 'Zone').locator('.trigger')).toHaveText('SystemTrigger(timeZoneChange)');
    await expectDevice(page, 'online', 'yes', false);

    await panel(page).getByRole('button', { name: 'Internet lost' }).click();
    await expectDevice(page, 'online', 'no', true);
    await expectSimulatedRun(runs(page, 'Network').first(), '"systemType":"networkStateChange"');
    await panel(page).getByRole('button', { name: 'Internet back' }).click();
    await expectSimulatedRun(runs(page, 'Internet').first(), '"systemType":"internetAvailable"');
    await expect(runs(page, 'Network')).toHaveCount(2);

    await panel(page).getByRole('button', { name: 'User away' }).click();
    await expectSimulatedRun(runs(page, 'Away').first(), '"systemType":"userAway"');
    await expectDevice(page, 'userPresent', 'no', true);
    await panel(page).getByRole('button', { name: 'User present' }).click();
    await expectSimulatedRun(runs(page, 'Present').first(), '"systemType":"userPresent"');

    await panel(page).getByRole('button', { name: 'Power to battery' }).click();
    await expectDevice(page, 'onAC', /^battery/, true);
    const powerRuns = await runs(page, 'Power').count();
    await panel(page).getByRole('button', { name: 'Power to AC' }).click();
    await expect(runs(page, 'Power')).toHaveCount(powerRuns + 1);
    await expectSimulatedRun(runs(page, 'Power').first(), '"systemType":"powerStateChange"');
    await expectDevice(page, 'onAC', /^AC/, true);

    await panel(page).getByLabel('Time zone', { exact: true }).fill('Pacific/Chatham');
    await panel(page).getByRole('button', { name: 'Change time zone' }).click();
    await expectSimulatedRun(runs(page, 'Zone').first(), '"systemType":"timeZoneChange"');
    await expectDevice(page, 'timeZone', 'Pacific/Chatham', true);

    await panel(page).getByRole('button', { name: 'Work cost high' }).click();
    await expectSimulatedRun(runs(page, 'Cost').first(), '"systemType":"backgroundWorkCostChange"');
    await expectDevice(page, 'workCost', 'high', true);

    // Reset: the worker believes the pages again, nothing is marked simulated.
    await panel(page).getByRole('button', { name: 'Reset device' }).click();
    await expect(panel(page).locator('.state dd[data-simulated]')).toHaveCount(0);
    await expect(device(page, 'timeZone').locator('.value')).not.toHaveText('Pacific/Chatham');
    await expectDevice(page, 'online', 'yes', false);
    const state = await deviceState(page);
    expect(state.simulated ?? []).toEqual([]);
  });

  test('cancels a running run with the chosen reason', async ({ page }) => {
    await openApp(page);
    await openPanel(page);
    const card = task(page, 'Export report');
    await card.getByLabel('Arguments (JSON)').fill('{"steps": 50, "delayMs": 200}');
    await card.getByRole('button', { name: 'Fire Export report now' }).click();
    const run = runs(page, 'Export report').first();
    await expect(run).toHaveAttribute('data-status', 'running');
    await run.getByLabel('Reason').selectOption('energySaver');
    await run.getByRole('button', { name: 'Cancel run of Export report' }).click();
    await expect(run).toHaveAttribute('data-status', 'canceled');
    await expect(run.locator('.outcome')).toHaveText('canceled: energySaver');
    await expect(run.getByRole('button', { name: /Cancel run/ })).toBeHidden();
    const [recorded] = await historyOf(page, 'Export report');
    expect(recorded).toMatchObject({ status: 'canceled', cancelReason: 'energySaver', source: 'simulated' });
    expect(recorded!.progress).toBeLessThan(100);
  });

  test('mountBgkitDevtools() refuses bad options with invalid-argument and mounts nothing', async ({ page }) => {
    await openApp(page, `http://127.0.0.1:${fixturePort}/panel.html`);
    const codes = await page.evaluate(async () => {
      const { mountBgkitDevtools } = await import('@bgkit/devtools');
      const attempt = (options: Record<string, unknown>) => {
        try {
          mountBgkitDevtools(options as never);
          return 'mounted';
        } catch (error) {
          return `${(error as Error).name}:${(error as { code?: string }).code}`;
        }
      };
      return [attempt({ position: 'left' }), attempt({ nonce: 42 }), attempt({ container: 'body' }), document.querySelectorAll('bgkit-devtools').length];
    });
    // The fixture page mounted one panel itself; the refused calls added none.
    expect(codes).toEqual(['BgkitError:invalid-argument', 'BgkitError:invalid-argument', 'BgkitError:invalid-argument', 1]);
  });

  test('against a worker that did not enable devtools: a banner says how, the views stay live, nothing can be fired', async ({ page }) => {
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    await openApp(page, `http://127.0.0.1:${fixturePort}/panel.html`);
    const result = await page.evaluate(async () => {
      const { BackgroundTaskBuilder, ApplicationTrigger } = window.bgkit;
      const builder = new BackgroundTaskBuilder();
      builder.name = 'Classic echo';
      builder.taskEntryPoint = 'classic.echo';
      const trigger = new ApplicationTrigger();
      builder.setTrigger(trigger);
      const registration = await builder.register();
      const completed = new Promise<unknown>((resolve) => registration.addEventListener('completed', (e) => resolve(e.checkResult())));
      await trigger.request({ hello: 'panel' });
      return completed;
    });
    expect(result).toMatchObject({ echoed: { hello: 'panel' } });

    await openPanel(page);
    const banner = panel(page).locator('[data-banner="devtools-disabled"]');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('enableDevtools()');
    // Read-only views work: the task, its run (not simulated), the device state.
    await expect(task(page, 'Classic echo').locator('.trigger')).toHaveText('ApplicationTrigger');
    const run = runs(page, 'Classic echo').first();
    await expect(run).toHaveAttribute('data-status', 'completed');
    await expect(run.locator('.outcome')).toContainText('"echoed":{"hello":"panel"}');
    await expect(run.locator('.badge.simulated')).toHaveCount(0);
    await expect(run).toHaveAttribute('data-source', 'application');
    await expectDevice(page, 'online', 'yes', false);
    // Every simulation control is off.
    await expect(task(page, 'Classic echo').getByRole('button', { name: 'Fire Classic echo now' })).toBeDisabled();
    await expect(panel(page).getByRole('button', { name: 'Internet lost' })).toBeDisabled();
    await expect(events(page).getByRole('button', { name: 'Send push' })).toBeDisabled();
    // The worker itself refuses, as the banner says.
    const code = await page.evaluate(async () => {
      const { simulate } = await import('@bgkit/client/devtools');
      return simulate({ kind: 'resetDevice' }).then(() => 'accepted', (e: { code: string }) => e.code);
    });
    expect(code).toBe('devtools-disabled');
    // The page's CSP allows styles only with the nonce: the panel's styles carry it, so they apply.
    await expect(banner).toHaveCSS('border-left-width', '4px');
    await expect(page.locator('bgkit-devtools button.launcher')).toHaveCSS('position', 'fixed');
    expect(refused.filter((text) => text.includes('Content Security Policy'))).toEqual([]);
  });

  test('works in a narrow viewport', async ({ page }) => {
    await page.setViewportSize({ width: 380, height: 720 });
    await openApp(page);
    await openPanel(page);
    const box = (await panel(page).boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(380);
    expect(box.x).toBeGreaterThanOrEqual(0);
    const fire = task(page, 'Export report').getByRole('button', { name: 'Fire Export report now' });
    await fire.click();
    await expectSimulatedRun(runs(page, 'Export report').first(), '"rows":50');
    const overflow = await panel(page).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('screenshot: the open panel beside the app', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page);
    await registerTask(page, { name: 'Inbox refresh', entryPoint: 'inbox.refresh', trigger: { type: 'time', freshnessTime: 30, oneShot: false } });
    await registerTask(page, { name: 'On push', entryPoint: 'push.received', trigger: { type: 'push' } });
    await registerTask(page, { name: 'Send when online', entryPoint: 'system.react', trigger: { type: 'system', systemType: 'internetAvailable', oneShot: false }, conditions: ['userPresent'] });
    await openPanel(page);
    await task(page, 'On push').getByLabel('Push payload').fill('{"subject":"hello"}');
    await task(page, 'On push').getByRole('button', { name: 'Fire On push now' }).click();
    await expectSimulatedRun(runs(page, 'On push').first(), 'hello');
    await page.locator('.card[data-task="upload.flaky"] button.run').click();
    await expect(runs(page, 'Flaky upload').first()).toHaveAttribute('data-status', 'failed');
    await panel(page).getByRole('button', { name: 'Power to battery' }).click();
    await expectDevice(page, 'onAC', /^battery/, true);
    // Away, a trigger of a task that needs the user present waits as pending.
    await panel(page).getByRole('button', { name: 'User away' }).click();
    await expectDevice(page, 'userPresent', 'no', true);
    await task(page, 'Send when online').getByRole('button', { name: 'Fire Send when online now' }).click();
    await expect(panel(page).locator('.pending-item')).toHaveCount(1);
    await expect(panel(page).locator('.pending-item')).toContainText('waits for: userPresent');
    await task(page, 'Export report').getByLabel('Arguments (JSON)').fill('{"steps": 40, "delayMs": 250}');
    await task(page, 'Export report').getByRole('button', { name: 'Fire Export report now' }).click();
    const running = runs(page, 'Export report').first();
    await expect.poll(() => running.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBeGreaterThanOrEqual(10);
    await panel(page).locator('.body').evaluate((el) => el.scrollTo(0, 0));
    const shot = await page.screenshot({ path: process.env.BGKIT_UPDATE_SCREENSHOTS ? docsScreenshot : testInfo.outputPath('devtools-panel.png') });
    expect(shot.byteLength).toBeGreaterThan(10_000);
    await running.getByRole('button', { name: 'Cancel run of Export report' }).click();
    await expect(running).toHaveAttribute('data-status', 'canceled');
  });
});

test('a run that will be retried shows its next attempt, of how many, and when; the retry waits among the pending', async ({ page }) => {
  await openApp(page);
  await registerTask(page, { name: 'Flaky upload (retried)', entryPoint: 'retry.flaky', trigger: { type: 'application' }, retryPolicy: { initialDelay: 60_000, maxAttempts: 3 } });
  await openPanel(page);
  await task(page, 'Flaky upload (retried)').getByRole('button', { name: 'Fire Flaky upload (retried) now' }).click();
  const run = runs(page, 'Flaky upload (retried)').first();
  await expect(run).toHaveAttribute('data-status', 'failed');
  const [stored] = await historyOf(page, 'Flaky upload (retried)');
  const at = new Date(stored!.retry!.at);
  const time = [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  await expect(run.locator('.retry')).toHaveText(`retries: attempt 2 of 3 at ${time}`);
  const pending = panel(page).locator('.pending-item');
  await expect(pending).toHaveCount(1);
  await expect(pending).toContainText(`waits for: attempt 2 at ${time}`);
  await expect(pending.locator('.source')).toHaveText('retry');
});
