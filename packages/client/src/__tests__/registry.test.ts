// The page's side of the worker's announcements (the registry in BackgroundTaskRegistration.ts): a run's `completed` may be broadcast
// more than once (a worker killed before it noted that the pages were told announces it again from the next
// worker: runner.ts, announceLeftovers), and each page dispatches it once.
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, storageName, type BroadcastMessage, type RegistrationRecord, type RunRecord } from '@bgkit/protocol';
import type { BackgroundTaskCompletedEvent } from '../BackgroundTaskEvents.js';
import { registrationFor } from '../BackgroundTaskRegistration.js';

const record: RegistrationRecord = {
  taskId: 'task-1', name: 'sync', entryPoint: 'sync-inbox', trigger: { type: 'application' }, conditions: [],
  cancelOnConditionLoss: false, isNetworkRequested: false, createdAt: 1,
};
const run = (instanceId: string): RunRecord => ({
  instanceId, taskId: record.taskId, name: record.name, entryPoint: record.entryPoint, trigger: 'application', source: 'application',
  triggerDetails: {}, status: 'completed', progress: 100, createdAt: 1, startedAt: 1, finishedAt: 2, bootId: 'b', result: { instanceId },
});

// The worker's side of the channel: no worker was asked for its scope here, so the channel has the scope-less name.
const worker = new BroadcastChannel(storageName(undefined));
const announce = (instanceId: string) => worker.postMessage({ v: PROTOCOL_VERSION, kind: 'completed', run: run(instanceId) } satisfies BroadcastMessage);
afterAll(() => worker.close());

describe('a completed run announced twice', () => {
  it('is dispatched once on the task\'s registration, by instance id; another run still is', async () => {
    const registration = registrationFor(record, null);
    const heard: string[] = [];
    registration.addEventListener('completed', (event: BackgroundTaskCompletedEvent) => heard.push(event.instanceId));
    announce('run-1');
    announce('run-1');
    announce('run-2');
    // A channel delivers one sender's messages in order: once run-2 is heard, both copies of run-1 have been.
    const end = performance.now() + 2000;
    while (!heard.includes('run-2') && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heard).toEqual(['run-1', 'run-2']);
    // A repeat that comes later (the next worker's start) is dropped too.
    announce('run-2');
    announce('run-3');
    while (!heard.includes('run-3') && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heard).toEqual(['run-1', 'run-2', 'run-3']);
  });
});
