// SPDX-License-Identifier: MIT
// The typed page↔worker contract: an interface the app extends, entry point by entry point, and the types
// both sides read from it. Types only: nothing here reaches a bundle. The anchor is idb's DBSchema (a schema
// the app declares, from which every call's key and value types follow); here the app declares it once by
// declaration merging, so that the page program and the worker program both see it.

/**
 * The app's tasks by entry point, for the type checker only. Empty here: an app extends it in a module that
 * both its page and its worker program include (a `.d.ts`, or a `tasks.ts` both import). The augmented
 * module is `@bgkit/protocol`, which declares the interface; an app that depends on `@bgkit/client` and
 * `@bgkit/sw` alone can still name it (both depend on it).
 *
 * Each entry says what its parts are, and each part is optional ({@link TaskContract}): a part left out is
 * not checked, and an entry point left out is typed as before (arguments `Record<string, unknown>`, result
 * `unknown`).
 *
 * @example
 * // tasks.ts, included by the page's and the worker's tsconfig
 * declare module '@bgkit/protocol' {
 *   interface BgkitTasks {
 *     'export-mailbox': { arguments: { folder: string }; result: { exported: number } };
 *   }
 * }
 * export {};
 */
export interface BgkitTasks {}

/** The parts an entry of {@link BgkitTasks} may declare. */
export interface TaskContract {
  /**
   * What `ApplicationTrigger.request()` passes: the handler reads it as `triggerDetails.arguments`. Where
   * every property is optional, `request()` may be called without it (the handler then gets `{}`).
   */
  arguments?: object;
  /** What the handler returns (besides `task.retry()`): the run's result, `checkResult()` on the page. */
  result?: unknown;
  /**
   * The handler's whole `triggerDetails`, for a task that another trigger starts (`PushTriggerDetails`,
   * `SystemTriggerDetails`, …). Without it, an entry that declares `arguments` gets
   * `ApplicationTriggerDetails<arguments>`, and one that declares neither gets `unknown`.
   */
  details?: unknown;
}

/** What an ApplicationTrigger run receives as `triggerDetails`. */
export interface ApplicationTriggerDetails<TArgs = Record<string, unknown>> {
  arguments: TArgs;
}

/** The entry points the app declared in {@link BgkitTasks}. */
export type TaskEntryPoint = Extract<keyof BgkitTasks, string>;

/** Part `K` of the entry declared for `E`, or `Otherwise` when `E` or its part `K` is not declared. */
type Declared<E, K extends keyof TaskContract, Otherwise> = E extends keyof BgkitTasks
  ? K extends keyof BgkitTasks[E]
    ? BgkitTasks[E][K]
    : Otherwise
  : Otherwise;

/** What `request()` passes to the tasks of entry point `E`: `Record<string, unknown>` where not declared. */
export type TaskArguments<E extends string> = Exclude<Declared<E, 'arguments', Record<string, unknown>>, undefined>;

/** What the handler of entry point `E` returns and the page's `checkResult()` gives: `unknown` where not declared. */
export type TaskResult<E extends string> = Declared<E, 'result', unknown>;

/**
 * The `triggerDetails` a handler of entry point `E` receives: its declared `details`, else
 * `ApplicationTriggerDetails` of its declared `arguments`, else `unknown`.
 */
export type TaskDetails<E extends string> = E extends keyof BgkitTasks
  ? 'details' extends keyof BgkitTasks[E]
    ? Declared<E, 'details', unknown>
    : 'arguments' extends keyof BgkitTasks[E]
      ? ApplicationTriggerDetails<TaskArguments<E>>
      : unknown
  : unknown;
