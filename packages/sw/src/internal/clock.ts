// SPDX-License-Identifier: MIT
// The kit clock: every time the worker reads for schedules, slots and catch-up comes from here (time limits
// follow it too: simulatedClock.ts). It is Date.now() plus an offset that only a devtools simulation sets (a
// test moving time forward, as WorkManager's TestDriver.setPeriodDelayMet does): no engine lets a test move a
// service worker's clock (libfaketime hangs Firefox: https://github.com/wolfcw/libfaketime/issues/373;
// WebDriver BiDi has no clock command: https://w3c.github.io/webdriver-bidi/). Without enableDevtools()
// the offset is 0 and nothing is read; with it, the offset is kept in IndexedDB and survives a restart.

let offset = 0;
let source: (() => Promise<number>) | undefined;
let loading: Promise<unknown> | undefined;

/** The kit's time, in milliseconds since the epoch. */
export function clockNow(): number {
  return Date.now() + offset;
}

/** How far the clock is ahead of real time (0 unless a simulation moved it). */
export function clockOffset(): number {
  return offset;
}

/** Settles once this worker lifetime knows its offset (read once, where devtools keep one). */
export function clockReady(): Promise<unknown> {
  return (loading ??= source ? source().then((stored) => (offset = stored), () => undefined) : Promise.resolve());
}

/** Where a lifetime reads its offset from (set by enableDevtools()). */
export function setClockSource(read: () => Promise<number>): void {
  source = read;
  loading = undefined;
}

export function setClockOffset(ms: number): void {
  offset = ms;
  loading = Promise.resolve();
}
