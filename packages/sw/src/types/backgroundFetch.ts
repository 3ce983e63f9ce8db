// SPDX-License-Identifier: MIT
// Background Fetch (WICG) is Chromium-only (https://github.com/mdn/browser-compat-data/blob/main/api/BackgroundFetchManager.json)
// and missing from TypeScript's lib: the parts bgkit uses.
// https://wicg.github.io/background-fetch/
export {};

declare global {
  interface BackgroundFetchRecord {
    readonly request: Request;
    /** Rejects (AbortError) for a record whose fetch was aborted before it was answered. */
    readonly responseReady: Promise<Response>;
  }
  interface BackgroundFetchRegistration extends EventTarget {
    readonly id: string;
    readonly uploadTotal: number;
    readonly uploaded: number;
    readonly downloadTotal: number;
    readonly downloaded: number;
    readonly result: '' | 'success' | 'failure';
    readonly failureReason: string;
    readonly recordsAvailable: boolean;
    abort(): Promise<boolean>;
    match(request: RequestInfo, options?: CacheQueryOptions): Promise<BackgroundFetchRecord | undefined>;
    matchAll(request?: RequestInfo, options?: CacheQueryOptions): Promise<BackgroundFetchRecord[]>;
  }
  interface BackgroundFetchManager {
    fetch(id: string, requests: RequestInfo | RequestInfo[], options?: { title?: string; downloadTotal?: number; icons?: { src: string; sizes?: string; type?: string; label?: string }[] }): Promise<BackgroundFetchRegistration>;
    get(id: string): Promise<BackgroundFetchRegistration | undefined>;
    getIds(): Promise<string[]>;
  }
  interface ServiceWorkerRegistration {
    readonly backgroundFetch?: BackgroundFetchManager;
  }
  /** `backgroundfetchabort` and `backgroundfetchclick`. */
  interface BackgroundFetchEvent extends ExtendableEvent {
    readonly registration: BackgroundFetchRegistration;
  }
  /** `backgroundfetchsuccess` and `backgroundfetchfail`: the app may update the browser's download UI. */
  interface BackgroundFetchUpdateUIEvent extends BackgroundFetchEvent {
    updateUI(options?: { title?: string; icons?: { src: string; sizes?: string; type?: string }[] }): Promise<void>;
  }
  interface ServiceWorkerGlobalScopeEventMap {
    backgroundfetchsuccess: BackgroundFetchUpdateUIEvent;
    backgroundfetchfail: BackgroundFetchUpdateUIEvent;
    backgroundfetchabort: BackgroundFetchEvent;
    backgroundfetchclick: BackgroundFetchEvent;
  }
}
