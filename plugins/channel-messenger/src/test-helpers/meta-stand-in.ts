import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in recorded of one request. */
export type RecordedCall = { method: string; url: string; authorization: string | undefined; contentType: string | undefined; json: unknown; headers: IncomingHttpHeaders };
/** A scripted Send API answer. */
export type ScriptedAnswer = { status: number; body: unknown };

/**
 * A local stand-in for the Graph API (Send API, user profiles) and Meta's CDN. Sends need the
 * Page token of the Page in the path; profiles answer for known ids; CDN paths serve files
 * without a token, as Meta's signed CDN links do.
 *
 * @example
 * const meta = await startMetaStandIn({ '109876543210987': 'page-token' });
 * meta.serveFile('/cdn/photo.jpg', jpegBytes, 'image/jpeg');
 */
export async function startMetaStandIn(pageTokens: Record<string, string>) {
  const calls: RecordedCall[] = [];
  const script: ScriptedAnswer[] = [];
  const files = new Map<string, { bytes: Uint8Array; type: string }>();
  const profiles = new Map<string, Record<string, string>>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const call: RecordedCall = { method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'], json: text ? JSON.parse(text) : null, headers: req.headers };
      calls.push(call);
      const json = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      const file = files.get(call.url);
      if (file) return void res.writeHead(200, { 'Content-Type': file.type }).end(file.bytes);
      const send = /^\/v[\d.]+\/(\d+)\/messages$/.exec(call.url);
      if (send && call.method === 'POST') {
        if (call.authorization !== `Bearer ${pageTokens[send[1]!]}`) return json(400, { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 } });
        const scripted = script.shift();
        if (scripted) return json(scripted.status, scripted.body);
        return json(200, { recipient_id: (call.json as { recipient: { id: string } }).recipient.id, message_id: `m_${randomUUID()}` });
      }
      const profile = /^\/v[\d.]+\/(\d+)\?fields=/.exec(call.url);
      if (profile && call.method === 'GET' && profiles.has(profile[1]!)) return json(200, { ...profiles.get(profile[1]!), id: profile[1] });
      json(404, { error: { message: `Unsupported ${call.method} request ${call.url}`, type: 'GraphMethodException', code: 100, error_subcode: 33 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    calls,
    /** Answers the next sends with these, in order. */
    script: (...answers: ScriptedAnswer[]) => void script.push(...answers),
    serveFile: (path: string, bytes: Uint8Array, type: string) => void files.set(path, { bytes, type }),
    addProfile: (id: string, profile: Record<string, string>) => void profiles.set(id, profile),
    sendsTo: (recipient: string) => calls.filter((c) => c.method === 'POST' && (c.json as { recipient?: { id?: string } } | null)?.recipient?.id === recipient),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
/** The running stand-in. */
export type MetaStandIn = Awaited<ReturnType<typeof startMetaStandIn>>;
