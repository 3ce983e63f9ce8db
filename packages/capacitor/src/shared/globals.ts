// SPDX-License-Identifier: MIT

/**
 * The names a runner file sees as globals, in the order they are passed to it. They shadow the worker's own:
 * the runner's `addEventListener` is Capacitor's, not the worker's, and its timers are the event's.
 * Shared with the Vite plugin, which wraps runner files into functions of these names.
 */
export const RUNNER_GLOBAL_NAMES = [
  'addEventListener',
  'console',
  'fetch',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'crypto',
  'TextEncoder',
  'TextDecoder',
  'CapacitorKV',
  'CapacitorNotifications',
  'CapacitorDevice',
  'CapacitorApp',
  'CapacitorGeolocation',
  'CapacitorWatch',
] as const;
