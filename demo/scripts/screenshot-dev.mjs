// Takes the README's picture of the demo in development, with the devtools panel open beside it
// (docs/demo-devtools.png), from the Vite dev server:  node scripts/screenshot-dev.mjs
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const vite = await createServer({ root, configFile: `${root}vite.config.ts`, server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
await vite.listen();
const url = vite.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1, permissions: ['notifications', 'background-sync'] });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.locator('#activity [data-task="check"] .runs').waitFor();
  await page.keyboard.press('Alt+Shift+B');
  const panel = page.locator('bgkit-devtools');
  await panel.getByRole('button', { name: 'User away' }).click();
  await panel.getByRole('button', { name: 'User present' }).click();
  await panel.getByText('Welcome back').first().waitFor();
  await page.waitForTimeout(1500);
  await panel.locator('.body').evaluate((el) => el.scrollTo(0, 0));
  await page.locator('#messages a').first().click();
  await page.screenshot({ path: fileURLToPath(new URL('../../docs/demo-devtools.png', import.meta.url)) });
  console.log('wrote docs/demo-devtools.png');
} finally {
  await browser.close();
  await vite.close();
}
