// `npm start`: installs what is missing, builds the demo, serves it on one local port and prints the URL.
import { install, pnpm } from './bootstrap.mjs';

install();
console.log('› building the demo');
pnpm(['--filter', 'demo', 'run', 'build']);
const { startServer } = await import(new URL('../demo/server.mjs', import.meta.url));
const served = await startServer({ anyPortIfBusy: true });
console.log(`\nbgkit demo running at ${served.url}  (Ctrl+C stops it)`);
