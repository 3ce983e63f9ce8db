// Tasks of the test bench itself (not from Expo's examples): one returns what its executor received, one
// throws. Imported by the page and by the service worker.
import * as TaskManager from 'expo-task-manager';

TaskManager.defineTask('probe', async ({ data, error, executionInfo }) => ({ data, error, executionInfo }));

class SyncError extends Error {
  override name = 'SyncError';
}

TaskManager.defineTask('explode', async () => {
  throw new SyncError('the server answered 503');
});
