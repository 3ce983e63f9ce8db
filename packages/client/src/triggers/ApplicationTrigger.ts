// SPDX-License-Identifier: MIT
import { BgkitError, isBgkitError, type ApplicationTriggerResult, type TaskArguments, MESSAGES } from '@bgkit/protocol';
import { call } from '../internal/connection.js';
import { BackgroundTrigger, kTasks } from './BackgroundTrigger.js';
import { DEV } from '../internal/dev.js';

/** Arguments passed to a requested task; the task reads them as `triggerDetails.arguments`. Must be structured-cloneable. */
export type ValueSet = Record<string, unknown>;

/**
 * What `request()` takes for arguments `A`: a value set that may be left out when none of its properties is
 * required (the task then gets `{}`).
 */
export type RequestArguments<A> = {} extends A ? [args?: A] : [args: A];

/**
 * Starts its tasks when the app asks, from any page: `await trigger.request({ ... })`. `E`: the entry point
 * of the tasks it starts, for `request()` to take the arguments declared for it in BgkitTasks (README, "Typed
 * tasks"): `new ApplicationTrigger<'export-mailbox'>()`.
 */
export class ApplicationTrigger<E extends string = string> extends BackgroundTrigger {
  readonly type = 'application' as const;
  /** @internal */
  override readonly [kTasks] = new Set<string>();

  /**
   * Starts every task registered with this trigger. Resolves `'allowed'` once the run is recorded (its
   * progress and completion arrive as events on the registration), or `'currentlyRunning'` while an
   * instance of the task still runs.
   */
  request(...args: RequestArguments<TaskArguments<E>>): Promise<ApplicationTriggerResult>;
  async request(args?: ValueSet): Promise<ApplicationTriggerResult> {
    if (this[kTasks].size === 0) {
      throw new BgkitError('not-registered', DEV ? MESSAGES.triggerNotOnTask('ApplicationTrigger') : '');
    }
    if (args !== undefined) {
      if (typeof args !== 'object' || args === null || Array.isArray(args)) {
        throw new BgkitError('invalid-arguments', DEV ? 'request() arguments must be a plain object (a value set).' : '', { got: Array.isArray(args) ? 'array' : typeof args });
      }
      try {
        structuredClone(args);
      } catch (cause) {
        throw new BgkitError('invalid-arguments', DEV ? 'request() arguments must be structured-cloneable (no functions, DOM nodes or class instances with private state).' : '', undefined, { cause });
      }
    }
    const taskIds = [...this[kTasks]];
    const settled = await Promise.allSettled(taskIds.map((taskId) => call('request', taskId, crypto.randomUUID(), args)));
    const results: ApplicationTriggerResult[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') results.push(s.value);
      // A task unregistered elsewhere no longer listens to this trigger; the others have been started.
      else if (isBgkitError(s.reason, 'not-registered')) this[kTasks].delete(taskIds[i]!);
    });
    if (!results[0]) throw (settled[0] as PromiseRejectedResult).reason;
    return results.includes('allowed') ? 'allowed' : results[0]!;
  }
}
