// SPDX-License-Identifier: MIT
import type { BackgroundCondition } from './BackgroundCondition.js';
import { BgkitError, validateTaskFields, type RegisterInput, type RetryPolicyInit } from '@bgkit/protocol';
import { BackgroundTaskRegistrationGroup, forget, groupFor, registrationFor, type BackgroundTaskRegistration } from './BackgroundTaskRegistration.js';
import { call, isSupported } from './internal/connection.js';
import { BackgroundTrigger, kSpec } from './triggers/BackgroundTrigger.js';
import { DEV } from './internal/dev.js';

/**
 * Describes a task and registers it. Registering the same name again with the same settings returns the
 * existing registration, so it is safe on every page load; with other settings it replaces it.
 *
 * @example
 * const builder = new BackgroundTaskBuilder();
 * builder.name = 'export';
 * builder.taskEntryPoint = 'export-mailbox'; // defineTask('export-mailbox', ...) in the worker
 * builder.setTrigger(new ApplicationTrigger());
 * const registration = await builder.register();
 *
 * `E`, the entry point, types the registration's events by BgkitTasks (README, "Typed tasks"):
 * `new BackgroundTaskBuilder<'export-mailbox'>()` takes no other `taskEntryPoint`.
 */
export class BackgroundTaskBuilder<E extends string = string> {
  name = '';
  taskEntryPoint: E = '' as E;
  cancelOnConditionLoss = false;
  isNetworkRequested = false;
  taskGroup: BackgroundTaskRegistrationGroup | null = null;
  /**
   * How runs that ask for it (`return task.retry()` in the worker) are run again: backoff, initial delay in ms
   * (10 s … 5 h), attempts in all, whether a run killed with its worker counts. What is left out comes from
   * DEFAULT_RETRY_POLICY (exponential from 30 s, 10 attempts), which also applies while this is unset (or null).
   * @example builder.retryPolicy = { backoff: 'linear', initialDelay: 60_000, maxAttempts: 3 };
   */
  // Declared only: unset is the default, and an initializer would cost the page bundle bytes for nothing.
  declare retryPolicy?: RetryPolicyInit | null;
  #trigger: BackgroundTrigger | null = null;
  #conditions: BackgroundCondition[] = [];

  get trigger(): BackgroundTrigger | null {
    return this.#trigger;
  }

  get conditions(): readonly BackgroundCondition[] {
    return this.#conditions;
  }

  setTrigger(trigger: BackgroundTrigger): void {
    if (!(trigger instanceof BackgroundTrigger)) {
      throw new BgkitError('invalid-trigger', DEV ? 'setTrigger() takes a trigger such as new ApplicationTrigger().' : '');
    }
    this.#trigger = trigger;
  }

  addCondition(condition: BackgroundCondition): void {
    if (typeof condition !== 'object' || condition === null || typeof condition[kSpec] !== 'function') {
      throw new BgkitError('invalid-argument', DEV ? 'addCondition() takes a condition such as a SystemCondition.' : '');
    }
    this.#conditions.push(condition);
  }

  /**
   * True when register() would get past the page's own checks: a trigger, a name and an entry point, and a
   * power or work-cost trigger only where the page can see those changes. The
   * worker checks the rest (that the entry point is defined, that the trigger and conditions can run on the web).
   */
  validate(): boolean {
    try {
      this.#input();
      return true;
    } catch {
      return false;
    }
  }

  /** Validates, then registers with the service worker, which checks that the entry point is defined there. */
  async register(): Promise<BackgroundTaskRegistration<E>> {
    const input = this.#input();
    const trigger = this.#trigger!;
    if (this.taskGroup) groupFor(this.taskGroup);
    const output = await call('register', input);
    if (output.replaced) forget(output.replaced);
    return registrationFor(output.registration, output.group, trigger) as BackgroundTaskRegistration<E>;
  }

  // The page checks what needs no list of the web's triggers and conditions; the worker, which trusts no
  // page, checks the rest (system triggers the web cannot have, contradictory conditions) and register()
  // rejects with its code.
  #input(): RegisterInput {
    const { name, taskEntryPoint: entryPoint, taskGroup: group, cancelOnConditionLoss, isNetworkRequested } = this;
    if (group !== null && !(group instanceof BackgroundTaskRegistrationGroup)) {
      throw new BgkitError('invalid-group', DEV ? 'taskGroup must be a BackgroundTaskRegistrationGroup or null.' : '');
    }
    validateTaskFields({ name, entryPoint, trigger: this.#trigger, cancelOnConditionLoss, isNetworkRequested });
    const trigger = this.#trigger![kSpec]();
    // Power changes are seen only through the Battery Status API, and changes of the work cost only through
    // it or Network Information (BackgroundWorkCost): both exist in windows only, so the worker cannot tell
    // that the engine lacks them (Firefox, WebKitGTK: e2e/engines/tasks.test.ts) and the task would register
    // and never fire. The page refuses it, as the worker refuses push without the Push API.
    const { systemType } = trigger as { systemType?: string };
    // (Outside a browser, call() says unsupported-browser.)
    if (isSupported() && !('getBattery' in navigator) && (systemType === 'powerStateChange' || (systemType === 'backgroundWorkCostChange' && !('connection' in navigator)))) {
      throw new BgkitError('unsupported-trigger', DEV ? `This browser has no Battery Status API${systemType === 'powerStateChange' ? '' : ' and no Network Information'}: a ${systemType} trigger could never fire here.` : '', { api: 'BatteryManager' });
    }
    return {
      name,
      entryPoint,
      trigger,
      conditions: this.#conditions.map((c) => c[kSpec]()),
      cancelOnConditionLoss,
      isNetworkRequested,
      group: group && { id: group.id, name: group.name },
      retryPolicy: this.retryPolicy,
    };
  }
}
