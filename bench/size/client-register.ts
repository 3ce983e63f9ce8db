// registerServiceWorker() from @bgkit/client/register: what an app that lets bgkit register its worker adds.
import { registerServiceWorker } from '@bgkit/client/register';
(globalThis as Record<string, unknown>).__bench = registerServiceWorker;
