// SPDX-License-Identifier: MIT
import { BgkitError, type ConditionSpec, type RegisterInput, type RetryPolicyInit } from '@bgkit/protocol';
import type { BackgroundTaskRegistration } from './BackgroundTaskRegistration.js';
import { BackgroundTaskRegistrationGroup } from './BackgroundTaskRegistrationGroup.js';
import { call, isSupported } from './internal/connection.js';
import { forget, groupFor, registrationFor } from './internal/registry.js';
import { BackgroundTrigger, kSpec } from './triggers/BackgroundTrigger.js';
import { DEV } from './internal/dev.js';

/** Windows' IBackgroundCondition: a state that must hold for a triggered task to run. */
export interface BackgroundCondition {
  /** @internal */
  [kSpec](): ConditionSpec;
}

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
 */
export class BackgroundTaskBuilder {
  name = '';
  taskEntryPoint = '';
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
   * True when register() would get past the page's own checks: a trigger, a name and an entry point. The
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
  async register(): Promise<BackgroundTaskRegistration> {
    const input = this.#input();
    const trigger = this.#trigger!;
    // Power changes are seen only through the Battery Status API, and changes of the work cost only through
    // it or Network Information (BackgroundWorkCost): both exist in windows only, so the worker cannot tell
    // that the engine lacks them (Firefox, WebKitGTK: e2e/engines/tasks.test.ts) and the task would register
    // and never fire. The page refuses it, as the worker refuses push without the Push API.
    const { systemType } = input.trigger as { systemType?: string };
    // (Outside a browser, call() says unsupported-browser.)
    if (isSupported() && !('getBattery' in navigator) && (systemType === 'powerStateChange' || (systemType === 'backgroundWorkCostChange' && !('connection' in navigator)))) {
      throw new BgkitError('unsupported-trigger', DEV ? `This browser has no Battery Status API${systemType === 'powerStateChange' ? '' : ' and no Network Information'}: a ${systemType} trigger could never fire here.` : '', { api: 'BatteryManager' });
    }
    if (this.taskGroup) groupFor(this.taskGroup);
    const output = await call('register', input);
    if (output.replaced) forget(output.replaced);
    return registrationFor(output.registration, output.group, trigger);
  }

  // The page checks what needs no list of the web's triggers and conditions; the worker, which trusts no
  // page, checks the rest (system triggers the web cannot have, contradictory conditions) and register()
  // rejects with its code.
  #input(): RegisterInput {
    const { name, taskEntryPoint: entryPoint, taskGroup: group, cancelOnConditionLoss, isNetworkRequested } = this;
    if (group !== null && !(group instanceof BackgroundTaskRegistrationGroup)) {
      throw new BgkitError('invalid-group', DEV ? 'taskGroup must be a BackgroundTaskRegistrationGroup or null.' : '');
    }
    for (const key of ['cancelOnConditionLoss', 'isNetworkRequested'] as const) {
      if (typeof this[key] !== 'boolean') throw new BgkitError('invalid-argument', DEV ? `${key} must be a boolean.` : '', { [key]: this[key] });
    }
    if (!this.#trigger) throw new BgkitError('missing-trigger', DEV ? 'A background task needs a trigger: call setTrigger() before register().' : '');
    if (!nonEmpty(name)) throw new BgkitError('invalid-name', DEV ? 'A background task needs a non-empty name.' : '', { name });
    if (!nonEmpty(entryPoint)) {
      throw new BgkitError('invalid-entry-point', DEV ? 'A background task needs a non-empty taskEntryPoint: the name given to defineTask() in the service worker.' : '', { entryPoint });
    }
    return {
      name,
      entryPoint,
      trigger: this.#trigger[kSpec](),
      conditions: this.#conditions.map((c) => c[kSpec]()),
      cancelOnConditionLoss,
      isNetworkRequested,
      group: group && { id: group.id, name: group.name },
      retryPolicy: this.retryPolicy,
    };
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
