// SPDX-License-Identifier: MIT

/**
 * The runner's timers for one event. Capacitor destroys an event's context once it settles, and its timers
 * with it; a worker outlives the event, so every timer the runner made is cleared when the event settles.
 */
export class TimerScope {
  readonly #timeouts = new Set<ReturnType<typeof setTimeout>>();
  readonly #intervals = new Set<ReturnType<typeof setInterval>>();

  readonly setTimeout = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = setTimeout(() => {
      this.#timeouts.delete(id);
      handler(...args);
    }, ms);
    this.#timeouts.add(id);
    return id;
  };

  readonly clearTimeout = (id: ReturnType<typeof setTimeout> | undefined) => {
    if (id === undefined) return;
    this.#timeouts.delete(id);
    clearTimeout(id);
  };

  readonly setInterval = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = setInterval(handler, ms, ...args);
    this.#intervals.add(id);
    return id;
  };

  readonly clearInterval = (id: ReturnType<typeof setInterval> | undefined) => {
    if (id === undefined) return;
    this.#intervals.delete(id);
    clearInterval(id);
  };

  /** How many timers are still set (for tests). */
  get size(): number {
    return this.#timeouts.size + this.#intervals.size;
  }

  clearAll(): void {
    for (const id of this.#timeouts) clearTimeout(id);
    for (const id of this.#intervals) clearInterval(id);
    this.#timeouts.clear();
    this.#intervals.clear();
  }
}
