// SPDX-License-Identifier: MIT

/** What `reject()` was given, as an Error whose message reaches `dispatchEvent()`'s rejection intact. */
export function toError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  if (typeof reason === 'string') return new Error(reason);
  if (reason === undefined) return new Error('The runner rejected the event.');
  let text: string;
  try {
    text = JSON.stringify(reason);
  } catch {
    text = String(reason);
  }
  return Object.assign(new Error(text), { details: reason });
}
