import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

/** One API call the stand-in received, with the body exactly as sent. */
export type RecordedViberCall = { endpoint: string; token: string | undefined; rawBody: string; body: Record<string, unknown> };

/** An answer: HTTP status and the body text (raw, so 64-bit tokens stay unquoted). */
export type ViberAnswer = { httpStatus?: number; body: string };

/** What the stand-in's own call to a webhook during set_webhook got back. */
export type WebhookCheck = { url: string; status: number };

/** A local HTTP server answering like Viber's REST bot API, recording every call. */
export type ViberStandIn = {
  /** The API base URL, `http://127.0.0.1:<port>/pa`. */
  apiBaseUrl: string;
  /** Where media added with `addMedia` is served: `http://127.0.0.1:<port>/media/<name>`. */
  mediaUrl(name: string): string;
  calls: RecordedViberCall[];
  callsOf(endpoint: string): RecordedViberCall[];
  webhookChecks: WebhookCheck[];
  answerNext(endpoint: string, ...answers: ViberAnswer[]): void;
  addMedia(name: string, bytes: Buffer): void;
  /** The next token send_message will answer with. */
  peekNextToken(): string;
  close(): Promise<void>;
};

/**
 * Starts a stand-in for `https://chatapi.viber.com/pa` on a free port. `set_webhook` first POSTs
 * a signed `webhook` event to the URL (as Viber does) and answers status 0 only if that got 200;
 * `send_message` answers status 0 with increasing 64-bit message tokens; an unknown
 * `X-Viber-Auth-Token` gets status 2. Media files are served under `/media/`.
 *
 * @example
 * const viber = await startViberStandIn([FIXTURE_TOKEN]);
 * viber.answerNext('send_message', { body: rawFixture('send-response-not-subscribed.raw') });
 */
export async function startViberStandIn(tokens: string[]): Promise<ViberStandIn> {
  const calls: RecordedViberCall[] = [];
  const webhookChecks: WebhookCheck[] = [];
  const queued = new Map<string, ViberAnswer[]>();
  const media = new Map<string, Buffer>();
  let nextToken = 5741311803571722000n;

  async function checkWebhook(url: string, token: string): Promise<number> {
    const body = `{"event":"webhook","timestamp":${Date.now()},"chat_hostname":"SN-CALLBACK-STANDIN_","message_token":${nextToken + 500n}}`;
    const signature = createHmac('sha256', token).update(body).digest('hex');
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Viber-Content-Signature': signature }, body }).catch(() => null);
    await res?.body?.cancel();
    webhookChecks.push({ url, status: res?.status ?? 0 });
    return res?.status ?? 0;
  }

  async function defaultAnswer(call: RecordedViberCall): Promise<ViberAnswer> {
    if (call.endpoint === 'set_webhook') {
      const url = String(call.body.url ?? '');
      if (url && (await checkWebhook(url, call.token ?? '')) !== 200) return { body: '{"status":1,"status_message":"invalidUrl"}' };
      return { body: JSON.stringify({ status: 0, status_message: 'ok', event_types: [...((call.body.event_types as string[]) ?? []), 'message'] }) };
    }
    if (call.endpoint === 'send_message') {
      nextToken += 1n;
      return { body: `{"status":0,"status_message":"ok","message_token":${nextToken},"chat_hostname":"SN-CHAT-05_","billing_status":1}` };
    }
    return { httpStatus: 404, body: 'not found' };
  }

  const server = createServer((req, res) => {
    void (async () => {
      const rawBody = (await buffer(req)).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
        const file = media.get(decodeURIComponent(url.pathname.slice('/media/'.length)));
        if (!file) return res.writeHead(404).end();
        return res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.length) }).end(file);
      }
      const match = /^\/pa\/([a-z_]+)$/.exec(url.pathname);
      if (req.method !== 'POST' || !match) return res.writeHead(404).end();
      const token = req.headers['x-viber-auth-token'];
      const call: RecordedViberCall = { endpoint: match[1] ?? '', token: typeof token === 'string' ? token : undefined, rawBody, body: parseObject(rawBody) };
      calls.push(call);
      const answer = !tokens.includes(call.token ?? '') ? { body: '{"status":2,"status_message":"invalidAuthToken"}' } : (queued.get(call.endpoint)?.shift() ?? (await defaultAnswer(call)));
      res.writeHead(answer.httpStatus ?? 200, { 'Content-Type': 'application/json' }).end(answer.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiBaseUrl: `${base}/pa`,
    mediaUrl: (name) => `${base}/media/${encodeURIComponent(name)}?Expires=1795356350&Signature=StandInSig`,
    calls,
    callsOf: (endpoint) => calls.filter((call) => call.endpoint === endpoint),
    webhookChecks,
    answerNext(endpoint, ...answers) {
      queued.set(endpoint, [...(queued.get(endpoint) ?? []), ...answers]);
    },
    addMedia(name, bytes) {
      media.set(name, bytes);
    },
    peekNextToken: () => String(nextToken + 1n),
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
