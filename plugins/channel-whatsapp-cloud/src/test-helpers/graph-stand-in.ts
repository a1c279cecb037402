import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stand-in received, body as sent. */
export type GraphRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer; json: unknown };
/** An answer: status and JSON body (or raw bytes with a content type). */
export type GraphAnswer = { status: number; body: unknown } | { status: number; bytes: Uint8Array; contentType: string };

/** A local stand-in for graph.facebook.com and its media CDN, recording every request. */
export type GraphStandIn = {
  baseUrl: string;
  requests: GraphRequest[];
  /** Answers the next sends (POST …/messages) with these, in order; afterwards sends succeed again. */
  queueSendAnswers(...answers: GraphAnswer[]): void;
  /** Serves a media id: the URL lookup answers with a link back here, the link with these bytes. */
  addMedia(id: string, bytes: Uint8Array, mimeType: string): void;
  sends(): GraphRequest[];
  close(): Promise<void>;
};

/**
 * Starts the stand-in on a free port. It answers as Meta documents: `GET /{version}/{media-id}`
 * with `{ url, mime_type, file_size, id }` (Bearer required), the URL with the bytes (Bearer
 * required), `POST /{version}/{phone-number-id}/messages` with a fresh wamid, and
 * `POST /{version}/{phone-number-id}/media` with a media id.
 *
 * @example
 * const graph = await startGraphStandIn('test-access-token');
 * graph.queueSendAnswers({ status: 429, body: rateLimitError });
 */
export async function startGraphStandIn(accessToken: string): Promise<GraphStandIn> {
  const requests: GraphRequest[] = [];
  const sendAnswers: GraphAnswer[] = [];
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  let baseUrl = '';

  const answer = (res: ServerResponse, reply: GraphAnswer) => {
    if ('bytes' in reply) res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': reply.bytes.byteLength }).end(reply.bytes);
    else res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
  };
  const route = (request: GraphRequest): GraphAnswer => {
    if (request.headers.authorization !== `Bearer ${accessToken}`) {
      return { status: 401, body: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } };
    }
    const file = /^\/files\/(\w+)$/.exec(request.path);
    if (file && media.has(file[1]!)) return { status: 200, bytes: media.get(file[1]!)!.bytes, contentType: media.get(file[1]!)!.mimeType };
    const lookup = /^\/v[\d.]+\/(\d+)$/.exec(request.path);
    if (request.method === 'GET' && lookup) {
      const found = media.get(lookup[1]!);
      if (!found) return { status: 404, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
      return { status: 200, body: { messaging_product: 'whatsapp', url: `${baseUrl}/files/${lookup[1]}`, mime_type: found.mimeType, sha256: 'x', file_size: String(found.bytes.byteLength), id: lookup[1] } };
    }
    if (request.method === 'POST' && /^\/v[\d.]+\/\d+\/messages$/.test(request.path)) {
      const scripted = sendAnswers.shift();
      if (scripted) return scripted;
      const to = (request.json as { to?: string }).to ?? null;
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: to ? [{ input: to, wa_id: to.slice(1) }] : [], messages: [{ id: `wamid.${randomUUID()}`, message_status: 'accepted' }] } };
    }
    if (request.method === 'POST' && /^\/v[\d.]+\/\d+\/media$/.test(request.path)) return { status: 200, body: { id: `${Date.now()}${requests.length}` } };
    return { status: 404, body: { error: { message: `no route ${request.method} ${request.path}`, code: 100 } } };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: unknown = null;
      if (String(req.headers['content-type']).startsWith('application/json')) json = JSON.parse(body.toString('utf8'));
      const request: GraphRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json };
      requests.push(request);
      answer(res, route(request));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    queueSendAnswers: (...answers) => void sendAnswers.push(...answers),
    addMedia: (id, bytes, mimeType) => void media.set(id, { bytes, mimeType }),
    sends: () => requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')),
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
