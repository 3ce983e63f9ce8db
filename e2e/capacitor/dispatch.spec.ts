// BackgroundRunner.dispatchEvent() on bgkit: every outcome of a Capacitor runner's listener, each one a run.
import { test, expect } from '@bgkit/devtools/playwright/test';
import { dispatch, dispatchRuns, LABEL, openRunnerApp } from './support';

test.use({ permissions: ['notifications', 'background-sync'] });

test.beforeEach(async ({ page }) => {
  await openRunnerApp(page);
});

test('a sync listener resolves: dispatchEvent resolves with its value, recorded as a completed run', async ({ page }) => {
  const outcome = await dispatch(page, 'echo', { user: { firstName: 'Ada', lastName: 'Lovelace' } });
  expect(outcome).toEqual({ ok: true, value: { firstName: 'Ada HELLO', lastName: 'Lovelace WORLD' } });
  const [run] = await dispatchRuns(page);
  expect(run).toMatchObject({ status: 'completed', source: 'application', result: { firstName: 'Ada HELLO', lastName: 'Lovelace WORLD' } });
  expect(run!.triggerDetails).toMatchObject({ arguments: { event: 'echo', details: { user: { firstName: 'Ada' } } } });
});

test('an async listener resolves after an await', async ({ page }) => {
  expect(await dispatch(page, 'asyncEcho', { n: 3 })).toEqual({ ok: true, value: { async: true, got: { n: 3 } } });
});

test('reject(error), reject(string), a sync throw and an async throw reject dispatchEvent with the message intact', async ({ page }) => {
  expect(await dispatch(page, 'rejects')).toMatchObject({ ok: false, name: 'Error', message: 'The runner rejected this on purpose' });
  expect(await dispatch(page, 'rejectsString')).toMatchObject({ ok: false, message: 'a plain reason' });
  expect(await dispatch(page, 'throws')).toMatchObject({ ok: false, name: 'TypeError', message: 'Thrown synchronously by the listener' });
  expect(await dispatch(page, 'asyncThrows')).toMatchObject({ ok: false, name: 'RangeError', message: 'Thrown after an await' });
  const runs = await dispatchRuns(page);
  expect(runs.slice(0, 4).map((r) => [r.status, r.error?.message])).toEqual([
    ['failed', 'Thrown after an await'],
    ['failed', 'Thrown synchronously by the listener'],
    ['failed', 'a plain reason'],
    ['failed', 'The runner rejected this on purpose'],
  ]);
});

test('a listener that never calls resolve or reject is canceled at the time limit, and dispatchEvent rejects', async ({ page }) => {
  const outcome = await dispatch(page, 'never');
  expect(outcome).toMatchObject({ ok: false, name: 'BgkitError', code: 'task-canceled', details: { reason: 'executionTimeExceeded' } });
  const [run] = await dispatchRuns(page);
  expect(run).toMatchObject({ status: 'canceled', cancelReason: 'executionTimeExceeded' });
});

test('each event gets a fresh context, with Capacitor\'s addEventListener rather than the worker\'s', async ({ page }) => {
  const first = await dispatch(page, 'context');
  const second = await dispatch(page, 'context');
  expect(first).toEqual({ ok: true, value: { eventsSeenByThisContext: 1, ownAddEventListener: true } });
  expect(second).toEqual(first);
});

test('the web APIs Capacitor lists for runners work: console, fetch, timers, crypto, TextEncoder/TextDecoder', async ({ page }) => {
  expect(await dispatch(page, 'webApis')).toEqual({
    ok: true,
    value: { bytes: 6, text: 'héllo', uuidLength: 36, random: 4, json: { greeting: 'hello from the server' }, ticks: 3 },
  });
});

test('timers a listener leaves behind are cleared when its event settles', async ({ page }) => {
  expect(await dispatch(page, 'leakyTimer')).toEqual({ ok: true, value: undefined });
  await page.waitForTimeout(800); // the timer would have fired after 300 ms
  expect(await dispatch(page, 'kvRead', { key: 'leaked' })).toEqual({ ok: true, value: null });
});

test('concurrent dispatches of one runner all settle, each with its own result', async ({ page }) => {
  const results = await page.evaluate(async (label) => {
    const { BackgroundRunner } = window.capacitor;
    return Promise.all(
      [1, 2, 3].map((n) => BackgroundRunner.dispatchEvent<{ got: { n: number } }>({ label, event: 'asyncEcho', details: { n } }).then((r) => r.got.n)),
    );
  }, LABEL);
  expect(results).toEqual([1, 2, 3]);
});

test('bad input gets a BgkitError code', async ({ page }) => {
  expect(await dispatch(page, 'echo', {}, 'com.example.unknown')).toMatchObject({ ok: false, name: 'BgkitError', code: 'invalid-argument', details: { label: 'com.example.unknown' } });
  expect(await dispatch(page, 'noSuchEvent')).toMatchObject({ ok: false, name: 'BgkitError', code: 'invalid-argument', details: { label: LABEL, event: 'noSuchEvent' } });
  const notCloneable = await page.evaluate(async (label) => {
    try {
      await window.capacitor.BackgroundRunner.dispatchEvent({ label, event: 'echo', details: { callback: () => 1 } });
      return null;
    } catch (e) {
      return { name: (e as Error).name, code: (e as { code?: string }).code };
    }
  }, LABEL);
  expect(notCloneable).toEqual({ name: 'BgkitError', code: 'invalid-arguments' });
  const emptyEvent = await page.evaluate(async (label) => {
    try {
      await window.capacitor.BackgroundRunner.dispatchEvent({ label, event: '', details: {} });
      return null;
    } catch (e) {
      return (e as { code?: string }).code;
    }
  }, LABEL);
  expect(emptyEvent).toBe('invalid-argument');
});

test('an event dispatched with the Playwright driver\'s fire() is a run of the same task', async ({ page, bgkit }) => {
  await bgkit.fire(LABEL, { arguments: { event: 'echo', details: { user: { firstName: 'Grace', lastName: 'Hopper' } } } });
  const run = await bgkit.waitForRun(LABEL);
  expect(run).toMatchObject({ status: 'completed', result: { firstName: 'Grace HELLO', lastName: 'Hopper WORLD' } });
});
