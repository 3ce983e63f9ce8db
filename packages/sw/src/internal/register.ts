// SPDX-License-Identifier: MIT
// Registering a task: one path for a page's `register` call and for the worker's own registerTask().
import { BgkitError } from '../BgkitError.js';
import type { RegisterInput, RegisterOutput } from '../protocol.js';
import { validateRegisterInput } from '../validate.js';
import { broadcast } from './broadcast.js';
import { RegistrationStore } from './RegistrationStore.js';
import { DEV } from './log.js';
import { definitions } from './runtime.js';
import { missingSource } from './sources.js';
import { assertBackgroundFetchEnabled } from './backgroundFetchHook.js';
import { unschedule } from './periodicSync.js';
import { schedule } from './timeTriggers.js';

/**
 * Validates, stores and schedules a registration (same name, same settings: the existing one; same name,
 * other settings: it replaces the old one), and tells every page the registry changed.
 */
export async function register(input: RegisterInput): Promise<RegisterOutput> {
  // As it is stored: its retry policy made whole (validate.ts).
  input = validateRegisterInput(input);
  // A trigger whose only event source this browser lacks would register and never fire (sources.ts).
  const api = missingSource(input.trigger);
  if (api) throw new BgkitError('unsupported-trigger', DEV ? `This browser has no ${api}: that trigger could never fire here.` : '', { api });
  // Its events have no listener unless the worker opted in: the task would never run.
  if (input.trigger.type === 'backgroundFetch') assertBackgroundFetchEnabled();
  if (!definitions.has(input.entryPoint)) {
    throw new BgkitError(
      'entry-point-not-defined',
      DEV ? `No task "${input.entryPoint}" is defined in the service worker: call defineTask("${input.entryPoint}", handler) there.` : '',
      { entryPoint: input.entryPoint, defined: [...definitions.keys()] },
    );
  }
  const output = await RegistrationStore.register(input, () => crypto.randomUUID());
  if (output.replaced) await unschedule([output.replaced]);
  if (output.created) {
    output.registration = await schedule(output.registration);
    broadcast({ kind: 'registrations' });
  }
  return output;
}
