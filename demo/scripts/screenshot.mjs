// Takes the README's picture of the demo (docs/demo.png) from the production build:
//   pnpm --filter demo build && node scripts/screenshot.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../server.mjs';

const dataDir = await mkdtemp(join(tmpdir(), 'inbox-screenshot-'));
const { server, url } = await startServer({ port: 0, dataDir });
const browser = await chromium.launch({ executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1, permissions: ['notifications', 'background-sync'] });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('#activity [data-task="check"] .runs').waitFor();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.locator('#export-result a').waitFor();
  await page.locator('#messages a').first().click();
  await page.locator('#reader h1').waitFor();
  await page.evaluate(() => (document.querySelector('#toast').hidden = true));
  await page.screenshot({ path: fileURLToPath(new URL('../../docs/demo.png', import.meta.url)) });
  console.log('wrote docs/demo.png');
} finally {
  await browser.close();
  server.close();
  await rm(dataDir, { recursive: true, force: true });
}
