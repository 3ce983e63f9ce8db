import { Queue } from 'workbox-background-sync';
(globalThis as Record<string, unknown>).__bench = Queue;
