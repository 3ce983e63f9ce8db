// Renders public/icon.svg into the PNG icons the manifest lists, with the same Chromium the tests use:
//   node scripts/icons.mjs
// The maskable icon is the same drawing without rounded corners (its content stays inside the safe zone).
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const publicDir = new URL('../public/', import.meta.url);
const svg = await readFile(new URL('icon.svg', publicDir), 'utf8');
const fullBleed = svg.replace(/ rx="112"/, '');

const browser = await chromium.launch({ executablePath: process.env.BGKIT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [file, source, size] of [
  ['icon-192.png', svg, 192],
  ['icon-512.png', svg, 512],
  ['icon-maskable-512.png', fullBleed, 512],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`);
  await writeFile(new URL(file, publicDir), await page.screenshot({ omitBackground: true }));
  console.log(`wrote public/${file}`);
}
await browser.close();
