// One message in the mbox format (RFC 4155): a "From " separator line, headers, a blank line, the body with
// lines that start with "From " quoted.
import type { Message } from './db';

const address = (from: string) => from.match(/<([^>]+)>/)?.[1] ?? from;

export function toMbox(message: Message): string {
  const date = new Date(message.date);
  const body = message.body.replace(/\r\n?/g, '\n').replace(/^(>*From )/gm, '>$1');
  return [
    `From ${address(message.from)} ${date.toUTCString()}`,
    `From: ${message.from}`,
    `To: ${message.to}`,
    `Subject: ${message.subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${message.id}@inbox.example>`,
    `X-Folder: ${message.folder}`,
    '',
    body,
    '',
    '',
  ].join('\n');
}
