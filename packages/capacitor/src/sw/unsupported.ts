// SPDX-License-Identifier: MIT
import { BgkitError } from '@bgkit/sw/protocol';

function unsupported(api: string, why: string): never {
  throw new BgkitError('unsupported-api', `${api} is not available to a runner on the web: ${why}`, { api });
}

const NO_GEOLOCATION =
  'a service worker has no Geolocation API (navigator.geolocation exists only in pages), so no position can be read in the background.';
const NO_WATCH = 'the web has no way to reach a paired watch.';

/** Geolocation: a worker has none, so every call fails at once with `unsupported-api` (never hangs). */
export const CapacitorGeolocation = {
  getCurrentPosition: (): never => unsupported('CapacitorGeolocation.getCurrentPosition', NO_GEOLOCATION),
};

/** Apple Watch messaging: nothing on the web. `isReachable` is honestly false; the methods fail with `unsupported-api`. */
export const CapacitorWatch = {
  isReachable: false,
  sendMessage: (): never => unsupported('CapacitorWatch.sendMessage', NO_WATCH),
  transferUserInfo: (): never => unsupported('CapacitorWatch.transferUserInfo', NO_WATCH),
  updateApplicationContext: (): never => unsupported('CapacitorWatch.updateApplicationContext', NO_WATCH),
  updateWatchUI: (): never => unsupported('CapacitorWatch.updateWatchUI', NO_WATCH),
  updateWatchData: (): never => unsupported('CapacitorWatch.updateWatchData', NO_WATCH),
};
