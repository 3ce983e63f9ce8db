// SPDX-License-Identifier: MIT
// Every button of the panel that makes something happen goes through here: simulate(), then say what happened.
import { isBgkitError } from '@bgkit/client';
import { simulate, type Simulation, type SimulationOutcome } from '@bgkit/client/devtools';
import type { StatusLine } from './StatusLine.js';

export interface SimulatorHooks {
  status: StatusLine;
  /** The worker refused: it did not enable devtools. */
  disabled(): void;
  /** Something changed: look again soon. */
  changed(): void;
}

export class Simulator {
  readonly #hooks: SimulatorHooks;

  constructor(hooks: SimulatorHooks) {
    this.#hooks = hooks;
  }

  /**
   * Runs `build()` (which may throw, e.g. on bad JSON in a box) and sends its simulation; `describe` turns
   * the outcome into the status line's text.
   */
  async run(label: string, build: () => Simulation, describe: (outcome: SimulationOutcome) => string = () => 'done'): Promise<SimulationOutcome | undefined> {
    const { status } = this.#hooks;
    let simulation: Simulation;
    try {
      simulation = build();
    } catch (error) {
      status.say(`${label}: ${(error as Error).message}`, 'error');
      return undefined;
    }
    status.say(`${label}…`);
    try {
      const outcome = await simulate(simulation);
      status.say(`${label}: ${describe(outcome)}`);
      return outcome;
    } catch (error) {
      if (isBgkitError(error, 'devtools-disabled')) this.#hooks.disabled();
      const code = (error as { code?: string }).code;
      status.say(`${label}: refused${code ? ` (${code})` : ''}: ${(error as Error).message}`, 'error');
      return undefined;
    } finally {
      this.#hooks.changed();
    }
  }
}
