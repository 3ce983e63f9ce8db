// Rebuilding the trigger of a stored registration, and the page-side check of power triggers.
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundTrigger, kSpec } from '../triggers/BackgroundTrigger.js';
import { triggerFromSpec } from '../triggers/fromSpec.js';
import { BackgroundTaskBuilder } from '../BackgroundTaskBuilder.js';
import { SystemTrigger } from '../triggers/SystemTrigger.js';

afterEach(() => {
  delete (globalThis as { navigator?: unknown }).navigator;
});

describe('triggerFromSpec', () => {
  it('rebuilds a kind whose class this page did not import (an opt-in entry) as a bare trigger of that type, so listing still works', () => {
    const trigger = triggerFromSpec({ type: 'backgroundFetch' });
    expect(trigger).toBeInstanceOf(BackgroundTrigger);
    expect(trigger.type).toBe('backgroundFetch');
    expect(trigger[kSpec]()).toEqual({ type: 'backgroundFetch' });
  });
});

describe('BackgroundTaskBuilder.validate()', () => {
  it('says false for a power trigger where the page has no Battery Status API, as register() refuses it', () => {
    Object.defineProperty(globalThis, 'navigator', { value: { serviceWorker: {} }, configurable: true, writable: true });
    const builder = new BackgroundTaskBuilder();
    builder.name = 'power';
    builder.taskEntryPoint = 'power';
    builder.setTrigger(new SystemTrigger('powerStateChange', false));
    expect(builder.validate()).toBe(false);
    (navigator as { getBattery?: unknown }).getBattery = () => undefined;
    expect(builder.validate()).toBe(true);
  });
});
