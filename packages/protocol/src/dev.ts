// SPDX-License-Identifier: MIT
// Error prose is for development builds only: production keeps each error's code, details and cause, with a
// short generic message pointing at the README's error table (as Workbox does), so the page pays no bytes
// for sentences. `DEV ? 'sentence' : ''` folds to '' when the build defines __BGKIT_DEV__ as false.
declare const __BGKIT_DEV__: boolean | undefined;

/** True in development builds and in unbundled source that does not define __BGKIT_DEV__. */
export const DEV: boolean = typeof __BGKIT_DEV__ === 'undefined' ? true : __BGKIT_DEV__;
