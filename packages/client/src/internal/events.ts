// SPDX-License-Identifier: MIT
import { storageName, type BroadcastMessage } from '@bgkit/sw/protocol';
import { knownScope } from './connection.js';

type Listener = (message: BroadcastMessage) => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

/**
 * Subscribes to what the worker announces. The channel (named by the worker's scope, so known once a call
 * has reached the worker) opens on first use, never at import (SSR-safe).
 */
export function onWorkerMessage(listener: Listener): () => void {
  const scope = knownScope();
  if (!channel && scope && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(storageName(scope));
    channel.onmessage = (event: MessageEvent<BroadcastMessage>) => {
      for (const l of [...listeners]) l(event.data);
    };
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}
