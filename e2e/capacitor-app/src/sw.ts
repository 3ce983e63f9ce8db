/// <reference lib="webworker" />
// The test app's service worker: bgkit's runtime, and the Capacitor runner file run on it.
import { enableDevtools } from '@bgkit/sw';
import { defineRunner } from '@bgkit/capacitor/sw';
import runner from './runners/background.js?raw';
import runnerFunction from './runners/background.js?capacitor-runner';
import dispatchOnlyRunner from './runners/dispatch-only.js?capacitor-runner';
import config, { dispatchOnlyConfig, noEvalConfig, TIME_LIMIT } from './capacitor.config';

declare const self: ServiceWorkerGlobalScope;

// A test bench: devtools simulations are always on here (an app enables them in development only).
enableDevtools();

// The runner file's source, evaluated per event (needs a worker CSP that allows eval)…
defineRunner({ ...config.plugins.BackgroundRunner, runner, timeLimit: TIME_LIMIT, appInfo: { version: '1.2.3', build: '42' } });
// …and the same file bundled as a function by the Vite plugin (no eval).
defineRunner({ ...noEvalConfig, runner: runnerFunction, timeLimit: TIME_LIMIT });
// A runner without a remoteNotification listener: pushes reach it and run nothing.
defineRunner({ ...dispatchOnlyConfig, runner: dispatchOnlyRunner, timeLimit: TIME_LIMIT });

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
