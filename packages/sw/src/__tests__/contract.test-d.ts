// The worker against the app's contract (BgkitTasks, declared in protocol/src/__tests__/appTasks.test-d.ts):
// what a handler of a declared entry point receives and must return, and every other call of defineTask() as
// it was. The page's side is client/src/__tests__/contract.test-d.ts.
import { describe, expectTypeOf, test } from 'vitest';
import { defineTask, type ApplicationTriggerDetails, type PushTriggerDetails } from '@bgkit/sw';

declare const flaky: boolean;

describe('the worker, for a declared entry point', () => {
  test('the handler reads the declared arguments', () => {
    defineTask('export-mailbox', async (task) => {
      expectTypeOf(task.triggerDetails).toEqualTypeOf<ApplicationTriggerDetails<{ folder: string; limit?: number }>>();
      expectTypeOf(task.triggerDetails.arguments.folder).toEqualTypeOf<string>();
      return { exported: task.triggerDetails.arguments.limit ?? 0 };
    });
    // @ts-expect-error the page passes no `path`
    defineTask('export-mailbox', (task) => ({ exported: task.triggerDetails.arguments.path.length }));
  });

  test('the handler returns the declared result, or a retry', () => {
    defineTask('export-mailbox', () => ({ exported: 1 }));
    defineTask('export-mailbox', (task) => task.retry(new Error('later')));
    defineTask('export-mailbox', async (task) => (flaky ? task.retry() : { exported: 2 }));
    // @ts-expect-error the page's checkResult() expects a number of messages exported
    defineTask('export-mailbox', async () => ({ exported: '3' }));
    // @ts-expect-error nor a result of another shape
    defineTask('export-mailbox', () => ({ count: 3 }));
    // @ts-expect-error nor none at all
    defineTask('export-mailbox', () => {});
    // @ts-expect-error a result out of the declared union
    defineTask('refresh', () => 'unknown');
    defineTask('refresh', () => (flaky ? 'stale' : 'fresh'));
    // A task option is still taken.
    defineTask('refresh', () => 'fresh' as const, { timeLimit: 1000 });
  });

  test('declared details type the whole triggerDetails', () => {
    defineTask('inbox-push', (task) => {
      expectTypeOf(task.triggerDetails).toEqualTypeOf<PushTriggerDetails>();
      return { shown: task.triggerDetails.text === null ? 0 : 1 };
    });
    // @ts-expect-error a push task's details have no arguments
    defineTask('inbox-push', (task) => ({ shown: task.triggerDetails.arguments }));
  });

  test('a result declared alone: the details are unknown, the result checked', () => {
    defineTask('cleanup', (task) => {
      expectTypeOf(task.triggerDetails).toBeUnknown();
      return 3;
    });
    // @ts-expect-error the result is a number
    defineTask('cleanup', () => 'three');
  });

});

describe('the worker, for every other call (as before the contract)', () => {
  test('an entry point not declared: details unknown, any result', () => {
    defineTask('not-declared', (task) => {
      expectTypeOf(task.triggerDetails).toBeUnknown();
      return { anything: true };
    });
    defineTask('not-declared.retry', (task) => task.retry());
  });

  test('an entry point computed at run time', () => {
    const label: string = 'runner';
    defineTask(`${label}.dispatch`, () => 1);
    defineTask(label, async () => undefined, { timeLimit: 500 });
  });

  test('type arguments for the details (and the result) as given', () => {
    defineTask<PushTriggerDetails>('push.other', (task) => {
      expectTypeOf(task.triggerDetails).toEqualTypeOf<PushTriggerDetails>();
    });
    defineTask<ApplicationTriggerDetails<{ n: number }>, { n: number }>('echo', (task) => ({ n: task.triggerDetails.arguments.n }));
    // @ts-expect-error the given result type still holds
    defineTask<ApplicationTriggerDetails<{ n: number }>, { n: number }>('echo.bad', () => ({ n: 'one' }));
    defineTask<{ arguments: { succeedAt?: number } }>('retry.flaky', (task) => (task.attempt < (task.triggerDetails.arguments.succeedAt ?? 1) ? task.retry() : 'done'));
  });
});
