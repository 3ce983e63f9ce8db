import * as api from 'workbox-window';
(globalThis as Record<string, unknown>).__bench = api;
