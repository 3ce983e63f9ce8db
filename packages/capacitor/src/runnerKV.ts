// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/client';
import { readKV } from './shared/store.js';

/**
 * The page's view of a runner's CapacitorKV (what its events stored, in this origin's IndexedDB): on a
 * device, the app would read UserDefaults or SharedPreferences itself. Read-only: the runner owns its data.
 */
export async function getRunnerKV(label: string, key: string): Promise<{ value: string | undefined }> {
  if (typeof label !== 'string' || label === '' || typeof key !== 'string' || key === '') {
    throw new BgkitError('invalid-argument', 'getRunnerKV(label, key) takes a runner label and a key, non-empty strings.', { label, key });
  }
  return { value: (await readKV(label))[key] };
}

/** Every key/value pair a runner stored. */
export async function runnerKVEntries(label: string): Promise<Record<string, string>> {
  if (typeof label !== 'string' || label === '') throw new BgkitError('invalid-argument', 'runnerKVEntries(label) takes a runner label.', { label });
  return readKV(label);
}
