import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteTasks, readSetting, readTask, readTasks, writeSetting, writeTask } from '../internal/optionsStore.js';

describe('the options store', () => {
  it('keeps, replaces and deletes the options of each task', async () => {
    await writeTask({ taskName: 'a', taskType: 'backgroundFetch', options: { minimumInterval: 900, startOnBoot: true } });
    await writeTask({ taskName: 'b', taskType: 'backgroundTask', options: { minimumInterval: 720 } });
    await writeTask({ taskName: 'a', taskType: 'backgroundFetch', options: { minimumInterval: 1800 } });
    expect(await readTask('a')).toEqual({ taskName: 'a', taskType: 'backgroundFetch', options: { minimumInterval: 1800 } });
    expect([...(await readTasks()).keys()]).toEqual(['a', 'b']);
    await deleteTasks(['a', 'missing']);
    expect(await readTask('a')).toBeUndefined();
    expect([...(await readTasks()).keys()]).toEqual(['b']);
  });

  it('keeps settings', async () => {
    expect(await readSetting('backgroundFetch.minimumInterval')).toBeUndefined();
    await writeSetting('backgroundFetch.minimumInterval', 3600);
    expect(await readSetting<number>('backgroundFetch.minimumInterval')).toBe(3600);
  });
});
