// SPDX-License-Identifier: MIT
export { ServiceWorkerCdp, type RunningStatus } from './ServiceWorkerCdp.js';
