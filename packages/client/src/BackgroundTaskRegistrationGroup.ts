// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/protocol';
import type { BackgroundTaskRegistration } from './BackgroundTaskRegistration.js';
import { listAll } from './internal/registry.js';
import { DEV } from './internal/dev.js';

/**
 * A namespace for registrations, so a library can manage its own tasks without touching the app's. Use a
 * reverse-DNS or otherwise unique id.
 */
export class BackgroundTaskRegistrationGroup {
  declare readonly id: string;
  declare readonly name: string;

  constructor(id: string, name = '') {
    if (typeof id !== 'string' || id.trim() === '') {
      throw new BgkitError('invalid-group', DEV ? 'A task group needs a non-empty id.' : '', { id });
    }
    if (typeof name !== 'string') throw new BgkitError('invalid-group', DEV ? 'A task group name must be a string.' : '', { name });
    this.id = id;
    this.name = name;
  }

  /** The tasks registered in this group, by task id. */
  async allTasks(): Promise<Map<string, BackgroundTaskRegistration>> {
    return new Map((await listAll()).filter((r) => r.taskGroup?.id === this.id).map((r) => [r.taskId, r]));
  }
}
