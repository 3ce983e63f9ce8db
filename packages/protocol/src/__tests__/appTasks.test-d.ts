// The contract of the type tests' app, declared once as an app declares it: in a module that its page
// program and its worker program both include (tsconfig.test-d.json includes every type test, this one too).
// The page's tests (client/src/__tests__/contract.test-d.ts) and the worker's (sw/src/__tests__/
// contract.test-d.ts) are each checked against it, so a page and a worker that disagree fail on the side that
// breaks it. Below, the contract's own types: what each part becomes, and what an entry point or a part left
// out falls back to. (A type test file rather than a plain module, so that an error in the declaration is
// counted as a failed test file like any other.)
import { describe, expectTypeOf, test } from 'vitest';
import type { ApplicationTriggerDetails, PushTriggerDetails, TaskArguments, TaskDetails, TaskEntryPoint, TaskResult } from '@bgkit/protocol';

/** Arguments may be an interface as well as a type literal. */
export interface ExportArguments {
  folder: string;
  limit?: number;
}

declare module '@bgkit/protocol' {
  interface BgkitTasks {
    /** Required arguments and a result. */
    'export-mailbox': { arguments: ExportArguments; result: { exported: number } };
    /** Arguments that may be left out, and a result. */
    refresh: { arguments: { force?: boolean }; result: 'fresh' | 'stale' };
    /** Started by push: its whole triggerDetails, and a result. */
    'inbox-push': { details: PushTriggerDetails; result: { shown: number } };
    /** A result alone: its arguments and details are not checked. */
    cleanup: { result: number };
  }
}

describe('BgkitTasks, as the app declared it', () => {
  test('the declared entry points', () => {
    expectTypeOf<TaskEntryPoint>().toEqualTypeOf<'export-mailbox' | 'refresh' | 'inbox-push' | 'cleanup'>();
  });

  test('arguments, result and details of a declared entry point', () => {
    expectTypeOf<TaskArguments<'export-mailbox'>>().toEqualTypeOf<ExportArguments>();
    expectTypeOf<TaskResult<'export-mailbox'>>().toEqualTypeOf<{ exported: number }>();
    expectTypeOf<TaskDetails<'export-mailbox'>>().toEqualTypeOf<ApplicationTriggerDetails<ExportArguments>>();
    expectTypeOf<TaskDetails<'inbox-push'>>().toEqualTypeOf<PushTriggerDetails>();
    expectTypeOf<TaskResult<'refresh'>>().toEqualTypeOf<'fresh' | 'stale'>();
  });

  test('a part left out is not checked', () => {
    expectTypeOf<TaskArguments<'cleanup'>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<TaskDetails<'cleanup'>>().toBeUnknown();
    expectTypeOf<TaskResult<'cleanup'>>().toEqualTypeOf<number>();
  });

  test('an entry point not declared falls back to unknown', () => {
    expectTypeOf<TaskArguments<'not-declared'>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<TaskResult<'not-declared'>>().toBeUnknown();
    expectTypeOf<TaskDetails<'not-declared'>>().toBeUnknown();
    // Any string, as an entry point computed at run time is typed.
    expectTypeOf<TaskArguments<string>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<TaskResult<string>>().toBeUnknown();
  });
});
