// SPDX-License-Identifier: MIT
// The error class is shared with the page: it lives in @bgkit/protocol.
export { BgkitError, isBgkitError, type BgkitErrorCode } from '@bgkit/protocol';
