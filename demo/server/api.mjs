// The inbox's JSON API. Every answer is JSON; every error is `{ error: code, message }` with a fitting status.
//
//   GET  /api/messages?since=<cursor>      messages changed after the cursor, and the next cursor
//   POST /api/messages                     send { clientId, to, subject, body } (idempotent by clientId)
//   POST /api/messages/:id/archive         move a message to the archive
//   GET  /api/push/key                     the server's public VAPID key
//   POST /api/push/subscriptions           store a browser's push subscription
//   POST /api/push                         new mail arrives on the server and is pushed to every subscription
import { StoreError } from './store.mjs';

const MAX_BODY = 64 * 1024;

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 */

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 */
function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** @param {Request} req */
async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new StoreError('too-large', `A request body is at most ${MAX_BODY} bytes.`, 413);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new StoreError('invalid-json', 'The request body is not JSON.');
  }
}

/**
 * @param {{ store: import('./store.mjs').Store; pusher: import('./push.mjs').Pusher }} deps
 * @returns {(req: Request, res: Response) => Promise<boolean>} handles `/api/…` requests; false for others
 */
export function createApi({ store, pusher }) {
  /** @type {Array<[string, RegExp, (req: Request, match: RegExpMatchArray, url: URL) => Promise<[number, unknown]>]>} */
  const routes = [
    ['GET', /^\/api\/messages$/, async (_req, _match, url) => {
      const since = Number(url.searchParams.get('since') ?? 0);
      if (!Number.isFinite(since) || since < 0) throw new StoreError('invalid-cursor', 'since must be a cursor from an earlier answer.');
      return [200, store.list({ since })];
    }],
    ['POST', /^\/api\/messages$/, async (req) => {
      const { message, created } = await store.send(await readJson(req));
      return [created ? 201 : 200, { message }];
    }],
    ['POST', /^\/api\/messages\/([\w-]{1,64})\/archive$/, async (_req, match) => [200, { message: await store.archive(match[1] ?? '') }]],
    ['GET', /^\/api\/push\/key$/, async () => [200, { publicKey: pusher.publicKey }]],
    ['POST', /^\/api\/push\/subscriptions$/, async (req) => [201, { subscription: await store.addSubscription(await readJson(req)) }]],
    ['POST', /^\/api\/push$/, async (req) => {
      const mail = await store.receive(await readJson(req));
      const subscriptions = store.subscriptions();
      if (subscriptions.length === 0) {
        return [409, { error: 'no-subscription', message: 'No browser has subscribed to push yet, so nobody could be told.', mail }];
      }
      const outcome = await pusher.pushAll(subscriptions, { type: 'new-mail', id: mail.id, from: mail.from, subject: mail.subject });
      for (const endpoint of outcome.gone) await store.removeSubscription(endpoint);
      if (outcome.delivered === 0) {
        const reasons = [...new Set(outcome.failures.map((f) => (f.status ? `HTTP ${f.status}` : f.reason)))].join(', ');
        return [502, { error: 'push-failed', message: `The push service could not be reached (${reasons}).`, mail, failures: outcome.failures }];
      }
      return [200, { delivered: outcome.delivered, failed: outcome.failures.length, mail }];
    }],
  ];

  return async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return false;
    const matching = routes.filter(([, pattern]) => pattern.test(url.pathname));
    const route = matching.find(([method]) => method === req.method);
    try {
      if (!route) {
        if (matching.length) json(res, 405, { error: 'method-not-allowed', message: `Use ${matching.map(([m]) => m).join(' or ')}.` });
        else json(res, 404, { error: 'not-found', message: 'No such API.' });
        return true;
      }
      const match = /** @type {RegExpMatchArray} */ (url.pathname.match(route[1]));
      const [status, body] = await route[2](req, match, url);
      json(res, status, body);
    } catch (error) {
      if (error instanceof StoreError) json(res, error.status, { error: error.code, message: error.message });
      else {
        console.error(error);
        json(res, 500, { error: 'internal', message: 'The server failed to answer.' });
      }
    }
    return true;
  };
}
