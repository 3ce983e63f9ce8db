// SPDX-License-Identifier: MIT
// Plain-text formatting of what the panel shows. No DOM here: unit-tested in node.
import type { BackgroundTaskCancellationReason, RunStatus, SerializedError, TriggerSpec } from '@bgkit/protocol';

/** A trigger with its parameters, as Windows would write its constructor call. */
export function describeTrigger(spec: TriggerSpec): string {
  switch (spec.type) {
    case 'application':
      return 'ApplicationTrigger';
    case 'time':
    case 'maintenance':
      return `${spec.type === 'time' ? 'TimeTrigger' : 'MaintenanceTrigger'}(${spec.freshnessTime} min, ${spec.oneShot ? 'one-shot' : 'repeating'})`;
    case 'push':
      return 'PushNotificationTrigger';
    case 'toastAction':
      return 'ToastNotificationActionTrigger';
    case 'toastHistoryChanged':
      return 'ToastNotificationHistoryChangedTrigger';
    case 'system':
      return `SystemTrigger(${spec.systemType}${spec.oneShot ? ', one-shot' : ''})`;
    case 'backgroundFetch':
      return 'BackgroundFetchTrigger';
  }
}

/** 850 ms, 1.2 s, 2 min 5 s, 1 h 3 min. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How long a run took, or has been going (against `now`). */
export function runDuration(run: { startedAt: number | null; finishedAt: number | null }, now: number): string {
  if (run.startedAt === null) return '';
  return formatDuration((run.finishedAt ?? now) - run.startedAt);
}

/** When something is due, relative to now: "in 14 min", "2 min ago", "now". */
export function relativeTime(at: number, now: number): string {
  const delta = at - now;
  const abs = Math.abs(delta);
  if (abs < 1000) return 'now';
  const text = formatDuration(abs).replace(/ \d+ s$/, '');
  return delta > 0 ? `in ${text}` : `${text} ago`;
}

/** A 24-hour clock time with seconds, in the page's locale-independent form. */
export function clockTime(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A value as compact JSON (long values cut), for results and trigger details. */
export function compactJson(value: unknown, max = 160): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a run ended with: its result, its error, or its cancel reason; '' while it has not ended. */
export function runOutcome(run: { status: RunStatus; result?: unknown; error?: SerializedError; cancelReason?: BackgroundTaskCancellationReason }): string {
  switch (run.status) {
    case 'completed':
      return compactJson(run.result ?? null);
    case 'failed':
      return `${run.error?.name ?? 'Error'}${run.error?.code ? ` [${run.error.code}]` : ''}: ${run.error?.message ?? ''}`;
    case 'canceled':
      return `canceled: ${run.cancelReason ?? 'abort'}`;
    default:
      return '';
  }
}

/**
 * Parses the arguments box of an application task: empty means no arguments; anything else must be a JSON
 * object (request() takes a value set). Throws a readable error otherwise.
 */
export function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Arguments are not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('Arguments must be a JSON object, such as {"steps": 3}.');
  return value as Record<string, unknown>;
}
