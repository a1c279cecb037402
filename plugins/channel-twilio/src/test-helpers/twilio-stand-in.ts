import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

/** One request the stand-in got, with the body exactly as sent. */
export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string; params: Array<[string, string]> };

/** How the stand-in answers one Messages API call. */
export type SendAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** A local HTTP server standing in for Twilio: the Messages API, media behind Basic auth, and its CDN. */
export type TwilioStandIn = {
  /** Use as `apiBaseUrl`. */
  url: string;
  /** The CDN media redirects to; it asks for no credentials. */
  cdnUrl: string;
  /** Every Messages API call. */
  sends: RecordedRequest[];
  /** Every media download, at the API (`api`) and after the redirect (`cdn`). */
  mediaRequests: Array<RecordedRequest & { host: 'api' | 'cdn' }>;
  /** Answers for the next sends, in order; when none is queued, a 201 with a fresh SID. */
  queueAnswers(...answers: SendAnswer[]): void;
  /** The bytes served for a media SID (`ME…`), with their content type. */
  setMedia(mediaSid: string, data: Uint8Array, contentType: string): void;
  close(): Promise<void>;
};

/** A JPEG as small as a sniffer still recognises. */
export const TINY_JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

/**
 * A 201 answer of the Messages API with the given SID, shaped like `send-response-201.json`.
 *
 * @example
 * standIn.queueAnswers(created('SMa1b2c3d4e5f60718293a4b5c6d7e8f90'));
 */
export function created(sid: string, status = 'queued'): SendAnswer {
  return {
    status: 201,
    body: {
      account_sid: 'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      api_version: '2010-04-01',
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      num_segments: '1',
      sid,
      status,
      uri: `/2010-04-01/Accounts/AC0a1b2c3d4e5f60718293a4b5c6d7e8f9/Messages/${sid}.json`,
    },
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function record(req: import('node:http').IncomingMessage, rawBody: string): RecordedRequest {
  return { method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, params: [...new URLSearchParams(rawBody)] };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * Starts the stand-in on free ports. Media under `/2010-04-01/Accounts/<AC>/Messages/<MM>/Media/<ME>`
 * answers 401 without the account's Basic auth, else redirects to the CDN server, which serves
 * the bytes without asking for credentials (and records whether any were sent).
 *
 * @example
 * const twilio = await startTwilioStandIn({ accountSid, authToken });
 * twilio.queueAnswers({ status: 429, body: { code: 20429, message: 'Too Many Requests' } });
 */
export async function startTwilioStandIn(credentials: { accountSid: string; authToken: string }): Promise<TwilioStandIn> {
  const sends: RecordedRequest[] = [];
  const mediaRequests: TwilioStandIn['mediaRequests'] = [];
  const answers: SendAnswer[] = [];
  const media = new Map<string, { data: Uint8Array; contentType: string }>();
  const expectedAuth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  let counter = 0;
  let cdnUrl = '';

  const cdn = createServer((req, res) => {
    void text(req).then((body) => {
      mediaRequests.push({ ...record(req, body), host: 'cdn' });
      const item = media.get((req.url ?? '').slice(1));
      if (!item) return json(res, 404, { message: 'not found' });
      res.writeHead(200, { 'Content-Type': item.contentType, 'Content-Length': String(item.data.byteLength) }).end(Buffer.from(item.data));
    });
  });

  const api = createServer((req, res) => {
    void text(req).then((body) => {
      const path = req.url ?? '';
      const mediaMatch = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\/\w+\/Media\/(ME\w+)$/.exec(path);
      if (req.method === 'GET' && mediaMatch) {
        mediaRequests.push({ ...record(req, body), host: 'api' });
        if (req.headers.authorization !== expectedAuth) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        res.writeHead(307, { Location: `${cdnUrl}/${mediaMatch[2]}` }).end();
        return;
      }
      if (req.method === 'POST' && path === `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`) {
        sends.push(record(req, body));
        if (req.headers.authorization !== expectedAuth) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        const answer = answers.shift() ?? created(`SM${(++counter).toString(16).padStart(32, '0')}`);
        return json(res, answer.status, answer.body, answer.headers);
      }
      json(res, 404, { code: 20404, message: `no route ${req.method} ${path}`, status: 404 });
    });
  });

  const apiUrl = await listen(api);
  cdnUrl = await listen(cdn);
  return {
    url: apiUrl,
    cdnUrl,
    sends,
    mediaRequests,
    queueAnswers: (...next) => answers.push(...next),
    setMedia: (sid, data, contentType) => media.set(sid, { data, contentType }),
    async close() {
      for (const server of [api, cdn]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
