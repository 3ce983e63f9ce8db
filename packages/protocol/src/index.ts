// SPDX-License-Identifier: MIT
// @bgkit/protocol: what @bgkit/client and @bgkit/sw share, and all they share of each other. One module per
// kind of thing: the wire (wire.ts: messages, names and their pure helpers), the Windows vocabulary (vocabulary.ts), the
// stored records (records.ts), devtools' simulations (simulation.ts), the retry policy (retryPolicy.ts), the
// error class and its crossing of the wire, the input rules (validate.ts) that both sides apply, the
// development-only sentences said in more than one place (messages.ts), and the typed contract an app declares between its page and its worker (contract.ts, types only).
export { BgkitError, isBgkitError, type BgkitErrorCode } from './BgkitError.js';
export {
  validateRegisterInput,
  validateRetryPolicy,
  validateFreshness,
  validateDuration,
  validateSimulation,
  validateSystemType,
  validateTaskFields,
  validateOneShot,
  validateGroup,
  MIN_FRESHNESS_MINUTES,
  MAX_TIMER_MS,
} from './validate.js';
export * from './wire.js';
export * from './vocabulary.js';
export * from './records.js';
export * from './simulation.js';
export * from './retryPolicy.js';
export { MESSAGES } from './messages.js';
export { serializeError, deserializeError, replyValue } from './serializeError.js';
export type { BgkitTasks, TaskContract, TaskEntryPoint, TaskArguments, TaskResult, TaskDetails, ApplicationTriggerDetails } from './contract.js';
