// SPDX-License-Identifier: MIT
// The page↔worker wire spoken from a test: the driver runs in Node, so each call is made inside the page
// (page.evaluate), exactly as @bgkit/client makes it, and the reply is rebuilt into a BgkitError here.
import type { Page } from 'playwright-core';
import { BgkitError, CALL, deserializeError, PROTOCOL_VERSION, type CallReply, type WorkerApi } from '@bgkit/sw/protocol';

interface Wire {
  type: string;
  v: number;
  method: string;
  args: unknown[];
  attempt: number;
  timeout: number;
}

/** Calls the app's worker from `page`; retried once on a timeout (every call is idempotent), as the client does. */
export async function workerCall<K extends keyof WorkerApi>(
  page: Page,
  timeout: number,
  method: K,
  ...args: Parameters<WorkerApi[K]>
): Promise<Awaited<ReturnType<WorkerApi[K]>>> {
  for (let attempt = 0; ; attempt++) {
    const wire: Wire = { type: CALL, v: PROTOCOL_VERSION, method, args, attempt, timeout };
    const reply = await page.evaluate(async ({ type, v, method, args, attempt, timeout }: Wire) => {
      const registration = await Promise.race([
        navigator.serviceWorker.ready,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), timeout)),
      ]);
      if (!registration?.active) return 'no-service-worker' as const;
      const { port1, port2 } = new MessageChannel();
      const answer = new Promise<unknown>((resolve) => {
        port1.onmessage = (event) => resolve(event.data);
        setTimeout(() => resolve('sw-timeout'), timeout);
      });
      registration.active.postMessage({ type, v, method, args, attempt }, [port2]);
      const result = await answer;
      port1.close();
      return result;
    }, wire);
    if (reply === 'no-service-worker') {
      throw new BgkitError('no-service-worker', `The page ${page.url()} has no active service worker.`);
    }
    if (reply === 'sw-timeout') {
      if (attempt === 0) continue;
      throw new BgkitError('sw-timeout', `The service worker did not answer "${method}" within ${timeout} ms.`, { method });
    }
    const answer = reply as CallReply;
    if (!answer.ok) throw deserializeError(answer.error);
    return answer.value as Awaited<ReturnType<WorkerApi[K]>>;
  }
}
