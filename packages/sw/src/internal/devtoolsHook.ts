// SPDX-License-Identifier: MIT
// The seam between the runtime and devtools simulation. The simulation code itself is only linked in by
// enableDevtools(), so a production build that calls it only in development carries none of it.
import { BgkitError } from '../BgkitError.js';
import type { Simulation, SimulationOutcome } from '../protocol.js';
import type { Lifetime } from './Lifetime.js';
import { DEV } from './log.js';

type Simulator = (simulation: Simulation, lifetime: Lifetime) => Promise<SimulationOutcome>;

let simulator: Simulator | undefined;
// Made by the first simulated event: a worker without devtools never has one, and its bundle folds
// isSimulated() to false.
let synthetic: WeakSet<Event> | undefined;

export function setSimulator(fn: Simulator | undefined): void {
  simulator = fn;
}

export function devtoolsEnabled(): boolean {
  return simulator !== undefined;
}

/** Marks an event a simulation made up, so the listeners record its runs as simulated. */
export function markSimulated(event: Event): void {
  (synthetic ??= new WeakSet()).add(event);
}

/** Whether an event the worker's listeners received was made up by a devtools simulation. */
export function isSimulated(event: Event): boolean {
  return !!synthetic?.has(event);
}

/** Runs a simulation, or refuses it (and logs that in every build: it is a refused request, not chatter). */
export function runSimulation(simulation: Simulation, lifetime: Lifetime): Promise<SimulationOutcome> {
  if (simulator) return simulator(simulation, lifetime);
  const error = new BgkitError(
    'devtools-disabled',
    DEV ? 'This service worker refuses devtools simulations: call enableDevtools() from @bgkit/sw in it (in development, or for tests) to accept them.' : '',
  );
  console.error(error);
  return Promise.reject(error);
}
