// SPDX-License-Identifier: MIT
// The classic-script build: `importScripts('bgkit-sw.prod.js')` puts the runtime on `self.bgkit`.
import * as runtime from './index.js';

declare global {
  /**
   * The bgkit worker runtime, put on the global scope by the classic build (`@bgkit/sw/iife`, loaded with
   * `importScripts()`): `self.bgkit.defineTask(...)`.
   */
  var bgkit: typeof runtime;
}

self.bgkit = runtime;
