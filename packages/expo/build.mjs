import { buildPackage } from '../../scripts/build-package.mjs';

await buildPackage({
  dir: import.meta.dirname,
  entries: {
    index: 'src/index.ts',
    'task-manager': 'src/TaskManager.ts',
    'background-task': 'src/BackgroundTask.ts',
    'background-fetch': 'src/BackgroundFetch.ts',
    sw: 'src/sw.ts',
  },
  external: ['idb', /^@bgkit\/client/, /^@bgkit\/sw/],
});
