// What the Expo specs share: the test app exposes @bgkit/expo as `window.expo`, the client as `window.bgkit`
// and its own screens' functions as `window.app`.
import type { Page } from '@playwright/test';
import type * as Expo from '@bgkit/expo';
import { openApp, runsOf } from '../support/page'; // also declares window.bgkit

declare global {
  interface Window {
    expo: typeof Expo;
    app: {
      registerBackgroundTaskAsync(): Promise<void>;
      unregisterBackgroundTaskAsync(): Promise<void>;
      startNewsFetch(minimumInterval?: number): Promise<number | null>;
      setNewsInterval(seconds: number): Promise<void>;
      stopNewsFetch(): Promise<void>;
    };
  }
}

export { openApp, runsOf };

/** How a call in the page ended: its value, or its error's name, code and message (errors lose their fields crossing to the test). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; name: string; code?: string; message: string };

/** Runs `fn` in the page and reports how it ended, errors included. */
export function outcome<A>(page: Page, fn: (arg: A) => unknown, arg: A): Promise<Outcome<unknown>> {
  return page.evaluate(
    async ({ source, arg }) => {
      try {
        // eslint-disable-next-line no-new-func
        const value = await (new Function(`return (${source})`)() as (a: unknown) => unknown)(arg);
        return { ok: true as const, value };
      } catch (error) {
        const e = error as { name?: string; code?: string; message?: string };
        return { ok: false as const, name: String(e.name), code: e.code, message: String(e.message) };
      }
    },
    { source: fn.toString(), arg },
  ) as Promise<Outcome<unknown>>;
}

/** The bgkit registrations in no group, as `{ name, taskEntryPoint, trigger }`. */
export function allTasks(page: Page) {
  return page.evaluate(async () =>
    [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].map((r) => ({
      taskId: r.taskId,
      name: r.name,
      taskEntryPoint: r.taskEntryPoint,
      trigger: { type: r.trigger.type, freshnessTime: (r.trigger as { freshnessTime?: number }).freshnessTime },
    })),
  );
}

/** The task id of the bgkit registration of that name. */
export async function taskIdOf(page: Page, name: string): Promise<string> {
  const found = (await allTasks(page)).find((t) => t.name === name);
  if (!found) throw new Error(`no registration named ${name}`);
  return found.taskId;
}

export function registeredTasks(page: Page) {
  return page.evaluate(() => window.expo.TaskManager.getRegisteredTasksAsync());
}

/** Every run of an entry point, newest first (the ones of triggerTaskWorkerForTestingAsync() included). */
export function runsOfEntryPoint(page: Page, entryPoint: string) {
  return page.evaluate(async (entryPoint) => (await window.bgkit.BackgroundExecutionManager.runs()).filter((r) => r.entryPoint === entryPoint), entryPoint);
}

/** Serves the news feed the fetch task reads, to the worker too (context routes see worker requests). */
export async function newsFeed(page: Page, answer: { readonly items: readonly unknown[] } | { readonly status: number }) {
  await page.context().unroute('**/api/news');
  await page.context().route('**/api/news', (route) =>
    'status' in answer ? route.fulfill({ status: answer.status, body: 'down' }) : route.fulfill({ json: answer }),
  );
}
