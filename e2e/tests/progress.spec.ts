// A page tells which of its requests a progress event belongs to: the request's arguments ride on the event.
import { expect, registerTask, test } from '../fixtures';

test('progress events of an application run carry the arguments its request() passed', async ({ app }) => {
  await registerTask(app, { name: 'Export', entryPoint: 'report.export', trigger: { type: 'application' } });
  const seen = await app.evaluate(async () => {
    const task = [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).values()].find((t) => t.name === 'Export')!;
    const trigger = task.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>;
    const events: { label: unknown; progress: number }[] = [];
    task.addEventListener('progress', (e) => events.push({ label: e.arguments?.label, progress: e.progress }));
    for (const label of ['first', 'second']) {
      const done = new Promise<void>((resolve) => task.addEventListener('completed', () => resolve(), { once: true }));
      await trigger.request({ steps: 2, delayMs: 50, label });
      await done;
    }
    return events;
  });
  expect(seen).toEqual([
    { label: 'first', progress: 50 },
    { label: 'first', progress: 100 },
    { label: 'second', progress: 50 },
    { label: 'second', progress: 100 },
  ]);
});
