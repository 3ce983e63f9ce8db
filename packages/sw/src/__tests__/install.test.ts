import { describe, expect, it } from 'vitest';
import { runThenHousekeep } from '../internal/install.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a trigger event: its runs, then housekeeping', () => {
  it('starts housekeeping once the runs the event started have settled', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const run = new Promise<void>((resolve) => (finish = resolve)).then(() => void order.push('run done'));
    const all = runThenHousekeep(async () => ({ done: run }), async () => void order.push('housekeeping'), 10_000);
    await tick(30);
    expect(order).toEqual([]);
    finish();
    await all;
    expect(order).toEqual(['run done', 'housekeeping']);
  });

  it('does not wait longer than the yield for a run that goes on, and still covers the run', async () => {
    let housekept = false;
    let settled = false;
    let finish!: () => void;
    const all = runThenHousekeep(async () => ({ done: new Promise<void>((resolve) => (finish = resolve)) }), async () => void (housekept = true), 20);
    void all.then(() => (settled = true));
    await tick(60);
    expect(housekept).toBe(true);
    // What the event's waitUntil holds: still pending, so the worker stays up for the run.
    expect(settled).toBe(false);
    finish();
    await all;
    expect(settled).toBe(true);
  });

  it('housekeeps after a start that throws at once, and reports the throw', async () => {
    let housekept = false;
    const failure = new Error('thrown at once');
    const start = () => {
      throw failure;
    };
    await expect(runThenHousekeep(start, async () => void (housekept = true), 10_000)).rejects.toBe(failure);
    expect(housekept).toBe(true);
  });

  it('still housekeeps, and waits for it, when the event could not start its runs; then reports that failure', async () => {
    let housekept = false;
    const failure = new Error('no database');
    await expect(runThenHousekeep(() => Promise.reject(failure), () => tick(30).then(() => void (housekept = true)), 10_000)).rejects.toBe(failure);
    expect(housekept).toBe(true);
  });
});
