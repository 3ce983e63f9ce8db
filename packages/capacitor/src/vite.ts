// SPDX-License-Identifier: MIT
// @bgkit/capacitor/vite: bundles a Capacitor runner file into the service worker as a function, so the
// worker needs no eval (and no 'unsafe-eval' in its Content-Security-Policy).
import type { Plugin } from 'vite';
import { RUNNER_GLOBAL_NAMES } from './shared/globals.js';

const SUFFIX = '?capacitor-runner';

/**
 * `import runner from './runners/background.js?capacitor-runner'` gives a function for `defineRunner({ runner })`:
 * the file's code in a function whose parameters are Capacitor's globals. The file is unchanged, but it runs as
 * part of an ES module, so in strict mode (a runner that assigns undeclared variables needs the `?raw` form).
 * With vite-plugin-pwa's injectManifest, list it in `injectManifest.plugins` too (the worker is built apart).
 */
export function capacitorRunner(): Plugin {
  return {
    name: 'bgkit-capacitor-runner',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith(SUFFIX)) return null;
      const params = RUNNER_GLOBAL_NAMES.join(', ');
      const args = RUNNER_GLOBAL_NAMES.map((name) => `globals.${name}`).join(', ');
      return {
        code: `export default function capacitorRunner(globals) {\n(function (${params}) {\n${code}\n}).call(undefined, ${args});\n}\n`,
        map: null,
      };
    },
  };
}
