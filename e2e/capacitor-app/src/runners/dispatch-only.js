// A runner file for the events the app dispatches itself only: it has no remoteNotification listener.
addEventListener('ping', (resolve) => {
  resolve('pong');
});
