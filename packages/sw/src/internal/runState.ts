// SPDX-License-Identifier: MIT
import type { RunStatus } from '../protocol.js';

// queued → running → completed | failed | canceled; a queued run may also be canceled before it starts.
// Final states are final (they have no entry here): a late write from a run that was already settled
// elsewhere must not revive it.
const NEXT: Partial<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['running', 'canceled'],
  running: ['completed', 'failed', 'canceled'],
};

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return !!NEXT[from]?.includes(to);
}

export function isFinal(status: RunStatus): boolean {
  return !NEXT[status];
}
