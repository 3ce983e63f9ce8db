// Every public export of @bgkit/sw, with idb, as a service worker bundle carries them.
import * as api from '@bgkit/sw';
(globalThis as Record<string, unknown>).__bench = api;
