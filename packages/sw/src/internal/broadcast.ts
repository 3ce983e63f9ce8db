// SPDX-License-Identifier: MIT
import { CHANNEL_NAME, PROTOCOL_VERSION, type BroadcastMessage } from '../protocol.js';

type Payload = BroadcastMessage extends infer M ? (M extends BroadcastMessage ? Omit<M, 'v'> : never) : never;

let channel: BroadcastChannel | undefined;

/** Tells every open page of the origin (controlled or not) what happened. A BroadcastChannel reaches them all. */
export function broadcast(message: Payload): void {
  channel ??= new BroadcastChannel(CHANNEL_NAME);
  channel.postMessage({ v: PROTOCOL_VERSION, ...message });
}
