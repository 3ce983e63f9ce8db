#!/usr/bin/env node
// bgkit benchmark harness: bgkit against a hand-written service worker doing the same work, in headless
// Chromium. Usage: node bench/run.mjs [--quick] [--cases 3,4,5,6]
// Prints a table and writes bench/results.json. Timings are reported, never asserted: machines are noisy.
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../scripts/bootstrap.mjs';
import { buildApp, loadDevtools } from './lib/build.mjs';
import { compressed, SIZE_ENTRIES, weigh } from './lib/size.mjs';
import { serve } from './lib/server.mjs';
import { percentile, summarize } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const out = join(here, '.out');

// @bgkit/devtools/playwright (BgkitDriver, ServiceWorkerCdp), bundled from the package's source at start-up
// (lib/build.mjs, loadDevtools): the driver of the working tree, with no package build needed.
let devtools;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = (() => {
  const i = argv.indexOf('--cases');
  return i >= 0 ? new Set(argv[i + 1].split(',').map((s) => s.trim())) : null;
})();

// --quick is for checking that the harness works, not for figures: smaller n everywhere.
const config = quick
  ? {
      periodic: { warm: { n: 20, warmup: 3, gap: 25 }, cold: { n: 5, warmup: 1, gap: 25 }, trace: { warm: 5, cold: 3 }, floor: 10 },
      throughput: { total: 200, lanes: 16, warmup: 50, reps: 2 },
      progress: { n: 200, gap: 5, warmupN: 20, reps: 1 },
      scale: { runs: 10_000, tasks: 20, batch: 5_000, limit: 50, warmN: 10, blocks: 1, coldN: 2 },
      retention: { historyLimit: 1000, total: 1500, step: 500, lanes: 16 },
    }
  : {
      // Cold: 150 samples a side, not 30: at 30 the ratio of medians moved by ±0.04× from one run to the next.
      periodic: { warm: { n: 200, warmup: 20, gap: 25 }, cold: { n: 150, warmup: 3, gap: 25 }, trace: { warm: 40, cold: 15 }, floor: 50 },
      throughput: { total: 1000, lanes: 16, warmup: 200, reps: 5 },
      progress: { n: 200, gap: 5, warmupN: 40, reps: 5 },
      scale: { runs: 100_000, tasks: 20, batch: 10_000, limit: 50, warmN: 10, blocks: 3, coldN: 8 },
      retention: { historyLimit: 1000, total: 3000, step: 500, lanes: 16 },
    };

const LAUNCH = {
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// ── the case list ───────────────────────────────────────────────────────────────────────────────────────
// Every case has a place here, so that the table and results.json always show the whole plan. A case with
// `pending` is printed as "not measured yet" with the reason, never with made-up figures.
const CASES = [
  {
    id: '1',
    title: 'periodicsync → handler message in the page, warm worker (CDP dispatchPeriodicSyncEvent)',
    run: (ctx) => periodicCase(ctx, false),
    browser: true,
  },
  {
    id: '2',
    title: 'periodicsync → handler message in the page, cold worker (stopWorker, then CDP dispatch)',
    run: (ctx) => periodicCase(ctx, true),
    browser: true,
  },
  { id: '3', title: 'Throughput: ApplicationTrigger requests until every completed event', run: throughputCase, browser: true },
  { id: '4', title: 'Progress latency: task sets progress → page progress event', run: progressCase, browser: true },
  { id: '5', title: 'Scale: 100,000 runs recorded', run: scaleCase, browser: true },
  { id: '6', title: 'Size: production bundles, gzip -9 and brotli', run: sizeCase, browser: false },
];

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────
function log(message) {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}
const started = performance.now();

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

// Whether every bench page ran cross-origin isolated (5 µs timers rather than 100 µs); recorded in results.
let isolated = true;

/** A fresh browser context per app: its own IndexedDB, worker and BroadcastChannels, nothing shared. */
async function openApp(browser, origin, kind, search = '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}/${kind}/${search}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.evaluate(() => window.bench.ready());
  isolated &&= await page.evaluate(() => crossOriginIsolated);
  const call = (fn, ...args) => withTimeout(page.evaluate(([name, a]) => window.bench[name](...a), [fn, args]), 180_000, `${kind}.${fn}`);
  return { kind, context, page, errors, call, close: () => context.close() };
}

/** Alternates which side goes first from one repetition to the next, so slow drift hits both equally. */
function order(rep, sides) {
  return rep % 2 === 0 ? sides : [...sides].reverse();
}

function row(metric, unit, better, bgkit, bare, extra = {}) {
  const ratio = bgkit && bare ? bgkit.median / bare.median : null;
  return { metric, unit, better, bgkit, bare, ratio, ...extra };
}

// ── cases 1 and 2 ───────────────────────────────────────────────────────────────────────────────────────
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An app set up for periodicsync: periodic-background-sync granted (CDP Browser.setPermission, through
 * BgkitDriver) before its task or tag is registered, so the registration reaches the browser; a CDP binding
 * through which the page reports each tick the moment it arrives; ServiceWorkerCdp to dispatch and stop.
 */
async function openPeriodic(browser, origin, kind, search = '') {
  const app = await openApp(browser, origin, kind, search);
  const driver = await devtools.BgkitDriver.attach(app.page);
  await driver.grantPeriodicSync();
  const setup = await app.call('setupPeriodic');
  const tag = kind === 'bgkit' ? await driver.periodicSyncTag('bench.tick') : setup.tag;
  if (!setup.tags.includes(tag)) throw new Error(`${kind}: periodic sync tag ${tag} not registered with the browser (tags: ${setup.tags.join(', ') || 'none'}, via ${setup.via})`);
  const cdp = await devtools.ServiceWorkerCdp.attach(app.page);
  // Runtime.addBinding: page → Node in one CDP event, on the page's own session, with no Playwright layer.
  const session = await app.context.newCDPSession(app.page);
  const waiting = [];
  const stray = [];
  session.on('Runtime.bindingCalled', ({ name, payload }) => {
    if (name !== '__benchTick') return;
    const at = performance.now();
    const message = { ...JSON.parse(payload), at };
    const i = waiting.findIndex((w) => w.kind === message.kind);
    if (i < 0) return void stray.push(message);
    waiting.splice(i, 1)[0].resolve(message);
  });
  await session.send('Runtime.addBinding', { name: '__benchTick' });
  const next = (kind) => {
    let waiter;
    const promise = new Promise((resolve) => waiter = { kind, resolve });
    waiting.push(waiter);
    return withTimeout(promise, 15_000, `${app.kind}: a '${kind}' message`).finally(() => waiting.splice(waiting.indexOf(waiter) >>> 0, waiting.includes(waiter) ? 1 : 0));
  };
  return { ...app, driver, cdp, session, tag, setup, next, stray, notRunning: 0 };
}

/**
 * One measurement: re-arm (bgkit: its stored schedule, see rearm()), stop the worker for a cold one, leave
 * the worker idle for `gap` ms, then time from just before the CDP dispatch to the page's report of the
 * handler's message (and of the run's completion), both on Node's monotonic clock.
 */
async function tickOnce(side, cold, gap) {
  await side.page.evaluate(() => window.bench.rearm());
  if (cold) await side.cdp.stopWorker();
  await sleep(gap);
  const status = await side.cdp.runningStatus();
  if (cold ? status !== 'stopped' : status !== 'running') side.notRunning++;
  const tick = side.next('tick');
  const completed = side.next('completed');
  const t0 = performance.now();
  await side.cdp.dispatchPeriodicSync(side.tag);
  const m = await tick;
  const done = await completed;
  if (done.id !== m.id) throw new Error(`${side.kind}: completion of ${done.id} after the tick of ${m.id}`);
  if (done.status !== 'completed') throw new Error(`${side.kind}: run ${done.id} ended ${done.status}`);
  return { tick: m.at - t0, completed: done.at - t0, message: m, done };
}

/** The CDP round trip the measurement cannot avoid: Node → browser (a command) and page → Node (the binding). */
async function harnessFloor(side, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const ping = side.next('ping');
    const t0 = performance.now();
    await side.session.send('Runtime.evaluate', { expression: `__benchTick(JSON.stringify({ kind: 'ping', arrived: 0 }))` });
    samples.push((await ping).at - t0);
  }
  return summarize(samples);
}

/**
 * The trace pass: workers built the same, started with `?trace` (see apps/shared/swtrace.ts), a few ticks
 * each. Marks are on the page/worker clock (timeOrigin + now); the dispatch is put on that clock as the
 * page's arrival stamp minus the Node-measured time to it, so offsets include the binding hop back (about
 * half the harness floor). Returns the median offset of every mark from the dispatch.
 */
async function tracePass(browser, origin, cold, n, gap) {
  const out = {};
  for (const kind of ['bgkit', 'bare']) {
    const side = await openPeriodic(browser, origin, kind, '?trace');
    try {
      await tickOnce(side, cold, gap);
      await side.page.evaluate(() => window.bench.marks());
      const samples = [];
      for (let i = 0; i < n; i++) {
        const r = await tickOnce(side, cold, gap);
        // The run's end (outcome write, broadcast) happens after the tick message: fetched after completion.
        // The call itself leaves marks of its own (its message); those after the completion are cut off.
        const rest = (await side.page.evaluate(() => window.bench.marks())) ?? [];
        const dispatch = r.message.arrived - r.tick;
        const seen = new Map();
        const timeline = [];
        // Marks before the dispatch are leftovers of earlier work (the last run's aftermath, the marks call).
        const marks = [...(r.message.marks ?? []), ...rest].filter(([, at]) => at >= dispatch && at <= r.done.arrived);
        for (const [label, at] of marks) {
          const k = (seen.get(label) ?? 0) + 1;
          seen.set(label, k);
          timeline.push([k > 1 ? `${label} #${k}` : label, at - dispatch]);
        }
        timeline.push(['page: tick message', r.message.arrived - dispatch], ['page: completed', r.done.arrived - dispatch]);
        samples.push(timeline);
      }
      const byLabel = new Map();
      for (const timeline of samples) for (const [label, ms] of timeline) byLabel.set(label, [...(byLabel.get(label) ?? []), ms]);
      out[kind] = [...byLabel].map(([label, v]) => ({ label, median: percentile(v, 50), seen: v.length, of: samples.length })).sort((a, b) => a.median - b.median);
    } finally {
      await side.close();
    }
  }
  return out;
}

async function periodicCase({ browser, origin }, cold) {
  const c = cold ? config.periodic.cold : config.periodic.warm;
  const sides = [await openPeriodic(browser, origin, 'bgkit'), await openPeriodic(browser, origin, 'bare')];
  try {
    const floor = await harnessFloor(sides[0], config.periodic.floor);
    for (let i = 0; i < c.warmup; i++) for (const side of order(i, sides)) await tickOnce(side, cold, c.gap);
    const tick = { bgkit: [], bare: [] };
    const completed = { bgkit: [], bare: [] };
    for (let i = 0; i < c.n; i++) {
      for (const side of order(i, sides)) {
        const r = await tickOnce(side, cold, c.gap);
        tick[side.kind].push(r.tick);
        completed[side.kind].push(r.completed);
      }
      if ((i + 1) % Math.max(1, Math.floor(c.n / 4)) === 0) log(`periodic ${cold ? 'cold' : 'warm'} ${i + 1}/${c.n}: bgkit ${percentile(tick.bgkit, 50).toFixed(2)} ms, bare ${percentile(tick.bare, 50).toFixed(2)} ms (medians so far)`);
    }
    const sources = await sides[0].call('tickSources');
    const trace = await tracePass(browser, origin, cold, cold ? config.periodic.trace.cold : config.periodic.trace.warm, c.gap);
    const fmtTrace = (kind) => trace[kind].map((t) => `${t.label} +${t.median.toFixed(2)}${t.seen < t.of ? ` (${t.seen}/${t.of})` : ''}`).join(', ');
    const what = cold ? 'cold' : 'warm';
    return {
      rows: [
        row(`dispatch → handler message in page, ${what} worker`, 'ms', 'lower', summarize(tick.bgkit), summarize(tick.bare)),
        row(`dispatch → run completed in page, ${what} worker`, 'ms', 'lower', summarize(completed.bgkit), summarize(completed.bare)),
      ],
      notes: [
        `One task with TimeTrigger(15, false) (bare: one periodicsync tag, minInterval 15 min), registered after periodic-background-sync was granted over CDP (Browser.setPermission), so the tag is registered with the browser (bgkit schedule.via: ${sides[0].setup.via}). Each sample: CDP ServiceWorker.dispatchPeriodicSyncEvent with the tag${cold ? ', the worker stopped first (ServiceWorker.stopWorker, waited until stopped)' : ''}; ${c.n} samples per side after ${c.warmup} unmeasured, sides alternating, each after ${c.gap} ms idle.`,
        'Timed in Node (performance.now()) from just before the CDP command to the page\'s report of the message, which the page sends the moment the BroadcastChannel message arrives, through a CDP binding (Runtime.addBinding): one clock, no page/Node clock offset. The handler\'s message: bgkit\'s task handler / the bare listener posting on a BroadcastChannel; completed: bgkit\'s `completed` event / the bare worker\'s second message after storing the outcome.',
        `Harness floor (a CDP command to the page that calls the binding at once): median ${floor.median.toFixed(2)} ms, p90 ${floor.p90.toFixed(2)} ms; it is in both sides' figures.`,
        `bgkit re-arms its one task before every dispatch by writing the stored schedule (lastRunAt one interval ago, nextRunTime ahead), from the page, outside the timed window: bgkit runs a periodicsync only if half an interval passed since the last run (claimSlot 'periodic'). bgkit runs recorded (source/status): ${JSON.stringify(sources)}.`,
        `Worker not in the expected state (${cold ? 'stopped' : 'running'}) at dispatch: bgkit ${sides[0].notRunning}, bare ${sides[1].notRunning}; unexpected messages: bgkit ${sides[0].stray.length}, bare ${sides[1].stray.length}.`,
        `Trace pass (separate contexts, workers started with ?trace, ${cold ? config.periodic.trace.cold : config.periodic.trace.warm} ticks each; ms from the dispatch, medians; tx = IndexedDB transaction) bgkit: ${fmtTrace('bgkit')}.`,
        `Trace pass bare: ${fmtTrace('bare')}.`,
      ],
      trace,
      floor,
      errors: sides.flatMap((s) => s.errors),
    };
  } finally {
    for (const side of sides) {
      await side.cdp.detach();
      await side.driver.detach();
      await side.close();
    }
  }
}

// ── case 3 ──────────────────────────────────────────────────────────────────────────────────────────────
async function throughputCase({ browser, origin }) {
  const c = config.throughput;
  const sides = [await openApp(browser, origin, 'bgkit'), await openApp(browser, origin, 'bare')];
  try {
    for (const side of sides) await side.call('throughput', c.warmup, c.lanes);
    const results = { bgkit: [], bare: [] };
    for (let rep = 0; rep < c.reps; rep++) {
      for (const side of order(rep, sides)) {
        results[side.kind].push(await side.call('throughput', c.total, c.lanes));
        log(`throughput rep ${rep + 1}/${c.reps} ${side.kind}: ${results[side.kind].at(-1).ms.toFixed(0)} ms`);
      }
    }
    // Per repetition: the wall time of `total` requests. Its median gives the runs/s median; its p90 (the
    // slow tail) gives the p90 runs/s, which is therefore the lower figure.
    const rate = (rs) => {
      const ms = rs.map((r) => r.ms);
      return { n: ms.length, median: (c.total / percentile(ms, 50)) * 1000, p90: (c.total / percentile(ms, 90)) * 1000 };
    };
    const latency = (rs) => summarize(rs.flatMap((r) => r.latencies));
    const retries = results.bgkit.reduce((s, r) => s + r.retries, 0);
    const slow = (rs) => ({ ...one(rs.flatMap((r) => r.latencies).filter((ms) => ms > 1000).length), n: rs.length * c.total });
    const failed = (rs) => rs.flatMap((r) => r.errors);
    return {
      rows: [
        row(`runs/s, ${c.total} requests over ${c.lanes} lanes (p90 = slow tail)`, 'runs/s', 'higher', rate(results.bgkit), rate(results.bare)),
        row('request → completed, per request', 'ms', 'lower', latency(results.bgkit), latency(results.bare)),
        { ...row('requests taking over 1 s (count, all reps)', 'count', 'lower', slow(results.bgkit), slow(results.bare)), ratio: null },
      ],
      notes: [
        `${c.lanes} lanes: the bgkit page registers ${c.lanes} tasks, each with its own ApplicationTrigger, and each lane requests its task again only after its completed event (request() answers 'currentlyRunning' while the same task runs). The bare page runs the same ${c.lanes} lanes against its worker.`,
        `'currentlyRunning' answers retried: ${retries}. Calls that failed outright and were repeated: bgkit ${failed(results.bgkit).length}${failed(results.bgkit).length ? ` (${[...new Set(failed(results.bgkit))].join('; ')})` : ''}, bare ${failed(results.bare).length}.`,
        `${c.reps} repetitions per side after a ${c.warmup}-request warm-up; bgkit keeps its default historyLimit (1000), so pruning is part of its steady state.`,
        ...['bgkit', 'bare']
          .filter((k) => slow(results[k]).median > 0)
          .map((k) => `${k}: ${slow(results[k]).median} requests took over 1 s, and the runs/s figures include them; the latency median is then shaped by lanes that stalled together, so read both rows with that count in mind.`),
      ],
      errors: sides.flatMap((s) => s.errors),
    };
  } finally {
    for (const side of sides) await side.close();
  }
}

// ── case 4 ──────────────────────────────────────────────────────────────────────────────────────────────
async function progressCase({ browser, origin }) {
  const c = config.progress;
  const bgkit = await openApp(browser, origin, 'bgkit');
  const bare = await openApp(browser, origin, 'bare');
  const variants = [
    { key: 'bgkit', run: (n = c.n) => bgkit.call('progress', n, c.gap) },
    { key: 'bc', run: (n = c.n) => bare.call('progress', n, c.gap, 'bc') },
    { key: 'pm', run: (n = c.n) => bare.call('progress', n, c.gap, 'pm') },
  ];
  try {
    for (const v of variants) await v.run(c.warmupN);
    const samples = { bgkit: [], bc: [], pm: [] };
    for (let rep = 0; rep < c.reps; rep++) {
      for (const v of order(rep, variants)) samples[v.key].push(...(await v.run()).latencies);
      log(`progress rep ${rep + 1}/${c.reps}`);
    }
    const s = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
    return {
      rows: [
        row('progress → page event, vs bare BroadcastChannel', 'ms', 'lower', s.bgkit, s.bc),
        row('progress → page event, vs bare client.postMessage', 'ms', 'lower', s.bgkit, s.pm),
      ],
      notes: [
        `${c.n} progress steps per run, ${c.gap} ms apart (one message at a time, not a burst), ${c.reps} runs per variant after a warm-up run.`,
        'Stamps are performance.timeOrigin + performance.now() in the worker (just before `task.progress = …` / postMessage) and in the page (first thing in the listener).',
        'bgkit also writes each progress value to IndexedDB (coalesced); the bare worker only posts.',
      ],
      errors: [...bgkit.errors, ...bare.errors],
    };
  } finally {
    await bgkit.close();
    await bare.close();
  }
}

// ── case 5 ──────────────────────────────────────────────────────────────────────────────────────────────
async function scaleCase({ browser, origin }) {
  const c = config.scale;
  const sides = [
    await openApp(browser, origin, 'bgkit', '?historyLimit=200000'),
    await openApp(browser, origin, 'bare'),
  ];
  const rows = [];
  const notes = [];
  const info = {};
  try {
    for (const side of sides) {
      side.taskIds = await side.call('setupLanes', c.tasks);
      side.control = await devtools.ServiceWorkerCdp.attach(side.page);
      const before = await side.call('storageEstimate');
      const seeded = await side.call('seed', c.runs, c.batch, side.taskIds);
      const count = await side.call('countRuns');
      const after = await side.call('storageEstimate');
      info[side.kind] = { seedMs: seeded.ms, count, before, after };
      log(`scale ${side.kind}: seeded ${count} runs in ${seeded.ms.toFixed(0)} ms`);
      if (count < c.runs) throw new Error(`${side.kind}: ${count} runs stored after seeding ${c.runs}`);
    }
    const ops = [
      ['allTasks()', (s, n) => s.call('timeListTasks', n)],
      [`newest ${c.limit} runs of one task`, (s, n) => s.call('timeNewestRuns', n, s.taskIds[0], c.limit)],
      [`newest ${c.limit} runs of all tasks`, (s, n) => s.call('timeNewestRunsAll', n, c.limit)],
    ];
    for (const [name, op] of ops) {
      const warm = { bgkit: [], bare: [] };
      const cold = { bgkit: [], bare: [] };
      for (const side of sides) await op(side, 3);
      for (let block = 0; block < c.blocks; block++) {
        for (const side of order(block, sides)) warm[side.kind].push(...(await op(side, c.warmN)).samples);
      }
      // Cold: the worker stopped first, so the call pays for a worker start, bgkit's start-up reconciliation
      // of the history and the first read of its registrations.
      for (let i = 0; i < c.coldN; i++) {
        for (const side of order(i, sides)) {
          await side.control.stopWorker();
          const { samples, found } = await op(side, 1);
          cold[side.kind].push(...samples);
          info[side.kind][name] = found;
        }
      }
      rows.push(row(`${name}, warm worker`, 'ms', 'lower', summarize(warm.bgkit), summarize(warm.bare)));
      rows.push(row(`${name}, cold worker`, 'ms', 'lower', summarize(cold.bgkit), summarize(cold.bare)));
      log(`scale ${name} done`);
    }
    const usage = (k) => one(info[k].after.indexedDB ?? info[k].after.usage);
    rows.push(row(`storage after ${c.runs.toLocaleString('en')} runs (estimate, IndexedDB)`, 'MB', 'lower', mb(usage('bgkit')), mb(usage('bare'))));
    rows.push(row(`seeding ${c.runs.toLocaleString('en')} runs (direct IndexedDB, same code both sides)`, 'ms', 'lower', one(info.bgkit.seedMs), one(info.bare.seedMs)));
    notes.push(
      `${c.runs.toLocaleString('en')} completed runs over ${c.tasks} registered tasks, written straight into IndexedDB by the bench worker in ${c.batch.toLocaleString('en')}-record transactions, in bgkit's RunRecord shape (bgkit: its 'bgkit <scope>' db, store 'runs'; bare: a 'runs' store indexed by [taskId, createdAt] and createdAt). bgkit worker: configure({ historyLimit: 200000 }).`,
      `Warm: ${c.blocks}×${c.warmN} calls per side after 3 unmeasured; cold: ${c.coldN} calls per side, each after CDP ServiceWorker.stopWorker.`,
      `Rows returned: ${JSON.stringify(Object.fromEntries(sides.map((s) => [s.kind, Object.fromEntries(ops.map(([n]) => [n, info[s.kind][n]]))])))}.`,
      `storage.estimate() usage before/after seeding: bgkit ${fmtBytes(info.bgkit.before.usage)} → ${fmtBytes(info.bgkit.after.usage)}, bare ${fmtBytes(info.bare.before.usage)} → ${fmtBytes(info.bare.after.usage)} (off-the-record context; an estimate, not a file size).`,
    );
  } finally {
    for (const side of sides) {
      await side.control?.detach();
      await side.close();
    }
  }

  // Retention: real runs through bgkit (pruning happens as runs finish), not seeded ones.
  const r = config.retention;
  const app = await openApp(browser, origin, 'bgkit', `?historyLimit=${r.historyLimit}`);
  try {
    await app.call('setupLanes', r.lanes);
    const checkpoints = [];
    let failures = 0;
    for (let done = 0; done < r.total; done += r.step) {
      failures += (await app.call('throughput', r.step, r.lanes)).errors.length;
      const count = await app.call('countRuns');
      const { usage } = await app.call('storageEstimate');
      checkpoints.push({ runs: done + r.step, stored: count, usage });
    }
    log(`retention: ${checkpoints.map((p) => `${p.runs}→${p.stored}`).join(', ')}`);
    const last = checkpoints.at(-1);
    rows.push({
      metric: `retention: runs stored after ${r.total.toLocaleString('en')} runs, historyLimit ${r.historyLimit}`,
      unit: 'runs',
      better: 'lower',
      bgkit: { ...one(last.stored), p90: Math.max(...checkpoints.map((p) => p.stored)) },
      bare: null,
      ratio: null,
      note: 'p90 column: the most ever stored at a checkpoint',
    });
    notes.push(
      `Retention (historyLimit ${r.historyLimit}, real ApplicationTrigger runs): stored after each ${r.step} runs: ${checkpoints.map((p) => `${p.runs}→${p.stored}`).join(', ')}; usage ${checkpoints.map((p) => fmtBytes(p.usage)).join(', ')}. bgkit prunes once the history passes the limit by max(10, 5%), so the count saws between ${r.historyLimit} and about ${r.historyLimit + Math.max(10, Math.floor(r.historyLimit / 20))}. Calls that failed outright and were repeated: ${failures}.`,
    );
    return { rows, notes, errors: [...app.errors], retention: checkpoints, info };
  } finally {
    await app.close();
  }
}

/** A single figure as a row's summary (no spread to report). */
function one(value) {
  return { n: 1, median: value, p90: NaN };
}
function mb(s) {
  return { ...s, median: s.median / 1e6 };
}
function fmtBytes(b) {
  return b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`;
}

// ── case 6 ──────────────────────────────────────────────────────────────────────────────────────────────
async function sizeCase() {
  const sizes = [];
  for (const entry of SIZE_ENTRIES) {
    const { main, lazy } = await weigh(here, out, entry);
    sizes.push(main);
    // Lazy chunks load only on demand (none of the entries has one today; listed should one appear).
    for (const chunk of lazy) {
      sizes.push({ key: `${entry.key}:lazy`, label: `  └ lazy: ${chunk.fileName.replace(/-[\w-]{8}\.js$/, '')} (loaded on demand)`, ...chunk, lazy: true });
    }
  }
  sizes.push(...publishedSizes());
  return {
    sizes,
    notes: [
      'Published files, unbundled: what a page or worker loads with no bundler. The client is dist/index.js plus the chunks it imports with @bgkit/sw/protocol and what that imports (each file compressed on its own, as a server sends them), the worker the classic build for importScripts(), dependencies included. Built from the working tree first (each package\'s build.mjs).',
      'Each entry imports the package the way an app does and is bundled by Vite 8 for production (minified, tree-shaken, dependencies included, __BGKIT_DEV__ false, NODE_ENV production). "Every export" keeps the whole namespace alive; "quick-start imports" is ApplicationTrigger, BackgroundExecutionManager and BackgroundTaskBuilder only.',
      'Bytes are of the emitted entry chunk; gzip at level 9, brotli at quality 11. Targets: client ≤ 5 KB gzip, sw ≤ 8 KB gzip (KB = 1000 bytes here), for the worker without the opt-in request queue (enableRequestQueue() adds workbox-background-sync, about 3 KB on its own).',
      `Enforced by bench/__tests__/size.test.ts (part of the unit tests): ${SIZE_ENTRIES.filter((e) => e.target).map((e) => `${e.label} ≤ ${((e.ceiling ?? e.target) / 1000).toFixed(1)} KB${e.ceiling ? ' (a ceiling while its target is missed)' : ''}`).join('; ')}.`,
    ],
  };
}

/** The files as published: a package's entry plus every file it imports statically, each compressed alone. */
function publishedSizes() {
  const packages = join(here, '..', 'packages');
  for (const name of ['sw', 'client']) execFileSync(process.execPath, ['build.mjs'], { cwd: join(packages, name), stdio: ['ignore', 'ignore', 'inherit'] });
  const files = (entry) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const [, spec] of code.matchAll(/\bfrom\s*["']((?:\.{1,2}\/|@bgkit\/sw\/protocol)[^"']*)["']/g)) {
        visit(spec.startsWith('@bgkit/') ? join(packages, 'sw', 'dist', 'protocol.js') : join(dirname(file), spec));
      }
    };
    visit(entry);
    return [...seen];
  };
  const row = (key, label, list) => {
    const parts = list.map((file) => compressed(readFileSync(file, 'utf8')));
    const sum = (k) => parts.reduce((total, p) => total + p[k], 0);
    return { key, label: `${label} (${list.length} file${list.length > 1 ? 's' : ''})`, min: sum('min'), gzip: sum('gzip'), brotli: sum('brotli'), published: true };
  };
  return [
    row('published-client', 'published @bgkit/client ESM, unbundled', files(join(packages, 'client', 'dist', 'index.js'))),
    row('published-sw-classic', 'published @bgkit/sw classic build (importScripts)', [join(packages, 'sw', 'dist', 'bgkit-sw.prod.js')]),
  ];
}

// ── output ──────────────────────────────────────────────────────────────────────────────────────────────
function fmt(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (unit === 'runs/s' || unit === 'runs' || unit === 'count') return v.toFixed(0);
  if (unit === 'MB') return v.toFixed(1);
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function printResults(results) {
  const timing = [];
  for (const c of results.cases) {
    if (c.status === 'not measured yet') {
      timing.push([c.id, `${c.title}: not measured yet`, '—', '—', '—', '—', '—', '']);
      continue;
    }
    if (c.status === 'error') {
      timing.push([c.id, `${c.title}: ERROR (see notes)`, '—', '—', '—', '—', '—', '']);
      continue;
    }
    for (const r of c.rows ?? []) {
      timing.push([
        c.id,
        `${r.metric} [${r.unit}]`,
        fmt(r.bgkit?.median, r.unit),
        fmt(r.bgkit?.p90, r.unit),
        fmt(r.bare?.median, r.unit),
        fmt(r.bare?.p90, r.unit),
        r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
        r.bgkit?.n ?? '',
      ]);
    }
  }
  console.log(`\nbgkit bench — ${results.date} — ${results.machine.chromium} — ${results.machine.cpus} CPUs — ${results.quick ? 'QUICK (not for figures)' : 'full'}\n`);
  console.log(table(['#', 'case / metric [unit]', 'bgkit med', 'bgkit p90', 'bare med', 'bare p90', 'bgkit/bare', 'n'], timing));
  const size = results.cases.find((c) => c.id === '6');
  if (size?.sizes) {
    const kb = (b) => (b / 1000).toFixed(2);
    console.log('\n' + table(
      ['#', 'bundle', 'min KB', 'gzip KB', 'brotli KB', 'target gzip', 'within'],
      size.sizes.map((s) => ['6', s.label, kb(s.min), kb(s.gzip), kb(s.brotli), s.target ? `≤ ${kb(s.target)}` : '', s.target ? (s.gzip <= s.target ? 'yes' : 'NO') : '']),
    ));
  }
  console.log('\nNotes');
  for (const c of results.cases) {
    if (c.pending) console.log(`  ${c.id}. not measured yet: ${c.pending}.`);
    for (const n of c.notes ?? []) console.log(`  ${c.id}. ${n}`);
    for (const e of c.errors ?? []) console.log(`  ${c.id}. page error: ${e}`);
    if (c.status === 'error') console.log(`  ${c.id}. ERROR: ${c.error}`);
  }
  console.log('\nbgkit/bare is the ratio of medians: above 1× bgkit takes longer (ms) or does more (runs/s).');
}

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const selected = CASES.filter((c) => !only || only.has(c.id));
  const needsBrowser = selected.some((c) => c.run && c.browser);
  log('building bench apps');
  await buildApp(join(here, 'apps/bgkit'), join(out, 'bgkit'));
  await buildApp(join(here, 'apps/bare'), join(out, 'bare'));
  devtools = await loadDevtools(here, join(out, 'node'));
  const server = await serve(out);
  const browser = needsBrowser ? await chromium.launch(LAUNCH) : null;
  const results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      chromium: browser ? `Chromium ${browser.version()}` : 'Chromium (not launched)',
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      os: `${process.platform} ${release()}`,
    },
    source: { commit: git('rev-parse', 'HEAD'), uncommittedFiles: (git('status', '--porcelain') ?? '').split('\n').filter(Boolean).length },
    config,
    cases: [],
  };
  let failed = false;
  try {
    for (const c of selected) {
      if (c.pending) {
        results.cases.push({ id: c.id, title: c.title, status: 'not measured yet', pending: c.pending });
        continue;
      }
      log(`case ${c.id}: ${c.title}`);
      const t0 = performance.now();
      try {
        const r = await c.run({ browser, origin: server.origin });
        results.cases.push({ id: c.id, title: c.title, status: 'measured', seconds: (performance.now() - t0) / 1000, ...r });
      } catch (error) {
        failed = true;
        log(`case ${c.id} failed: ${error.stack ?? error}`);
        results.cases.push({ id: c.id, title: c.title, status: 'error', error: String(error.stack ?? error) });
      }
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  results.seconds = (performance.now() - started) / 1000;
  results.machine.crossOriginIsolated = needsBrowser ? isolated : null;
  printResults(results);
  await writeFile(join(here, 'results.json'), JSON.stringify(results, (k, v) => (Number.isNaN(v) ? null : v), 2) + '\n');
  console.log(`\nwrote bench/results.json (${results.seconds.toFixed(0)} s)`);
  if (failed) process.exitCode = 1;
}

await main();
