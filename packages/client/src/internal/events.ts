// SPDX-License-Identifier: MIT
import { CHANNEL_NAME, type BroadcastMessage } from '@bgkit/sw/protocol';

type Listener = (message: BroadcastMessage) => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

/** Subscribes to what the worker announces. The channel opens on first use, never at import (SSR-safe). */
export function onWorkerMessage(listener: Listener): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent<BroadcastMessage>) => {
      for (const l of [...listeners]) l(event.data);
    };
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}
