// SPDX-License-Identifier: MIT
// What the devtools panel (and anyone building their own) needs beyond the public API: simulations, the
// worker's diagnostics (run history of every task, pending triggers, device state), and a few readings of
// the kit's own objects. A worker refuses simulations with `devtools-disabled` unless its
// app called enableDevtools() there.
import { validateSimulation, type Simulation, type SimulationOutcome, type TriggerSpec } from '@bgkit/protocol';
import type { BackgroundTrigger } from './triggers/BackgroundTrigger.js';
import { kSpec } from './triggers/BackgroundTrigger.js';
import { call } from './internal/connection.js';

export type { DeviceState, SimulatedFireDetails, Simulation, SimulationOutcome } from '@bgkit/protocol';
export { listAll as allRegistrations } from './BackgroundTaskRegistration.js';
export { deviceState, pendingTriggers, runs } from './internal/diagnostics.js';

/** Makes the worker act as if the event happened, through the same path the real event takes. */
export async function simulate(simulation: Simulation): Promise<SimulationOutcome> {
  validateSimulation(simulation);
  return call('simulate', simulation);
}

/** Whether the worker accepts simulations. */
export async function isDevtoolsEnabled(): Promise<boolean> {
  return (await call('devtools')).enabled;
}

/** A trigger as the worker stores it (its type and parameters), for display. */
export function triggerSpecOf(trigger: BackgroundTrigger): TriggerSpec {
  return trigger[kSpec]();
}
