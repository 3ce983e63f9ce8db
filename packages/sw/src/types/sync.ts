// SPDX-License-Identifier: MIT
// Background Sync and Periodic Background Sync are Chromium-only (Firefox and WebKitGTK have neither:
// e2e/engines/network.test.ts, "internetAvailable fires once on reconnect with the page open", and
// e2e/engines/clock.test.ts, "a TimeTrigger task made due by advanceTime() runs on the next worker wake
// (catch-up), in a new worker") and missing from TypeScript's lib.
// workbox-background-sync declares the Background Sync part the same way; the shapes here must match it
// (a non-optional `sync`, even though other browsers lack it: code checks for it at run time).
export {};

declare global {
  interface SyncManager {
    register(tag: string): Promise<void>;
    getTags(): Promise<string[]>;
  }
  interface PeriodicSyncManager {
    register(tag: string, options?: { minInterval?: number }): Promise<void>;
    unregister(tag: string): Promise<void>;
    getTags(): Promise<string[]>;
  }
  interface ServiceWorkerRegistration {
    readonly sync: SyncManager;
    readonly periodicSync?: PeriodicSyncManager;
  }
  interface SyncEvent extends ExtendableEvent {
    readonly tag: string;
    readonly lastChance: boolean;
  }
  interface PeriodicSyncEvent extends ExtendableEvent {
    readonly tag: string;
  }
  interface ServiceWorkerGlobalScopeEventMap {
    sync: SyncEvent;
    periodicsync: PeriodicSyncEvent;
  }
}
