// SPDX-License-Identifier: MIT
import type { TriggerSpec, TriggerType } from '@bgkit/sw/protocol';

/** @internal Keys the kit uses on triggers; symbols keep them out of autocompletion. */
export const kSpec = Symbol('bgkit.spec');
export const kBind = Symbol('bgkit.bind');
export const kUnbind = Symbol('bgkit.unbind');

/** Windows' IBackgroundTrigger: what starts a background task. Set one on a BackgroundTaskBuilder. */
export abstract class BackgroundTrigger {
  abstract readonly type: TriggerType;
  /** @internal What the worker stores: the type alone, unless the trigger has parameters. */
  [kSpec](): TriggerSpec {
    return { type: this.type } as TriggerSpec;
  }
  /** @internal Called once the task it was set on is registered. */
  [kBind](_taskId: string): void {}
  /** @internal Called once that task is unregistered or replaced. */
  [kUnbind](_taskId: string): void {}
}
