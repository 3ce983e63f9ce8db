// SPDX-License-Identifier: MIT

/**
 * The lifetime of one extendable event: `done` settles once every promise handed to `keepAlive` has, so the
 * event's `waitUntil(done)` keeps the worker up for exactly the work it started (a run included). The
 * first promise must be handed in before the event handler returns.
 */
export class Lifetime {
  readonly done: Promise<void>;
  #pending = 0;
  #resolve!: () => void;

  constructor() {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  keepAlive(promise: Promise<unknown>): void {
    this.#pending++;
    const release = () => {
      if (--this.#pending === 0) this.#resolve();
    };
    promise.then(release, release);
  }
}
