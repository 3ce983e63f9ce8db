// SPDX-License-Identifier: MIT
import { expose, transferHandlers } from 'comlink';
import { installErrorTransfer, isConnectMessage, PROTOCOL_VERSION } from '../protocol.js';
import { boot, createApi, mismatchApi } from './api.js';
import { Lifetime } from './Lifetime.js';
import { log } from './log.js';
import { options } from './runtime.js';

declare const self: ServiceWorkerGlobalScope;

let installed = false;

/**
 * Adds the worker's listeners. Browsers only deliver events to listeners added while the script is first
 * evaluated, which is why defineTask() (always called at top level) is what calls this.
 */
export function install(): void {
  if (installed || typeof self === 'undefined' || typeof self.addEventListener !== 'function') return;
  installed = true;
  installErrorTransfer(transferHandlers as never);

  self.addEventListener('activate', (event) => event.waitUntil(boot()));

  self.addEventListener('message', (event) => {
    if (!isConnectMessage(event.data)) return;
    const port = event.ports[0];
    if (!port) return;
    const lifetime = new Lifetime(options.connectIdle);
    const api = event.data.v === PROTOCOL_VERSION ? createApi(lifetime) : mismatchApi(event.data.v);
    expose(api, port);
    event.waitUntil(lifetime.done);
  });
  log('runtime installed');
}
