// SPDX-License-Identifier: MIT
// `@bgkit/client/background-fetch`: the Background Fetch trigger, a separate entry so that pages without it
// bundle none of it. Importing it also lets the registry rebuild the trigger of a stored backgroundFetch task.
export { BackgroundFetchTrigger, type BackgroundFetch, type BackgroundFetchOptions } from './triggers/BackgroundFetchTrigger.js';
export type { BackgroundFetchEventKind, BackgroundFetchTriggerDetails } from '@bgkit/protocol';
