/// <reference lib="webworker" />
// The service worker: the kit's Expo runtime first, then the app's own task module, unchanged.
import '@bgkit/expo/sw';
import './tasks';
