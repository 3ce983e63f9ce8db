// SPDX-License-Identifier: MIT
// Dev-only logging. Production builds define __BGKIT_DEV__ as false and the minifier drops every call;
// unbundled source (tests, in-repo demo) treats a missing define as development.
declare const __BGKIT_DEV__: boolean | undefined;

export const DEV: boolean = typeof __BGKIT_DEV__ === 'undefined' ? true : __BGKIT_DEV__;

/** Set `self.__BGKIT_DISABLE_DEV_LOGS = true` to mute the development build. */
export function log(message: string, ...rest: unknown[]): void {
  if (DEV && !(globalThis as { __BGKIT_DISABLE_DEV_LOGS?: boolean }).__BGKIT_DISABLE_DEV_LOGS) {
    console.debug(`%cbgkit%c ${message}`, 'color:#fff;background:#3b5bdb;border-radius:2px;padding:0 3px', '', ...rest);
  }
}
