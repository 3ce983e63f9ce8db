// Fault suite, bad input: durations past any bound, a replayed instance id, and raw wire messages that no
// page of ours would send (any same-origin script can). Each gets a BgkitError code; nothing stored changes.
import { expect, test } from '@playwright/test';
import { openApp, pendingOf, runsOf } from '../support/page';
import { callMessage, faultSeed, heard, listen, rawCall, reportFigures, seeded, READY_MS } from '../support/faults';

test('freshnessTime past Windows\' UInt32 of minutes is invalid-trigger on the page and in the worker; nextRunTime is always a valid date', async ({ page }) => {
  await openApp(page, '/', READY_MS);
  const outcome = await page.evaluate(async () => {
    const { TimeTrigger, MaintenanceTrigger, BackgroundTaskBuilder } = window.bgkit;
    const codes: unknown[] = [];
    for (const make of [() => new TimeTrigger(1e12, false), () => new TimeTrigger(Number.MAX_VALUE, false), () => new MaintenanceTrigger(1e12, true), () => new TimeTrigger(2 ** 32, false)]) {
      try {
        make();
        codes.push('accepted');
      } catch (e) {
        codes.push((e as { code?: string }).code);
      }
    }
    // The largest freshness accepted still gives a date.
    const builder = new BackgroundTaskBuilder();
    builder.name = 'Faults far future';
    builder.taskEntryPoint = 'inbox.refresh';
    builder.setTrigger(new TimeTrigger(2 ** 32 - 1, false));
    const registration = await builder.register();
    const next = registration.nextRunTime;
    await registration.unregister(false);
    return { codes, next: next ? next.getTime() : null };
  });
  expect(outcome.codes).toEqual(['invalid-trigger', 'invalid-trigger', 'invalid-trigger', 'invalid-trigger']);
  expect(Number.isFinite(outcome.next)).toBe(true);
  // A page cannot get past its own checks, but a raw message can: the worker checks again.
  for (const type of ['time', 'maintenance']) {
    const reply = await rawCall(page, callMessage('register', [{
      name: `Faults raw ${type}`, entryPoint: 'inbox.refresh', trigger: { type, freshnessTime: 1e12, oneShot: false },
      conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null,
    }]));
    expect(reply).toMatchObject({ ok: false, error: { name: 'BgkitError', code: 'invalid-trigger', details: { freshnessTime: 1e12 } } });
  }
});

test('a replayed first attempt with the instance id of a finished run answers as its retry: the run and its events stay as they were', async ({ page }) => {
  await openApp(page, '/', READY_MS);
  const taskId = await listen(page, 'Faults work', 'faults.work', 'application');
  await page.evaluate(async (taskId) => {
    const registration = (await window.bgkit.BackgroundTaskRegistration.allTasks()).get(taskId)!;
    await (registration.trigger as InstanceType<typeof window.bgkit.ApplicationTrigger>).request({ i: 1 });
  }, taskId);
  await expect.poll(async () => (await heard(page)).events.length).toBe(1);
  const [before] = await runsOf(page, taskId);
  expect(before).toMatchObject({ status: 'completed', result: { i: 1 } });
  const reply = await rawCall(page, callMessage('request', [taskId, before!.instanceId, { i: 2, ms: 10 }]));
  expect(reply).toEqual({ ok: true, value: 'allowed' });
  await page.waitForTimeout(300);
  expect(await runsOf(page, taskId)).toEqual([before]);
  const { events, raw } = await heard(page);
  expect(events.map((e) => e.instanceId)).toEqual([before!.instanceId]);
  expect(raw).toEqual([before!.instanceId]);
});

test('a first attempt with the instance id of a pending retry (told to the page in advance) answers as its retry: the retry keeps its id and arguments', async ({ page }) => {
  await openApp(page, '/', READY_MS);
  // A task whose first attempt fails and asks to be run again in a minute: the page hears the retry's id at once.
  const { taskId, retry } = await page.evaluate(async () => {
    const k = window.bgkit;
    const builder = new k.BackgroundTaskBuilder();
    builder.name = 'Faults flaky';
    builder.taskEntryPoint = 'retry.flaky';
    builder.setTrigger(new k.ApplicationTrigger());
    builder.retryPolicy = { backoff: 'linear', initialDelay: 60_000, maxAttempts: 2 };
    const registration = await builder.register();
    const told = new Promise<{ instanceId: string; attempt: number }>((resolve) => registration.addEventListener('completed', (e) => resolve(e.retry!)));
    await (registration.trigger as InstanceType<typeof k.ApplicationTrigger>).request({ succeedAt: 2 });
    return { taskId: registration.taskId, retry: await told };
  });
  const waiting = await pendingOf(page, taskId);
  expect(waiting).toEqual([expect.objectContaining({ id: retry.instanceId, source: 'retry', attempt: 2, triggerDetails: { arguments: { succeedAt: 2 } } })]);
  // Any same-origin script can send that id as a new request's, with other arguments.
  const reply = await rawCall(page, callMessage('request', [taskId, retry.instanceId, { succeedAt: 1, holdMs: 0 }]));
  expect(reply).toEqual({ ok: true, value: 'allowed' });
  await page.waitForTimeout(300);
  // Nothing ran under the retry's id, and the retry waits as it was.
  expect((await runsOf(page, taskId)).map((r) => [r.attempt, r.status])).toEqual([[1, 'failed']]);
  expect(await pendingOf(page, taskId)).toEqual(waiting);
});

test('malformed and replayed wire messages: each call is refused with a code, the rest ignored, and the worker keeps answering', async ({ page }) => {
  await openApp(page, '/', READY_MS);
  const taskId = await listen(page, 'Faults work', 'faults.work', 'application');
  const calls: [string, Record<string, unknown>, string][] = [
    ['unknown method', callMessage('format', []), 'invalid-argument'],
    ['inherited method', callMessage('toString', []), 'invalid-argument'],
    ['method not a string', callMessage(42 as unknown as string, []), 'invalid-argument'],
    ['wrong protocol version', { ...callMessage('list', []), v: 99 }, 'protocol-mismatch'],
    ['no version', { type: 'bgkit:call', method: 'list', args: [] }, 'protocol-mismatch'],
    ['register without input', callMessage('register', []), 'invalid-argument'],
    ['register with a string', callMessage('register', ['task']), 'invalid-argument'],
    ['register, unknown trigger', callMessage('register', [{ name: 'x', entryPoint: 'faults.work', trigger: { type: 'sms' }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null }]), 'unsupported-trigger'],
    ['register, no trigger', callMessage('register', [{ name: 'x', entryPoint: 'faults.work', trigger: null, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null }]), 'missing-trigger'],
    ['register, negative freshness', callMessage('register', [{ name: 'x', entryPoint: 'faults.work', trigger: { type: 'time', freshnessTime: -1, oneShot: false }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null }]), 'invalid-trigger'],
    ['register, NaN freshness', callMessage('register', [{ name: 'x', entryPoint: 'faults.work', trigger: { type: 'time', freshnessTime: Number.NaN, oneShot: false }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null }]), 'invalid-trigger'],
    ['register, empty name', callMessage('register', [{ name: ' ', entryPoint: 'faults.work', trigger: { type: 'application' }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null }]), 'invalid-name'],
    ['register, unknown entry point', callMessage('register', [{ name: 'x', entryPoint: 'nowhere', trigger: { type: 'application' }, conditions: [], cancelOnConditionLoss: false, isNetworkRequested: false, group: null }]), 'entry-point-not-defined'],
    ['request, no instance id', callMessage('request', [taskId, '', {}]), 'invalid-argument'],
    ['request, unknown task', callMessage('request', ['nope', crypto.randomUUID(), {}]), 'not-registered'],
    ['runs, limit 0', callMessage('runs', [{ limit: 0 }]), 'invalid-argument'],
    ['runs, bad status', callMessage('runs', [{ status: 'lost' }]), 'invalid-argument'],
    ['setAccess, unknown status', callMessage('setAccess', ['always']), 'invalid-argument'],
    ['relay, battery 2', callMessage('relay', [{ batteryLevel: 2 }]), 'invalid-argument'],
    ['relay, a work cost', callMessage('relay', [{ workCost: 'low' }]), 'invalid-argument'],
    ['unregister, no id', callMessage('unregister', [null, false]), 'invalid-argument'],
  ];
  const refused: string[] = [];
  for (const [what, message, code] of calls) {
    const reply = await rawCall(page, message);
    expect(reply, what).toMatchObject({ ok: false, error: { name: 'BgkitError', code } });
    refused.push(what);
  }
  // Not calls at all (no port, wrong type, junk): ignored, and no harm done.
  const ignored = await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active!;
    const junk: unknown[] = [null, 42, 'bgkit:call', { type: 'bgkit:call', v: 1, method: 'list', args: [] }, { type: 'other' }, [1, 2, 3]];
    for (const message of junk) worker.postMessage(message);
    return junk.length;
  });
  // A replayed request (the same first attempt, twice): one run.
  const id = crypto.randomUUID();
  const first = await rawCall(page, callMessage('request', [taskId, id, { i: 7 }]));
  const again = await rawCall(page, callMessage('request', [taskId, id, { i: 8 }]));
  expect(first).toEqual({ ok: true, value: 'allowed' });
  expect(again?.ok && ['allowed', 'currentlyRunning'].includes(again.value as string)).toBe(true);
  await expect.poll(async () => (await runsOf(page, taskId)).map((r) => [r.instanceId, r.status, r.result])).toEqual([[id, 'completed', { i: 7 }]]);
  // Still answering.
  expect(await page.evaluate(async () => (await window.bgkit.BackgroundTaskRegistration.allTasks()).size)).toBeGreaterThan(0);
  reportFigures('wire', { refusedWithCode: refused.length, ignored, replayedRequests: 1, runsFromReplays: 1 });
});

test('two hundred seeded random wire messages: every reply is a value or a BgkitError with a code, and the worker keeps its tasks and answers', async ({ page }) => {
  const seed = faultSeed();
  const random = seeded(seed);
  console.log(`[faults] random wire messages: seed ${seed}`);
  await openApp(page, '/', READY_MS);
  const before = await page.evaluate(async () => [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).keys()].sort());
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  // unregisterAll is left out: with any arguments it is a valid call that removes every task.
  const methods = ['hello', 'register', 'unregister', 'list', 'request', 'runs', 'getAccess', 'setAccess', 'tick', 'device', 'workCost', 'pending', 'relay', 'devtools', 'simulate', 'format', '__proto__', 'constructor', ''];
  const values = [null, undefined, 0, -1, 1e308, Number.NaN, '', 'x', 'alwaysAllowed', true, [], [1, 'a'], {}, { type: 'time', freshnessTime: 1e12, oneShot: false },
    { kind: 'cancel', instanceId: 'x', reason: 'nope' }, { limit: 1e9 }, { status: ['lost'] }, { batteryLevel: -3 }, { online: 'yes' }, { name: 'n', entryPoint: 'faults.work' }];
  const tally = { value: 0, coded: 0, uncoded: [] as string[], silent: 0 };
  for (let i = 0; i < 200; i++) {
    const args = Array.from({ length: Math.floor(random() * 4) }, () => pick(values));
    const message = {
      type: 'bgkit:call',
      v: pick([1, 1, 1, 1, 0, '1', null]),
      method: pick(methods),
      args: random() < 0.9 ? args : pick(values),
      attempt: pick([0, 0, 1, 7, -1, 'x']),
      ack: pick([true, false, undefined]),
    };
    const reply = await rawCall(page, message, 3000);
    if (!reply) tally.silent++;
    else if (reply.ok) tally.value++;
    else if (reply.error.name === 'BgkitError' && typeof reply.error.code === 'string') tally.coded++;
    else tally.uncoded.push(`${JSON.stringify(message)} → ${JSON.stringify(reply.error)}`);
  }
  expect(tally.uncoded).toEqual([]);
  expect(tally.silent).toBe(0);
  const after = await page.evaluate(async () => [...(await window.bgkit.BackgroundTaskRegistration.allTasks()).keys()].sort());
  expect(after).toEqual(expect.arrayContaining(before));
  reportFigures('random-wire', { seed, messages: 200, answeredWithValue: tally.value, refusedWithCode: tally.coded, uncoded: tally.uncoded.length });
});
