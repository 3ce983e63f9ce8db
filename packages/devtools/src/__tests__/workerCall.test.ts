import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BgkitError, type CallMessage } from '@bgkit/protocol';
import { workerCall } from '../playwright/workerCall.js';

/** A page whose worker never answers: each evaluate() gives up after the call's timeout, as the real one does. */
function silentWorkerPage() {
  const attempts: number[] = [];
  const page = {
    url: () => 'http://localhost/',
    evaluate: async (_fn: unknown, { message, timeout }: { message: CallMessage; timeout: number }) => {
      attempts.push(message.attempt ?? 0);
      await new Promise((resolve) => setTimeout(resolve, timeout));
      return 'sw-timeout';
    },
  };
  return { page: page as unknown as Page, attempts };
}

describe('workerCall', () => {
  it('retries a timed-out call once and says how long it really waited', async () => {
    const { page, attempts } = silentWorkerPage();
    const timeout = 40;
    const error = await workerCall(page, timeout, 'list').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BgkitError);
    expect(attempts).toEqual([0, 1]);
    const { code, message, details } = error as BgkitError;
    expect(code).toBe('sw-timeout');
    // The time in the sentence is the time waited (both attempts), not one attempt's timeout.
    const said = Number(/within (\d+) ms/.exec(message)?.[1]);
    expect(said).toBeGreaterThanOrEqual(2 * timeout);
    expect(details).toMatchObject({ method: 'list', waited: said, attempts: 2, timeout });
  });
});
