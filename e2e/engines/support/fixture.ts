// e2e/fixture-server.mjs (the classic importScripts() worker and the published builds) on a free port.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort.js';

export async function startFixture(): Promise<{ origin: string; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../fixture-server.mjs', import.meta.url))], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${origin}/`).then((r) => r.ok, () => false)) break;
    if (i > 100) {
      child.kill();
      throw new Error('the fixture server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
