// SPDX-License-Identifier: MIT
// `@bgkit/sw/protocol`: the wire protocol now lives in its own package, @bgkit/protocol, so that pages
// (@bgkit/client) depend on it alone and never install the worker's dependencies. Kept for code that imports
// it from here.
export * from '@bgkit/protocol';
