import { afterEach, describe, expect, it } from 'vitest';
import type { CallMessage, CallReply, RegisterInput, SerializedError } from '@bgkit/protocol';

/** A worker that refuses every registration with `error`, as the real one does for what it will not run. */
function refusingWorker(error: SerializedError): RegisterInput[] {
  const sent: RegisterInput[] = [];
  const active = {
    postMessage(message: CallMessage, [port]: MessagePort[]) {
      if (message.method === 'register') sent.push(message.args[0] as RegisterInput);
      const reply: CallReply = { ok: false, error };
      port!.postMessage(reply);
    },
  };
  (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve({ active }) } };
  return sent;
}

afterEach(() => {
  delete (globalThis as { navigator?: unknown }).navigator;
});

describe('what only the worker checks reaches register() with its code', () => {
  it('a system trigger the web cannot have: unsupported-trigger, naming it', async () => {
    const { BackgroundTaskBuilder, SystemTrigger, configure } = await import('../index.js');
    configure({ timeout: 500 });
    const message = 'The system trigger "smsReceived" cannot run on the web.';
    const sent = refusingWorker({ name: 'BgkitError', message, code: 'unsupported-trigger', details: { trigger: 'smsReceived' } });
    const builder = new BackgroundTaskBuilder();
    builder.name = 'sms';
    builder.taskEntryPoint = 'sms.read';
    builder.setTrigger(new SystemTrigger('smsReceived', false));
    await expect(builder.register()).rejects.toMatchObject({ name: 'BgkitError', code: 'unsupported-trigger', message });
    expect(sent.map((input) => input.trigger)).toEqual([{ type: 'system', systemType: 'smsReceived', oneShot: false }]);
  });

  it('a system trigger type Windows does not have: invalid-trigger, naming it', async () => {
    const { BackgroundTaskBuilder, SystemTrigger, configure } = await import('../index.js');
    configure({ timeout: 500 });
    const message = '"bogus" is not a SystemTriggerType.';
    const sent = refusingWorker({ name: 'BgkitError', message, code: 'invalid-trigger', details: { systemType: 'bogus' } });
    const builder = new BackgroundTaskBuilder();
    builder.name = 'bogus';
    builder.taskEntryPoint = 'system.react';
    builder.setTrigger(new SystemTrigger('bogus' as never, false));
    await expect(builder.register()).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-trigger', message });
    expect(sent.map((input) => input.trigger)).toEqual([{ type: 'system', systemType: 'bogus', oneShot: false }]);
  });

  it('still refuses a oneShot that is not a boolean at once, as TimeTrigger does', async () => {
    const { SystemTrigger } = await import('../index.js');
    expect(() => new SystemTrigger('internetAvailable', 1 as never)).toThrow(expect.objectContaining({ name: 'BgkitError', code: 'invalid-trigger' }));
  });

  it('a condition type that does not exist: invalid-argument from the worker, as for a system trigger type', async () => {
    const { ApplicationTrigger, BackgroundTaskBuilder, SystemCondition, configure } = await import('../index.js');
    configure({ timeout: 500 });
    const sent = refusingWorker({ name: 'BgkitError', message: '"sunny" is not a SystemConditionType.', code: 'invalid-argument', details: { condition: 'sunny' } });
    // Built without a word: the page carries no list of conditions.
    const sunny = new SystemCondition('sunny' as never);
    expect(sunny.conditionType).toBe('sunny');
    const builder = new BackgroundTaskBuilder();
    builder.name = 'sunny';
    builder.taskEntryPoint = 'report.export';
    builder.setTrigger(new ApplicationTrigger());
    builder.addCondition(sunny);
    await expect(builder.register()).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { condition: 'sunny' } });
    expect(sent.map((input) => input.conditions)).toEqual([[{ type: 'sunny' }]]);
  });

  it('conditions that can never hold together: invalid-argument', async () => {
    const { ApplicationTrigger, BackgroundTaskBuilder, SystemCondition, configure } = await import('../index.js');
    configure({ timeout: 500 });
    const sent = refusingWorker({
      name: 'BgkitError',
      message: 'The conditions "internetAvailable" and "internetNotAvailable" can never hold together: the task would never run.',
      code: 'invalid-argument',
      details: { conditions: ['internetAvailable', 'internetNotAvailable'] },
    });
    const builder = new BackgroundTaskBuilder();
    builder.name = 'never';
    builder.taskEntryPoint = 'never.runs';
    builder.setTrigger(new ApplicationTrigger());
    builder.addCondition(new SystemCondition('internetAvailable'));
    builder.addCondition(new SystemCondition('internetNotAvailable'));
    await expect(builder.register()).rejects.toMatchObject({ name: 'BgkitError', code: 'invalid-argument', details: { conditions: ['internetAvailable', 'internetNotAvailable'] } });
    expect(sent.map((input) => input.conditions)).toEqual([[{ type: 'internetAvailable' }, { type: 'internetNotAvailable' }]]);
  });
});

describe('system triggers whose only sources are window APIs this browser lacks', () => {
  /** A worker that accepts every registration, as the real one does for these (it cannot see the page's APIs). */
  function acceptingWorker(extra: Record<string, unknown>): RegisterInput[] {
    const sent: RegisterInput[] = [];
    const active = {
      postMessage(message: CallMessage, [port]: MessagePort[]) {
        const input = message.args[0] as RegisterInput;
        sent.push(input);
        const registration = { ...input, taskId: crypto.randomUUID(), groupId: null, createdAt: 0 };
        port!.postMessage({ ok: true, value: { registration, created: true } } satisfies CallReply);
      },
    };
    (globalThis as { navigator?: unknown }).navigator = { serviceWorker: { ready: Promise.resolve({ active }) }, ...extra };
    return sent;
  }

  async function registerSystem(systemType: string) {
    const { BackgroundTaskBuilder, SystemTrigger, configure } = await import('../index.js');
    configure({ timeout: 500 });
    const builder = new BackgroundTaskBuilder();
    builder.name = systemType;
    builder.taskEntryPoint = 'system.react';
    builder.setTrigger(new SystemTrigger(systemType as never, false));
    return builder.register();
  }

  it('powerStateChange without the Battery Status API (Firefox, WebKitGTK): unsupported-trigger, details.api BatteryManager, nothing sent', async () => {
    const sent = acceptingWorker({ connection: {} });
    await expect(registerSystem('powerStateChange')).rejects.toMatchObject({ name: 'BgkitError', code: 'unsupported-trigger', details: { api: 'BatteryManager' } });
    expect(sent).toEqual([]);
  });

  it('backgroundWorkCostChange without the Battery Status API nor Network Information: unsupported-trigger; with either, registered', async () => {
    let sent = acceptingWorker({});
    await expect(registerSystem('backgroundWorkCostChange')).rejects.toMatchObject({ code: 'unsupported-trigger', details: { api: 'BatteryManager' } });
    expect(sent).toEqual([]);
    sent = acceptingWorker({ connection: {} });
    await expect(registerSystem('backgroundWorkCostChange')).resolves.toMatchObject({ name: 'backgroundWorkCostChange' });
    sent = acceptingWorker({ getBattery: () => new Promise(() => {}) });
    await expect(registerSystem('backgroundWorkCostChange')).resolves.toMatchObject({ name: 'backgroundWorkCostChange' });
    expect(sent.map((input) => input.trigger)).toEqual([{ type: 'system', systemType: 'backgroundWorkCostChange', oneShot: false }]);
  });

  it('with the Battery Status API (Chromium) powerStateChange goes to the worker; other system triggers never depend on it', async () => {
    let sent = acceptingWorker({ getBattery: () => new Promise(() => {}) });
    await expect(registerSystem('powerStateChange')).resolves.toMatchObject({ name: 'powerStateChange' });
    expect(sent.map((input) => input.trigger)).toEqual([{ type: 'system', systemType: 'powerStateChange', oneShot: false }]);
    sent = acceptingWorker({});
    await expect(registerSystem('internetAvailable')).resolves.toMatchObject({ name: 'internetAvailable' });
    expect(sent).toHaveLength(1);
  });
});

describe('retryPolicy', () => {
  it('is sent with the registration as set (unset when none: the worker then applies the defaults)', async () => {
    const { BackgroundTaskBuilder, ApplicationTrigger, configure } = await import('../index.js');
    configure({ timeout: 500 });
    const sent = refusingWorker({ name: 'BgkitError', message: '', code: 'invalid-argument' });
    const builder = new BackgroundTaskBuilder();
    builder.name = 'upload';
    builder.taskEntryPoint = 'upload';
    builder.setTrigger(new ApplicationTrigger());
    expect(builder.retryPolicy).toBeUndefined();
    await builder.register().catch(() => undefined);
    builder.retryPolicy = { backoff: 'linear', maxAttempts: 3 };
    await expect(builder.register()).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(sent.map((input) => input.retryPolicy)).toEqual([undefined, { backoff: 'linear', maxAttempts: 3 }]);
  });
});
