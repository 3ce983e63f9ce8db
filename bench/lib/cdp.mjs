// The few CDP ServiceWorker calls the bench needs, in plain JS (run.mjs runs without a TypeScript loader,
// so @bgkit/devtools' ServiceWorkerCdp is not importable here). Same facts as that class relies on: the
// domain exists on page sessions only, and stopWorker wants a versionId seen in workerVersionUpdated.
export class WorkerControl {
  #session;
  #versions = new Map();
  #waiters = new Set();

  static async attach(page) {
    const control = new WorkerControl();
    control.#session = await page.context().newCDPSession(page);
    control.#session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) control.#versions.set(v.versionId, v);
      for (const w of [...control.#waiters]) w();
    });
    await control.#session.send('ServiceWorker.enable');
    return control;
  }

  #until(find, what, timeout = 10_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value === undefined) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeout);
      this.#waiters.add(check);
      check();
    });
  }

  /** Stops the context's activated worker as the browser does when it is idle; the next message restarts it. */
  async stopWorker() {
    const version = await this.#until(() => [...this.#versions.values()].find((v) => v.status === 'activated'), 'an activated worker');
    await this.#session.send('ServiceWorker.stopWorker', { versionId: version.versionId });
    await this.#until(() => (this.#versions.get(version.versionId)?.runningStatus === 'stopped' ? true : undefined), 'the worker to stop');
  }

  async detach() {
    await this.#session.detach().catch(() => undefined);
  }
}
