// The folder list, the message list and the reader, drawn from the mailbox on this device.
import { getMessage, listFolder, listOutbox, type Draft, type Folder, type Message } from '../mail/db';
import { senderName } from '../mail/address';
import { $, el, formatDate } from './dom';

export type View = Folder | 'outbox';

export interface Route {
  view: View;
  id: string | null;
}

const TITLES: Record<View, string> = { inbox: 'Inbox', outbox: 'Outbox', sent: 'Sent', archive: 'Archive' };

export function parseRoute(hash = location.hash): Route {
  const [, view, id] = hash.match(/^#\/(inbox|outbox|sent|archive)(?:\/([^/]+))?$/) ?? [];
  return { view: (view as View | undefined) ?? 'inbox', id: id ? decodeURIComponent(id) : null };
}

export interface ReaderActions {
  archive(message: Message): void;
  discard(draft: Draft): void;
  read(message: Message): void;
}

function messageItem(message: Message, route: Route): HTMLElement {
  const who = message.folder === 'sent' ? `To: ${message.to}` : senderName(message.from);
  const link = el('a', { href: `#/${route.view}/${encodeURIComponent(message.id)}`, 'data-id': message.id, class: message.read ? '' : 'unread' });
  if (route.id === message.id) link.setAttribute('aria-current', 'true');
  link.append(
    el('span', { class: 'who' }, who),
    el('span', { class: 'when' }, formatDate(message.date)),
    el('span', { class: 'subject' }, message.subject || '(no subject)'),
    el('span', { class: 'snippet' }, message.body.slice(0, 140)),
  );
  const item = el('li');
  item.append(link);
  return item;
}

function draftItem(draft: Draft, route: Route): HTMLElement {
  const link = el('a', { href: `#/outbox/${encodeURIComponent(draft.clientId)}`, 'data-id': draft.clientId });
  if (route.id === draft.clientId) link.setAttribute('aria-current', 'true');
  const state = draft.error ? el('span', { class: 'tag bad' }, 'Refused') : el('span', { class: 'tag' }, draft.state === 'queued' ? 'Waiting for the network' : 'Sending…');
  link.append(
    el('span', { class: 'who' }, `To: ${draft.to}`),
    state,
    el('span', { class: 'subject' }, draft.subject || '(no subject)'),
    el('span', { class: 'snippet' }, draft.error ?? draft.body.slice(0, 140)),
  );
  const item = el('li');
  item.append(link);
  return item;
}

function emptyReader(text: string): HTMLElement[] {
  return [el('p', { class: 'empty' }, text)];
}

function readerFor(message: Message, actions: ReaderActions): HTMLElement[] {
  const toolbar = el('div', { class: 'toolbar' });
  if (message.folder === 'inbox') {
    const archive = el('button', { type: 'button', class: 'ghost small', 'data-action': 'archive' }, 'Archive');
    archive.addEventListener('click', () => actions.archive(message));
    toolbar.append(archive);
  }
  const meta = el('div', { class: 'meta' });
  const people = el('div');
  people.append(el('div', {}, `From: ${message.from}`), el('div', {}, `To: ${message.to}`));
  meta.append(people, el('div', {}, new Date(message.date).toLocaleString()));
  return [toolbar, el('h1', {}, message.subject || '(no subject)'), meta, el('div', { class: 'body' }, message.body)];
}

function readerForDraft(draft: Draft, actions: ReaderActions): HTMLElement[] {
  const toolbar = el('div', { class: 'toolbar' });
  const discard = el('button', { type: 'button', class: 'ghost small' }, 'Delete draft');
  discard.addEventListener('click', () => actions.discard(draft));
  toolbar.append(discard);
  const meta = el('div', { class: 'meta' });
  meta.append(el('div', {}, `To: ${draft.to}`), el('div', {}, draft.error ? `Refused: ${draft.error}` : 'Not sent yet'));
  return [toolbar, el('h1', {}, draft.subject || '(no subject)'), meta, el('div', { class: 'body' }, draft.body)];
}

/** Draws everything for the route: folder counts, the message list and the reader. */
export async function renderMailbox(route: Route, actions: ReaderActions): Promise<void> {
  const [inbox, outbox] = await Promise.all([listFolder('inbox'), listOutbox()]);
  $('[data-count="inbox"]').textContent = String(inbox.filter((m) => !m.read).length || '');
  $('[data-count="outbox"]').textContent = String(outbox.length || '');
  for (const link of document.querySelectorAll<HTMLElement>('.folders a')) {
    if (link.dataset.folder === route.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  $('#list-title').textContent = TITLES[route.view];
  document.title = `${TITLES[route.view]}${inbox.some((m) => !m.read) ? ` (${inbox.filter((m) => !m.read).length})` : ''} · Inbox`;

  const list = $('#messages');
  const reader = $('#reader');
  if (route.view === 'outbox') {
    list.replaceChildren(...(outbox.length ? outbox.map((d) => draftItem(d, route)) : [el('li', { class: 'empty' }, 'Nothing waiting to be sent.')]));
    const draft = outbox.find((d) => d.clientId === route.id);
    reader.replaceChildren(...(draft ? readerForDraft(draft, actions) : emptyReader(outbox.length ? 'Select a draft.' : 'Everything has been sent.')));
    return;
  }
  const messages = route.view === 'inbox' ? inbox : await listFolder(route.view);
  list.replaceChildren(...(messages.length ? messages.map((m) => messageItem(m, route)) : [el('li', { class: 'empty' }, `No messages in ${TITLES[route.view]}.`)]));
  const message = route.id ? await getMessage(route.id) : undefined;
  if (message) {
    reader.replaceChildren(...readerFor(message, actions));
    if (!message.read) actions.read(message);
  } else {
    reader.replaceChildren(...emptyReader(route.id ? 'This message is not on this device (yet).' : 'Select a message to read it.'));
  }
}
