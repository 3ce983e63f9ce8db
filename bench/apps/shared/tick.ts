// Cases 1 and 2: what a periodicsync run tells the page, on both sides the same way (a BroadcastChannel).
import type { Mark } from './swtrace';

export const TICK_CHANNEL = 'bench-tick';

export type TickMessage =
  | { kind: 'tick'; id: string; sent: number; marks?: Mark[] }
  /** The bare worker's second message, once the run's outcome is stored (bgkit's page gets its `completed` event). */
  | { kind: 'completed'; id: string };

/** What the page hands to the Node side (through a CDP binding) the moment a message arrives. */
export interface TickReport {
  kind: 'tick' | 'completed';
  id: string;
  /** Page clock (timeOrigin + now) on arrival; the worker's `sent` and marks are on the same time line. */
  arrived: number;
  sent?: number;
  marks?: Mark[];
  status?: string;
}

const BINDING = '__benchTick';

/** Hands a report to the Node side at once; a no-op until the harness has installed its binding. */
export function report(message: TickReport): void {
  const binding = (globalThis as unknown as Record<string, ((payload: string) => void) | undefined>)[BINDING];
  binding?.(JSON.stringify(message));
}

/** Periodic Background Sync, which TypeScript's DOM library does not describe yet. */
export function periodicSync(registration: ServiceWorkerRegistration): {
  register(tag: string, options: { minInterval: number }): Promise<void>;
  getTags(): Promise<string[]>;
} {
  return (registration as unknown as { periodicSync: ReturnType<typeof periodicSync> }).periodicSync;
}
