// SPDX-License-Identifier: MIT
import type { TriggerSpec, TriggerType } from '@bgkit/protocol';

/** @internal Keys the kit uses on triggers; symbols keep them out of autocompletion. */
export const kSpec = Symbol();
export const kTasks = Symbol();

/** Windows' IBackgroundTrigger: what starts a background task. Set one on a BackgroundTaskBuilder. */
export abstract class BackgroundTrigger {
  abstract readonly type: TriggerType;
  /** @internal What the worker stores: the type alone, unless the trigger has parameters. */
  [kSpec](): TriggerSpec {
    return { type: this.type } as TriggerSpec;
  }
  /**
   * @internal The ids of the registered tasks this trigger is set on, kept by the registry for the
   * triggers that need them (ApplicationTrigger starts them).
   */
  declare readonly [kTasks]?: Set<string>;
}
