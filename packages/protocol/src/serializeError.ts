// SPDX-License-Identifier: MIT
// Errors across the wire: a thrown error as the SerializedError a CallReply carries, and back again.
import { BgkitError, type BgkitErrorCode } from './BgkitError.js';
import type { CallReply } from './wire.js';
import type { SerializedError } from './records.js';

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { name, message, stack, code, details } = error as Error & Partial<BgkitError>;
  return {
    name,
    message,
    ...(stack && { stack }),
    ...(typeof code === 'string' && { code }),
    ...(details && typeof details === 'object' && { details }),
  };
}

/** Rebuilds an error on the other side: a BgkitError keeps its class and code, anything else its name and message. */
export function deserializeError(s: SerializedError): Error {
  const error =
    s.name === 'BgkitError' && s.code
      ? new BgkitError(s.code as BgkitErrorCode, s.message, s.details)
      : Object.assign(new Error(s.message), { name: s.name }, s.code ? { code: s.code } : {});
  if (s.stack) error.stack = s.stack;
  return error;
}

/** The value of a reply, or its error rebuilt (a BgkitError keeps its class and code) and thrown. */
export function replyValue(reply: CallReply): unknown {
  if (!reply.ok) throw deserializeError(reply.error);
  return reply.value;
}
