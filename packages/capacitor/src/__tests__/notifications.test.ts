import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventNotifications } from '../sw/notifications.js';

vi.mock('@bgkit/sw', async () => (await import('./workerStubs.js')).bgkitSw);

/** A worker navigator with the Badging API, recording every call. */
function withBadging(outcome: () => Promise<void> = async () => {}) {
  const setAppBadge = vi.fn((_count?: number) => outcome());
  const clearAppBadge = vi.fn(() => outcome());
  vi.stubGlobal('navigator', { setAppBadge, clearAppBadge });
  return { setAppBadge, clearAppBadge };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CapacitorNotifications badge', () => {
  it('setBadge() reaches navigator.setAppBadge with the count, clearBadge() navigator.clearAppBadge', async () => {
    const badging = withBadging();
    const scope = await EventNotifications.open('badge-a');
    scope.api.setBadge({ count: 5, notificationTitle: 'Unread', notificationSubtitle: '' });
    await scope.flush();
    expect(badging.setAppBadge).toHaveBeenCalledExactlyOnceWith(5);
    expect(badging.clearAppBadge).not.toHaveBeenCalled();
    scope.api.clearBadge();
    await scope.flush();
    expect(badging.clearAppBadge).toHaveBeenCalledOnce();
    expect(badging.setAppBadge).toHaveBeenCalledOnce();
  });

  it('a count of 0 clears the badge, as the Badging API reads setAppBadge(0)', async () => {
    const badging = withBadging();
    const scope = await EventNotifications.open('badge-b');
    scope.api.setBadge({ count: 0, notificationTitle: '', notificationSubtitle: '' });
    await scope.flush();
    expect(badging.clearAppBadge).toHaveBeenCalledOnce();
    expect(badging.setAppBadge).not.toHaveBeenCalled();
  });

  it('keeps the count for the next event (getBadge), with or without a Badging API, and a refused badge fails nothing', async () => {
    withBadging(() => Promise.reject(new DOMException('Not installed', 'NotAllowedError')));
    const first = await EventNotifications.open('badge-c');
    first.api.setBadge({ count: 2, notificationTitle: '', notificationSubtitle: '' });
    await expect(first.flush()).resolves.toBeUndefined();
    vi.stubGlobal('navigator', {});
    const second = await EventNotifications.open('badge-c');
    expect(second.api.getBadge()).toEqual({ count: 2 });
    second.api.clearBadge();
    await expect(second.flush()).resolves.toBeUndefined();
    expect((await EventNotifications.open('badge-c')).api.getBadge()).toEqual({ count: 0 });
  });

  it('refuses a count that is not a non-negative integer with invalid-argument', async () => {
    const badging = withBadging();
    const scope = await EventNotifications.open('badge-d');
    for (const count of [-1, 1.5, Number.NaN, '3']) {
      expect(() => scope.api.setBadge({ count: count as number, notificationTitle: '', notificationSubtitle: '' })).toThrow(expect.objectContaining({ name: 'BgkitError', code: 'invalid-argument' }));
    }
    await scope.flush();
    expect(badging.setAppBadge).not.toHaveBeenCalled();
  });
});
