// SPDX-License-Identifier: MIT
import { PROTOCOL_VERSION, storageName, type BroadcastMessage } from '../protocol.js';
import { workerScope } from './db.js';

type Payload = BroadcastMessage extends infer M ? (M extends BroadcastMessage ? Omit<M, 'v'> : never) : never;

let channel: BroadcastChannel | undefined;

/** Tells every open page of the origin (controlled or not) what happened. A BroadcastChannel reaches them all. */
export function broadcast(message: Payload): void {
  channel ??= new BroadcastChannel(storageName(workerScope()));
  channel.postMessage({ v: PROTOCOL_VERSION, ...message });
}
