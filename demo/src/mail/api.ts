// The inbox server's API, as the page and the worker call it. Errors come back as `{ error, message }`.
import type { Message } from './db';

export interface ApiErrorBody {
  error: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

/** Turns a non-2xx answer into an ApiError carrying the server's code and message. */
export async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
  if (!response.ok) {
    throw new ApiError(body?.error ?? 'http-error', body?.message ?? `The server answered ${response.status}.`, response.status, body);
  }
  return body as T;
}

export interface MessagesPage {
  messages: Message[];
  cursor: number;
}

export interface OutgoingMessage {
  clientId: string;
  to: string;
  subject: string;
  body: string;
}

export const sendRequest = (message: OutgoingMessage): [string, RequestInit] => [
  '/api/messages',
  { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) },
];

export const archiveRequest = (id: string): [string, RequestInit] => [`/api/messages/${encodeURIComponent(id)}/archive`, { method: 'POST' }];

export async function fetchChanges(since: number, signal?: AbortSignal): Promise<MessagesPage> {
  return readJson<MessagesPage>(await fetch(`/api/messages?since=${since}`, { signal: signal ?? null, cache: 'no-store' }));
}

/** What a push from the server carries. */
export interface NewMailPush {
  type: 'new-mail';
  id: string;
  from?: string;
  subject?: string;
}
