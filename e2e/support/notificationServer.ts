export { startNotificationServer, type NotificationServer, type ShownNotification } from '@bgkit/devtools/playwright';
