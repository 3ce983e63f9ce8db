// One describe() per engine, each with its browser (launched once per file) and a fresh app server (so a
// fresh origin: worker, IndexedDB and permissions of its own) per test.
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { launch, type Engine, type EngineName } from './engine.js';
import { startAppServer, type AppServer } from './server.js';

/** The engines to run (BGKIT_ENGINES=firefox,webkit,chromium narrows or widens it); Chromium for its column of the matrix (chromium.test.ts). */
export const ENGINES: EngineName[] = (process.env.BGKIT_ENGINES?.split(',') as EngineName[] | undefined) ?? ['firefox', 'webkit', 'chromium'];

export interface SuiteContext {
  engine: Engine;
  server: AppServer;
}

export function forEachEngine(title: string, body: (ctx: SuiteContext, name: EngineName) => void, engines: EngineName[] = ['firefox', 'webkit']): void {
  for (const name of engines) {
    if (!ENGINES.includes(name)) continue;
    describe(`${name}: ${title}`, () => {
      const ctx = {} as SuiteContext;
      beforeAll(async () => {
        ctx.engine = await launch(name);
      });
      afterAll(async () => {
        await ctx.engine?.close();
      });
      beforeEach(async () => {
        ctx.server = await startAppServer();
      });
      afterEach(async () => {
        await ctx.engine?.setOnline(true);
        await ctx.server?.close();
      });
      body(ctx, name);
    });
  }
}
