// SPDX-License-Identifier: MIT
// The classic-script build: `importScripts('bgkit-sw.prod.js')` puts the runtime on `self.bgkit`.
import * as bgkit from './index.js';

(self as unknown as { bgkit: typeof bgkit }).bgkit = bgkit;
