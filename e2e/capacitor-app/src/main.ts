// The test app's page: configures the runner from capacitor.config and exposes the APIs to the tests.
import * as bgkit from '@bgkit/client';
import { registerServiceWorker } from '@bgkit/client/register';
import * as capacitor from '@bgkit/capacitor';
import { mountBgkitDevtools } from '@bgkit/devtools';
import config, { dispatchOnlyConfig, noEvalConfig, TIME_LIMIT } from './capacitor.config';

declare global {
  interface Window {
    bgkit: typeof bgkit;
    capacitor: typeof capacitor;
  }
}
window.bgkit = bgkit;
window.capacitor = capacitor;

// Under /csp/ the same worker is served with a Content-Security-Policy that forbids eval (see server.mjs).
if (location.pathname.startsWith('/csp/')) registerServiceWorker('/sw-csp.js', { scope: '/csp/' });
else registerServiceWorker('/sw.js');
mountBgkitDevtools({ position: 'right', open: new URLSearchParams(location.search).has('devtools') });

const status = document.querySelector('#status')!;
Promise.all([
  capacitor.configureBackgroundRunner(config.plugins.BackgroundRunner, { timeLimit: TIME_LIMIT }),
  capacitor.configureBackgroundRunner(noEvalConfig, { timeLimit: TIME_LIMIT, remoteNotification: false }),
  new URLSearchParams(location.search).has('dispatch-only') && capacitor.configureBackgroundRunner(dispatchOnlyConfig, { timeLimit: TIME_LIMIT }),
]).then(
  () => {
    status.textContent = 'ready';
    document.body.dataset.ready = 'true';
  },
  (error: unknown) => {
    status.textContent = `configuration failed: ${String(error)}`;
  },
);

document.querySelector('#echo')!.addEventListener('click', async () => {
  const out = document.querySelector('#out')!;
  try {
    const user = await capacitor.BackgroundRunner.dispatchEvent({ label: config.plugins.BackgroundRunner.label, event: 'echo', details: { user: { firstName: 'Ada', lastName: 'Lovelace' } } });
    out.textContent = JSON.stringify(user);
  } catch (error) {
    out.textContent = String(error);
  }
});
