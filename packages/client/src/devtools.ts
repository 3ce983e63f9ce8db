// SPDX-License-Identifier: MIT
// What the devtools panel (and anyone building their own) needs beyond the public API: simulations. A worker
// refuses them with `devtools-disabled` unless its app called enableDevtools() there.
import { validateSimulation, type Simulation, type SimulationOutcome } from '@bgkit/sw/protocol';
import { call } from './internal/connection.js';

export type { DeviceState, SimulatedFireDetails, Simulation, SimulationOutcome } from '@bgkit/sw/protocol';

/** Makes the worker act as if the event happened, through the same path the real event takes. */
export function simulate(simulation: Simulation): Promise<SimulationOutcome> {
  try {
    validateSimulation(simulation);
  } catch (error) {
    return Promise.reject(error);
  }
  return call('simulate', simulation);
}

/** Whether the worker accepts simulations. */
export async function isDevtoolsEnabled(): Promise<boolean> {
  return (await call('devtools')).enabled;
}
