// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/sw/protocol';
import { openStore, readKV } from '../shared/store.js';

/** Capacitor's CapacitorKV, as the runner sees it: synchronous. */
export interface RunnerKV {
  set(key: string, value: string): void;
  /** `{ value }`, or `null` for a key never set (what iOS and Android return, though Capacitor's types omit it). */
  get(key: string): { value: string };
  remove(key: string): void;
}

/**
 * One event's view of a runner's key/value data. Capacitor's CapacitorKV is synchronous (UserDefaults,
 * SharedPreferences); IndexedDB is not. So the label's data is read before the runner's code runs, reads and
 * writes happen in memory, and each write is also sent to IndexedDB at once, in order; `flush()` waits for
 * them, and the event's run settles only after it (so a value a resolved event wrote is stored, even if the
 * worker is killed right after). Writes go key by key, so two events of one runner running at once do not
 * undo each other's other keys.
 */
export class EventKV {
  readonly #label: string;
  readonly #values: Map<string, string>;
  #writes: Promise<void> = Promise.resolve();
  #failure: unknown;

  private constructor(label: string, values: Record<string, string>) {
    this.#label = label;
    this.#values = new Map(Object.entries(values));
  }

  static async open(label: string): Promise<EventKV> {
    return new EventKV(label, await readKV(label));
  }

  readonly api: RunnerKV = {
    set: (key, value) => {
      checkKey('set', key);
      if (typeof value !== 'string') {
        throw new BgkitError('invalid-argument', `CapacitorKV.set("${key}", …) takes a string value (got ${value === null ? 'null' : typeof value}), as in Capacitor.`, { key });
      }
      this.#values.set(key, value);
      this.#write((db) => db.put('kv', { label: this.#label, key, value }));
    },
    get: (key) => {
      checkKey('get', key);
      const value = this.#values.get(key);
      return (value === undefined ? null : { value }) as { value: string };
    },
    remove: (key) => {
      checkKey('remove', key);
      this.#values.delete(key);
      this.#write((db) => db.delete('kv', [this.#label, key]));
    },
  };

  #write(op: (db: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>): void {
    this.#writes = this.#writes.then(async () => {
      try {
        await op(await openStore());
      } catch (cause) {
        this.#failure ??= cause;
      }
    });
  }

  /** Resolves once every write is in IndexedDB; throws `storage-error` if one failed. */
  async flush(): Promise<void> {
    await this.#writes;
    if (this.#failure !== undefined) {
      throw new BgkitError('storage-error', `CapacitorKV could not store a value of "${this.#label}".`, { label: this.#label }, { cause: this.#failure });
    }
  }
}

function checkKey(method: string, key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') {
    throw new BgkitError('invalid-argument', `CapacitorKV.${method}() takes a non-empty string key.`, { method });
  }
}
