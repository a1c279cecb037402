import { IncomingMessage, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withNodeRequestBody } from './node-request-body';

describe('request bodies read from Node\'s stream', () => {
  const app = new Hono();
  app.post('/text', bodyLimit({ maxSize: 1024, onError: (c) => c.text('too large', 413) }), async (c) => c.json({ text: await c.req.text() }));
  app.post('/json-twice', async (c) => c.json({ text: await c.req.text(), json: await c.req.json<unknown>() }));
  app.post('/bytes', async (c) => c.json({ length: (await c.req.arrayBuffer()).byteLength, used: c.req.raw.bodyUsed }));
  app.post('/form', async (c) => {
    const form = await c.req.parseBody();
    return c.json({ name: form.name, file: form.file instanceof File ? await form.file.text() : null });
  });
  app.post('/stream', async (c) => c.json({ text: await new Response(c.req.raw.body).text() }));
  app.post('/clone', async (c) => {
    const copy = c.req.raw.clone();
    return c.json({ copy: await copy.text(), text: await c.req.text() });
  });
  let server: ReturnType<typeof serve>;
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      const fetch = (req: Request, env: HttpBindings | Http2Bindings) => app.fetch(withNodeRequestBody(req, env.incoming instanceof IncomingMessage ? env.incoming : undefined), env);
      server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers });

  it('serves text and JSON, also read twice, and keeps hono\'s body limit', async () => {
    expect(await (await post('/text', 'héllo, wörld')).json()).toEqual({ text: 'héllo, wörld' });
    expect(await (await post('/json-twice', '{"a":[1,2]}', { 'content-type': 'application/json' })).json()).toEqual({ text: '{"a":[1,2]}', json: { a: [1, 2] } });
    const tooLarge = await post('/text', 'x'.repeat(2000));
    expect(tooLarge.status).toBe(413);
  });

  it('serves bytes, multipart forms and the body as a web stream', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(await (await post('/bytes', bytes)).json()).toEqual({ length: 70_000, used: true });
    const form = new FormData();
    form.set('name', 'Ada');
    form.set('file', new File(['file body'], 'a.txt', { type: 'text/plain' }));
    expect(await (await fetch(`http://127.0.0.1:${port}/form`, { method: 'POST', body: form })).json()).toEqual({ name: 'Ada', file: 'file body' });
    expect(await (await post('/stream', 'streamed')).json()).toEqual({ text: 'streamed' });
  });

  it('leaves a chunked body and a clone to node-server', async () => {
    const chunked = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/text', method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve(data));
      });
      req.on('error', reject);
      req.write('in ');
      req.end('pieces');
    });
    expect(JSON.parse(chunked)).toEqual({ text: 'in pieces' });
    expect(await (await post('/clone', 'twice')).json()).toEqual({ copy: 'twice', text: 'twice' });
  });
});
