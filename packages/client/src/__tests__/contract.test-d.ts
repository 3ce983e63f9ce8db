// The page against the app's contract (BgkitTasks, declared in protocol/src/__tests__/appTasks.test-d.ts):
// what request() takes and what checkResult() gives for a declared entry point, and an undeclared one as it
// was. The worker's side is sw/src/__tests__/contract.test-d.ts.
import { describe, expectTypeOf, test } from 'vitest';
import {
  ApplicationTrigger,
  BackgroundTaskBuilder,
  BackgroundTaskRegistration,
  type ApplicationTriggerResult,
  type BackgroundTaskCompletedEvent,
  type BackgroundTaskProgressEvent,
  type ValueSet,
} from '@bgkit/client';

describe('the page, for a declared entry point', () => {
  test('request() takes the declared arguments, and nothing else', () => {
    const trigger = new ApplicationTrigger<'export-mailbox'>();
    expectTypeOf(trigger.request({ folder: 'inbox' })).toEqualTypeOf<Promise<ApplicationTriggerResult>>();
    void trigger.request({ folder: 'inbox', limit: 10 });
    // @ts-expect-error the worker reads `folder`: it may not be left out
    void trigger.request({ limit: 10 });
    // @ts-expect-error nor the arguments as a whole (the task would get {})
    void trigger.request();
    // @ts-expect-error a folder is a string
    void trigger.request({ folder: 1 });
    // @ts-expect-error the task takes no `path`
    void trigger.request({ folder: 'inbox', path: '/' });
  });

  test('arguments whose properties are all optional may be left out', () => {
    const trigger = new ApplicationTrigger<'refresh'>();
    void trigger.request();
    void trigger.request({ force: true });
    // @ts-expect-error `force` is a boolean
    void trigger.request({ force: 'yes' });
  });

  test('the builder takes its entry point, and its registration gives the declared result', async () => {
    const builder = new BackgroundTaskBuilder<'export-mailbox'>();
    builder.taskEntryPoint = 'export-mailbox';
    // @ts-expect-error another entry point than the builder's
    builder.taskEntryPoint = 'refresh';
    const registration = await builder.register();
    expectTypeOf(registration).toEqualTypeOf<BackgroundTaskRegistration<'export-mailbox'>>();
    expectTypeOf(registration.taskEntryPoint).toEqualTypeOf<'export-mailbox'>();
    registration.addEventListener('completed', (e) => {
      expectTypeOf(e).toEqualTypeOf<BackgroundTaskCompletedEvent<{ exported: number }>>();
      expectTypeOf(e.checkResult()).toEqualTypeOf<{ exported: number }>();
      // @ts-expect-error the result has no `count`
      void e.checkResult().count;
    });
    registration.addEventListener('progress', (e) => {
      expectTypeOf(e).toEqualTypeOf<BackgroundTaskProgressEvent<{ folder: string; limit?: number }>>();
      expectTypeOf(e.arguments?.folder).toEqualTypeOf<string | undefined>();
    });
  });

  test('a typed registration is still a BackgroundTaskRegistration', async () => {
    const registration = await new BackgroundTaskBuilder<'refresh'>().register();
    const all: Map<string, BackgroundTaskRegistration> = await BackgroundTaskRegistration.allTasks();
    all.set(registration.taskId, registration);
    registration.addEventListener('completed', (e) => expectTypeOf(e.checkResult()).toEqualTypeOf<'fresh' | 'stale'>());
  });

  test('a result declared without arguments: request() takes any value set', () => {
    const trigger = new ApplicationTrigger<'cleanup'>();
    expectTypeOf(trigger.request).parameters.toEqualTypeOf<[args?: Record<string, unknown>]>();
  });
});

describe('the page, for an entry point not declared (as before the contract)', () => {
  test('request() takes any value set, or none', () => {
    const trigger = new ApplicationTrigger();
    expectTypeOf(trigger.request).parameters.toEqualTypeOf<[args?: ValueSet]>();
    void trigger.request();
    void trigger.request({ anything: [1, 2] });
    expectTypeOf(new ApplicationTrigger<'not-declared'>().request).parameters.toEqualTypeOf<[args?: ValueSet]>();
  });

  test('checkResult() is unknown, the entry point any string', async () => {
    const builder = new BackgroundTaskBuilder();
    builder.taskEntryPoint = 'not-declared';
    expectTypeOf(builder.taskEntryPoint).toEqualTypeOf<string>();
    const registration = await builder.register();
    expectTypeOf(registration).toEqualTypeOf<BackgroundTaskRegistration>();
    registration.addEventListener('completed', (e) => expectTypeOf(e.checkResult()).toBeUnknown());
    registration.addEventListener('progress', (e) => expectTypeOf(e.arguments).toEqualTypeOf<Record<string, unknown> | undefined>());
    for (const task of (await BackgroundTaskRegistration.allTasks()).values()) {
      task.addEventListener('completed', (e) => expectTypeOf(e.checkResult()).toBeUnknown());
    }
  });
});
