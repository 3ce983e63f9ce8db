// SPDX-License-Identifier: MIT

/**
 * The lifetime of one extendable event: `done` settles once every promise handed to `keepAlive` has, so the
 * event's `waitUntil(done)` keeps the worker up for exactly the work it started (a run included). With
 * nothing handed in within `idleMs`, it settles anyway: a page that connected and vanished holds nothing.
 */
export class Lifetime {
  readonly done: Promise<void>;
  #pending = 0;
  #resolve!: () => void;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(idleMs: number) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
    this.#idle = setTimeout(() => this.#settleIfIdle(), idleMs);
  }

  keepAlive(promise: Promise<unknown>): void {
    clearTimeout(this.#idle);
    this.#idle = undefined;
    this.#pending++;
    const release = () => {
      this.#pending--;
      this.#settleIfIdle();
    };
    promise.then(release, release);
  }

  #settleIfIdle(): void {
    if (this.#pending === 0) this.#resolve();
  }
}
