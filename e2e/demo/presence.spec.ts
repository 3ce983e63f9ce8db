// Coming back to the app: the page reports the user present again (SystemTrigger userPresent), and the
// worker fetches what arrived meanwhile, quietly, since the user is looking.
import { expect, test } from '@bgkit/devtools/playwright/test';
import { deviceState, setVisibility } from '../support/page';
import { finishedRuns, mailArrives, openInbox, shownNotifications, unique } from './inbox';

test('coming back to the app fetches new mail without a notification', async ({ page, request, bgkit }) => {
  await openInbox(page);
  await expect.poll(async () => (await finishedRuns(page, 'check')).length).toBeGreaterThan(0);
  await setVisibility(page, 'hidden');
  await expect.poll(async () => (await deviceState(page)).userPresent).toBe(false);

  const subject = unique('While you were away');
  const mail = await mailArrives(request, subject);
  // The page's own report starts the run: wait from before it, so the run cannot be over before the wait begins.
  const welcome = bgkit.waitForRun('Welcome back');
  await setVisibility(page, 'visible');
  expect(await welcome).toMatchObject({ status: 'completed', source: 'page', result: { newMessages: 1 } });
  await expect(page.locator(`#messages a[data-id="${mail.id}"]`)).toContainText(subject);
  expect(await shownNotifications(page)).toEqual([]);
});
