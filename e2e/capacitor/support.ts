// Shared code of the Capacitor Background Runner specs: the test app exposes @bgkit/capacitor as window.capacitor.
import { expect, type Page } from '@playwright/test';
import type * as Capacitor from '@bgkit/capacitor';
import type * as Client from '@bgkit/client';

declare global {
  interface Window {
    capacitor: typeof Capacitor;
    bgkit: typeof Client;
  }
}

/** The label of the test app's runner (e2e/capacitor-app/src/capacitor.config.ts). */
export const LABEL = 'com.example.background.task';

export async function openRunnerApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 15_000 });
}

/** What dispatchEvent() settled with, as plain data: `{ ok, value }` or `{ ok: false, name, message, code, details }`. */
export type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string; code?: string; details?: Record<string, unknown> };

/** Calls `BackgroundRunner.dispatchEvent()` in the page and reports how it settled. */
export function dispatch(page: Page, event: string, details: Record<string, unknown> = {}, label = LABEL): Promise<Outcome> {
  return page.evaluate(
    async ({ label, event, details }) => {
      try {
        return { ok: true as const, value: await window.capacitor.BackgroundRunner.dispatchEvent<unknown>({ label, event, details }) };
      } catch (e) {
        const error = e as Error & { code?: string; details?: Record<string, unknown> };
        return { ok: false as const, name: error.name, message: error.message, code: error.code, details: error.details };
      }
    },
    { label, event, details },
  );
}

/** The runs of the runner's dispatch task (named by its label), newest first. */
export function dispatchRuns(page: Page) {
  return page.evaluate(async (label) => {
    const tasks = await window.bgkit.BackgroundTaskRegistration.allTasks();
    const task = [...tasks.values()].find((t) => t.name === label);
    return task ? task.runs() : [];
  }, LABEL);
}

/** A registered task by its name, as plain data. */
export function taskNamed(page: Page, name: string) {
  return page.evaluate(async (name) => {
    const tasks = await window.bgkit.BackgroundTaskRegistration.allTasks();
    const task = [...tasks.values()].find((t) => t.name === name);
    if (!task) return null;
    const trigger = task.trigger as unknown as { type: string; freshnessTime?: number; oneShot?: boolean };
    return { taskId: task.taskId, name: task.name, entryPoint: task.taskEntryPoint, trigger: { type: trigger.type, freshnessTime: trigger.freshnessTime, oneShot: trigger.oneShot } };
  }, name);
}
