// A runner file written for Capacitor's Background Runner, unchanged: the globals below are Capacitor's.
// Nothing here knows about bgkit or service workers.

// Fresh per event: Capacitor loads the file into a new context for every dispatched event.
let eventsSeenByThisContext = 0;

addEventListener('echo', (resolve, reject, args) => {
  eventsSeenByThisContext++;
  const user = args.user;
  user.firstName = user.firstName + ' HELLO';
  user.lastName = user.lastName + ' WORLD';
  resolve(user);
});

addEventListener('asyncEcho', async (resolve, reject, args) => {
  await new Promise((r) => setTimeout(r, 50));
  resolve({ async: true, got: args });
});

addEventListener('rejects', (resolve, reject) => {
  reject(new Error('The runner rejected this on purpose'));
});

addEventListener('rejectsString', (resolve, reject) => {
  reject('a plain reason');
});

addEventListener('throws', () => {
  throw new TypeError('Thrown synchronously by the listener');
});

addEventListener('asyncThrows', async () => {
  await new Promise((r) => setTimeout(r, 10));
  throw new RangeError('Thrown after an await');
});

// Never calls resolve or reject: the time limit cancels it.
addEventListener('never', () => {
  CapacitorKV.set('never', 'started');
});

addEventListener('context', (resolve) => {
  eventsSeenByThisContext++;
  resolve({
    eventsSeenByThisContext,
    // The runner's addEventListener is Capacitor's, not the service worker's.
    ownAddEventListener: typeof self === 'undefined' || addEventListener !== self.addEventListener,
  });
});

addEventListener('webApis', async (resolve, reject) => {
  try {
    console.log('webApis event');
    const bytes = new TextEncoder().encode('héllo');
    const text = new TextDecoder().decode(bytes);
    const uuid = crypto.randomUUID();
    const random = crypto.getRandomValues(new Uint8Array(4)).length;
    const response = await fetch('/hello.json', { method: 'GET', headers: { accept: 'application/json' } });
    const json = await response.json();
    let ticks = 0;
    await new Promise((r) => {
      const id = setInterval(() => {
        ticks++;
        if (ticks === 3) {
          clearInterval(id);
          r();
        }
      }, 10);
    });
    resolve({ bytes: bytes.length, text, uuidLength: uuid.length, random, json, ticks });
  } catch (err) {
    reject(err);
  }
});

// Resolves at once, leaving a timer behind: the event's timers are cleared when it settles.
addEventListener('leakyTimer', (resolve) => {
  setTimeout(() => CapacitorKV.set('leaked', 'yes'), 300);
  resolve();
});

addEventListener('kvWrite', (resolve, reject, args) => {
  CapacitorKV.set(args.key, args.value);
  resolve();
});

addEventListener('kvRead', (resolve, reject, args) => {
  resolve(CapacitorKV.get(args.key));
});

addEventListener('kvRemove', (resolve, reject, args) => {
  CapacitorKV.remove(args.key);
  resolve(CapacitorKV.get(args.key));
});

addEventListener('notify', (resolve, reject, args) => {
  CapacitorNotifications.schedule([
    { id: args.id, title: args.title, body: 'From the runner', extra: { orderId: 7 }, actionTypeId: 'OPEN_ORDER' },
  ]);
  resolve();
});

addEventListener('notifyLater', (resolve, reject, args) => {
  CapacitorNotifications.schedule([{ id: args.id, title: 'Later', body: 'Scheduled', scheduleAt: new Date(Date.now() + args.inMs) }]);
  resolve();
});

addEventListener('badge', (resolve, reject, args) => {
  if (args.count === 0) CapacitorNotifications.clearBadge();
  else CapacitorNotifications.setBadge({ count: args.count, notificationTitle: 'Unread', notificationSubtitle: '' });
  resolve(CapacitorNotifications.getBadge());
});

addEventListener('badgeRead', (resolve) => {
  resolve(CapacitorNotifications.getBadge());
});

addEventListener('device', (resolve) => {
  resolve({ battery: CapacitorDevice.getBatteryStatus(), network: CapacitorDevice.getNetworkStatus() });
});

addEventListener('app', (resolve) => {
  resolve({ state: CapacitorApp.getState(), info: CapacitorApp.getInfo() });
});

addEventListener('geolocation', (resolve, reject) => {
  try {
    resolve(CapacitorGeolocation.getCurrentPosition());
  } catch (err) {
    reject(err);
  }
});

addEventListener('watch', (resolve) => {
  const reachable = CapacitorWatch.isReachable;
  CapacitorWatch.sendMessage([]);
  resolve(reachable);
});

// The event `capacitor.config` schedules (autoStart).
addEventListener('myCustomEvent', (resolve) => {
  CapacitorKV.set('scheduledRuns', String(Number(CapacitorKV.get('scheduledRuns')?.value ?? '0') + 1));
  resolve({ scheduled: true });
});

// Capacitor dispatches this itself on a push message; args is the payload.
addEventListener('remoteNotification', (resolve, reject, args) => {
  CapacitorKV.set('lastPush', JSON.stringify(args));
  CapacitorNotifications.schedule([{ id: 100, title: 'Enterprise Background Runner', body: 'Received silent push notification' }]);
  resolve(args);
});
