// SPDX-License-Identifier: MIT
export { mountBgkitDevtools } from './mount.js';
export type { BgkitDevtoolsHandle, BgkitDevtoolsOptions, DevtoolsPosition } from './options.js';
