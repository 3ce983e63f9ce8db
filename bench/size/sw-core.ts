// @bgkit/sw as most workers use it: without the opt-in request queue (enableRequestQueue brings
// workbox-background-sync) and without enableDevtools(), which production builds leave out.
import { BackgroundWorkCost, configure, defineTask, isBgkitError, showTaskNotification } from '@bgkit/sw';
(globalThis as Record<string, unknown>).__bench = { BackgroundWorkCost, configure, defineTask, isBgkitError, showTaskNotification };
