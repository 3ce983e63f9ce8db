// The two promise wrappers the bench's own IndexedDB access needs (seeding, counting, re-arming). The bare
// worker keeps its own copies: it is the hand-written baseline and stays self-contained on purpose.

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** Opens a database that exists already, at its current version. */
export function openExisting(name: string): Promise<IDBDatabase> {
  return request(indexedDB.open(name));
}
