// The export: an ApplicationTrigger task that reports progress to the page and leaves an mbox file.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@bgkit/devtools/playwright/test';
import { finishedRuns, openInbox } from './inbox';
import { waitReady } from '../support/page';

/** Records every text the export's status line shows. */
function recordExportStates(page: import('@playwright/test').Page) {
  return page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { exportStates: string[] }).exportStates = seen;
    const node = document.querySelector('#export-state')!;
    new MutationObserver(() => seen.push(node.textContent ?? '')).observe(node, { childList: true, characterData: true, subtree: true });
  });
}
const exportStates = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { exportStates: string[] }).exportStates);

test('exporting the mailbox shows live progress and gives an mbox file', async ({ page }) => {
  await openInbox(page);
  await expect.poll(async () => (await finishedRuns(page, 'check')).length).toBeGreaterThan(0);
  await recordExportStates(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const link = page.locator('#export-result a');
  await expect(link).toHaveText(/^mailbox-\d{4}-\d\d-\d\d\.mbox$/);
  await expect(page.locator('#export-state')).toHaveText('Done');

  const percentages = (await exportStates(page)).filter((s) => /^\d+%$/.test(s)).map((s) => parseInt(s, 10));
  expect(percentages.some((p) => p > 0 && p < 100)).toBe(true);
  expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
  expect(percentages.at(-1)).toBe(100);

  const [run] = await finishedRuns(page, 'export');
  const result = run!.result as { count: number };
  expect(run).toMatchObject({ status: 'completed', source: 'application', progress: 100 });
  await expect(page.locator('#export-result')).toContainText(`${result.count} messages`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const mbox = await readFile((await download.path())!, 'utf8');
  expect(mbox.match(/^From /gm)).toHaveLength(result.count);
  expect(mbox).toContain('Subject: Notes on the engine');
});

test('an export killed with its worker is reported, and the next one works; everything survives a reload', async ({ page, bgkit }) => {
  await openInbox(page);
  await expect.poll(async () => (await finishedRuns(page, 'check')).length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.locator('#export-state')).toHaveText(/^\d+%$/);

  await bgkit.waitForRun('Export mailbox', { status: 'running' });
  await bgkit.stopServiceWorker();
  // The next call wakes a fresh worker, which records the dead run as canceled and tells every page.
  await page.getByRole('button', { name: 'Check mail' }).click();
  await expect(page.locator('#export-state')).toContainText('interrupted (terminating)');
  expect((await finishedRuns(page, 'export'))[0]).toMatchObject({ status: 'canceled', cancelReason: 'terminating' });

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.locator('#export-result a')).toBeVisible();
  await expect(page.locator('#activity [data-task="export"] .runs')).toContainText('exported');

  await page.reload();
  await waitReady(page);
  await expect(page.locator('#export-result a')).toHaveText(/\.mbox$/);
  await expect(page.locator('#activity [data-task="export"] .runs li')).toHaveText([/exported/, /canceled \(terminating\)/]);
});
