// How the runner file gets into the worker: source text evaluated per event, or bundled as a function by
// @bgkit/capacitor/vite. The test app serves the same worker under /csp/ with a CSP that forbids eval.
import { test, expect } from '@bgkit/devtools/playwright/test';
import { dispatch, LABEL, openRunnerApp } from './support';

test.use({ permissions: ['notifications', 'background-sync'] });

const NO_EVAL = 'com.example.no-eval';

test('a runner bundled by the Vite plugin behaves as the evaluated one', async ({ page }) => {
  await openRunnerApp(page);
  expect(await dispatch(page, 'echo', { user: { firstName: 'No', lastName: 'Eval' } }, NO_EVAL)).toEqual({ ok: true, value: { firstName: 'No HELLO', lastName: 'Eval WORLD' } });
  expect(await dispatch(page, 'context', {}, NO_EVAL)).toEqual({ ok: true, value: { eventsSeenByThisContext: 1, ownAddEventListener: true } });
  expect(await dispatch(page, 'throws', {}, NO_EVAL)).toMatchObject({ ok: false, name: 'TypeError', message: 'Thrown synchronously by the listener' });
  // Each runner keeps its own CapacitorKV.
  expect(await dispatch(page, 'kvWrite', { key: 'who', value: 'no-eval' }, NO_EVAL)).toMatchObject({ ok: true });
  expect(await dispatch(page, 'kvRead', { key: 'who' }, LABEL)).toEqual({ ok: true, value: null });
});

test('under a worker CSP without unsafe-eval, the source-text runner fails with unsupported-api and the bundled one runs', async ({ page }) => {
  await openRunnerApp(page, '/csp/');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw-csp\.js$/);
  expect(await dispatch(page, 'echo', { user: { firstName: 'A', lastName: 'B' } }, LABEL)).toMatchObject({ ok: false, name: 'BgkitError', code: 'unsupported-api', details: { api: 'eval', label: LABEL } });
  expect(await dispatch(page, 'echo', { user: { firstName: 'A', lastName: 'B' } }, NO_EVAL)).toEqual({ ok: true, value: { firstName: 'A HELLO', lastName: 'B WORLD' } });
});
