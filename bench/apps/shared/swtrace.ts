/// <reference lib="webworker" />
// The first import of both bench workers, so it is evaluated before anything else in the bundle (imports
// run in order). Its `periodicsync` listener is added before the app's, so it runs first and stamps the
// event's arrival. With `trace` in the worker's script URL it also stamps what the worker does with
// IndexedDB (open, each transaction's begin and end, by stores and mode), BroadcastChannel posts and
// clients.matchAll, without touching the code under test. The measured cases run without `trace`: the
// wrappers cost a little, so only the separate trace pass pays for them.
import { stamp } from './clock';

declare const self: ServiceWorkerGlobalScope;

export type Mark = [label: string, at: number];

const tracing = new URL(self.location.href).searchParams.has('trace');
let marks: Mark[] = [];

export function mark(label: string): void {
  if (tracing) marks.push([label, stamp()]);
}

/** The marks since the last call (undefined when not tracing). */
export function takeMarks(): Mark[] | undefined {
  if (!tracing) return undefined;
  const taken = marks;
  marks = [];
  return taken;
}

mark('script start');

self.addEventListener('periodicsync', () => mark('periodicsync event'));

if (tracing) {
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    mark('idb open');
    const request = open.apply(this, args);
    request.addEventListener('success', () => mark('idb opened'));
    return request;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const names = ([] as string[]).concat(args[0] as string | string[]).join('+');
    const label = `tx ${names} ${args[1] === 'readwrite' ? 'rw' : 'ro'}`;
    mark(`${label} begin`);
    const tx = transaction.apply(this, args);
    tx.addEventListener('complete', () => mark(`${label} end`));
    tx.addEventListener('abort', () => mark(`${label} abort`));
    return tx;
  } as IDBDatabase['transaction'];
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
    const kind = (message as { kind?: string } | null)?.kind;
    mark(`broadcast ${this.name.startsWith('bgkit') ? 'bgkit' : this.name}${kind ? ` ${kind}` : ''}`);
    return post.call(this, message);
  };
  const matchAll = Clients.prototype.matchAll;
  Clients.prototype.matchAll = function (this: Clients, ...args: Parameters<Clients['matchAll']>) {
    mark('clients.matchAll');
    return matchAll.apply(this, args) as ReturnType<Clients['matchAll']>;
  } as Clients['matchAll'];
}
