// The devtools panel (@bgkit/devtools) in the page: it lists the app's tasks and their runs, and its
// "Fire now" runs a task through the worker.
import { expect, test } from 'vitest';
import { attachDriver, openApp, until } from './support/app.js';
import { forEachEngine } from './support/suite.js';

forEachEngine('devtools panel', (ctx) => {
  test('the panel shows the tasks, fires one, and shows its run', async () => {
    const { engine, server } = ctx;
    await openApp(engine, server, { path: '/?devtools' });
    const text = () => engine.page.evaluate(() => document.querySelector('bgkit-devtools')?.shadowRoot?.textContent ?? '');
    await until('the panel to list the tasks', async () => (await text()).includes('Export report'));
    expect(await text()).toContain('Cache cleanup');
    const before = Date.now();
    const clicked = await engine.page.evaluate(() => {
      const button = document.querySelector('bgkit-devtools')!.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Fire Cache cleanup now"]');
      button?.click();
      return !!button;
    });
    expect(clicked).toBe(true);
    const bgkit = await attachDriver(engine);
    const run = await bgkit.waitForRun('Cache cleanup', { since: before });
    expect(run).toMatchObject({ status: 'completed', source: 'simulated' });
    await until('the panel to show the run', async () => /completed/i.test(await text()));
  });
});
