// SPDX-License-Identifier: MIT
// The page→worker wire spoken from a test: the driver runs in Node, so each call is made inside the page
// (page.evaluate) with the protocol's CallMessage, and the reply is decoded here by the protocol's own
// replyValue(). Unlike @bgkit/client it does not follow a worker replaced mid-call: tests do not update it.
import type { Page } from 'playwright-core';
import { BgkitError, CALL, PROTOCOL_VERSION, replyValue, type CallMessage, type CallReply, type WorkerApi } from '@bgkit/protocol';

/** Calls the app's worker from `page`; retried once on a timeout (every call is idempotent), as the client does. */
export async function workerCall<K extends keyof WorkerApi>(
  page: Page,
  timeout: number,
  method: K,
  ...args: Parameters<WorkerApi[K]>
): Promise<Awaited<ReturnType<WorkerApi[K]>>> {
  // The message says the time really waited: with the retry, that is twice `timeout` and more.
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const message: CallMessage<K> = { type: CALL, v: PROTOCOL_VERSION, method, args, attempt };
    const reply = await page.evaluate(async ({ message, timeout }: { message: CallMessage; timeout: number }) => {
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
      registration.active.postMessage(message, [port2]);
      const result = await answer;
      port1.close();
      return result;
    }, { message: message as CallMessage, timeout });
    if (reply === 'no-service-worker') {
      throw new BgkitError('no-service-worker', `The page ${page.url()} has no active service worker.`);
    }
    if (reply === 'sw-timeout') {
      if (attempt === 0) continue;
      const waited = Date.now() - started;
      const attempts = attempt + 1;
      throw new BgkitError(
        'sw-timeout',
        `The service worker did not answer "${method}" within ${waited} ms (${attempts} attempts of ${timeout} ms each).`,
        { method, waited, attempts, timeout },
      );
    }
    return replyValue(reply as CallReply) as Awaited<ReturnType<WorkerApi[K]>>;
  }
}
