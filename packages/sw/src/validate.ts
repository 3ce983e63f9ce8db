// SPDX-License-Identifier: MIT
// The input rules are shared with the page: they live in @bgkit/protocol.
export * from '@bgkit/protocol/validate';
