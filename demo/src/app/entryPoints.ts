// The task entry points the worker defines and the page registers, and the arguments the page passes.
export const ENTRY = {
  refresh: 'inbox.refresh',
  send: 'outbox.send',
  push: 'inbox.push',
  notificationAction: 'notification.action',
  notificationDismissed: 'notification.dismissed',
  archive: 'mail.archive',
  prune: 'mail.prune',
  export: 'mailbox.export',
} as const;

export interface RefreshArgs {
  /** Asked by the page the user is looking at: no notification. */
  quiet?: boolean;
}

export interface ArchiveArgs {
  ids?: string[];
}

export interface ExportArgs {
  /** Milliseconds to pause after each message. */
  paceMs?: number;
}
