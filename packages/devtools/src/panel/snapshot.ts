// SPDX-License-Identifier: MIT
// One look at everything the panel shows, through the public page API only.
import {
  BackgroundExecutionManager,
  BackgroundWorkCost,
  type BackgroundTaskRegistration,
  type BackgroundAccessStatus,
  type BackgroundTaskRun,
  type BackgroundWorkCostValue,
  type DeviceState,
  type PendingRecord,
} from '@bgkit/client';
import { allRegistrations, deviceState, isDevtoolsEnabled, pendingTriggers, runs as allRuns } from '@bgkit/client/devtools';

export interface Snapshot {
  /** When it was taken. */
  at: number;
  access: BackgroundAccessStatus | null;
  /** Every registration, in no group and in groups. */
  registrations: BackgroundTaskRegistration[];
  pending: PendingRecord[];
  /** Newest first. */
  runs: BackgroundTaskRun[];
  device: DeviceState | null;
  workCost: BackgroundWorkCostValue | null;
  /** Whether the worker accepts simulations; null when it could not be asked. */
  devtools: boolean | null;
  /** What could not be read, for the panel to say. */
  errors: string[];
}

export const RUN_LIMIT = 50;

function message(error: unknown): string {
  return error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
}

export async function takeSnapshot(): Promise<Snapshot> {
  const errors: string[] = [];
  const settle = async <T>(what: string, promise: Promise<T>, fallback: T): Promise<T> => {
    try {
      return await promise;
    } catch (error) {
      errors.push(`${what}: ${message(error)}`);
      return fallback;
    }
  };
  const [access, registrations, pending, runs, device, workCost, devtools] = await Promise.all([
    settle('access', BackgroundExecutionManager.getAccessStatus(), null),
    settle('registrations', allRegistrations(), []),
    settle('pending', pendingTriggers(), []),
    settle('runs', allRuns({ limit: RUN_LIMIT }), []),
    settle('device', deviceState(), null),
    settle('work cost', BackgroundWorkCost.current(), null),
    settle('devtools', isDevtoolsEnabled(), null),
  ]);
  return { at: Date.now(), access, registrations, pending, runs, device, workCost, devtools, errors };
}
