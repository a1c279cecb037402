import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreErrorCodes } from '../errors';
import { createLocalBlobStore } from './attachments-local-store';
import { createAttachmentRoutes, type AttachmentRoutesEnv } from './attachments-routes';
import { createAttachmentService } from './attachments-service';
import { createAttachmentsTestEnv, elfHeader, testSigningKey, tinyPng, type AttachmentsTestEnv } from './attachments-test-fixtures';

const BASE = '/api/v1/attachments';
const AGENT = { authorization: 'Bearer agent-token' };

function form(data: Uint8Array, filename: string, type: string): FormData {
  const body = new FormData();
  body.set('file', new File([Uint8Array.from(data)], filename, { type }));
  return body;
}

describe('createAttachmentRoutes', () => {
  let env: AttachmentsTestEnv;
  afterEach(() => env.cleanup());

  async function setUp(config: Parameters<typeof createAttachmentsTestEnv>[0] = {}) {
    env = await createAttachmentsTestEnv(config);
    const service = createAttachmentService({
      db: env.db,
      blobs: createLocalBlobStore(join(env.dir, 'attachments')),
      config: env.config,
      signingKey: testSigningKey,
      publicUrl: 'https://support.example.com',
    });
    // Stands in for the server's auth middleware.
    const app = new Hono<AttachmentRoutesEnv>();
    app.use('*', async (c, next) => {
      if (c.req.header('authorization') === AGENT.authorization) c.set('principal', { kind: 'agent', id: 'AG1' });
      await next();
    });
    app.route(BASE, createAttachmentRoutes(service, { maxBytes: env.config.maxBytes }));
    return app;
  }

  async function expectProblem(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ type: `urn:switchboard:error:${code}`, title: expect.any(String), status, code, detail: expect.any(String) });
    return body;
  }

  it('accepts a multipart upload and answers 201 with the reference', async () => {
    const app = await setUp();
    const response = await app.request(BASE, { method: 'POST', body: form(tinyPng, 'photo.png', 'image/png'), headers: AGENT });
    expect(response.status).toBe(201);
    const ref = (await response.json()) as { id: string };
    expect(ref).toEqual({ id: expect.any(String), name: 'photo.png', contentType: 'image/png', size: tinyPng.byteLength });
    expect(response.headers.get('location')).toBe(`${BASE}/${ref.id}`);
    const row = (await env.db.execute({ sql: 'SELECT uploader_kind, uploader_id FROM attachments WHERE id = ?', args: [ref.id] })).rows[0];
    expect(row).toMatchObject({ uploader_kind: 'agent', uploader_id: 'AG1' });
  });

  it('refuses uploads and metadata to anyone not signed in', async () => {
    const app = await setUp();
    await expectProblem(await app.request(BASE, { method: 'POST', body: form(tinyPng, 'a.png', 'image/png') }), 401, CoreErrorCodes.UNAUTHENTICATED);
    await expectProblem(await app.request(`${BASE}/01J9ZK3V5T7Q8R2W4X6Y8Z0A1B`), 401, CoreErrorCodes.UNAUTHENTICATED);
  });

  it('refuses a body declared over the limit with 413 before reading it', async () => {
    const app = await setUp({ maxBytes: 1024 });
    const request = new Request('http://localhost', { method: 'POST', body: form(new Uint8Array(200_000), 'big.bin', 'application/octet-stream') });
    const body = await request.arrayBuffer();
    const response = await app.request(BASE, {
      method: 'POST',
      body,
      headers: { ...AGENT, 'content-type': request.headers.get('content-type') ?? '', 'content-length': String(body.byteLength) },
    });
    const problem = await expectProblem(response, 413, CoreErrorCodes.ATTACHMENT_TOO_LARGE);
    expect(problem['detail']).toBe(`upload refused: the limit is 1 KiB (1024 bytes) per file, and the request body is 195.5 KiB (${body.byteLength} bytes)`);
  });

  it('cuts off a streamed body at the limit instead of buffering all of it', async () => {
    const app = await setUp({ maxBytes: 1024 });
    const chunk = new Uint8Array(16 * 1024);
    const total = 64 * 1024 * 1024;
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n'));
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const init = { method: 'POST', body: stream, duplex: 'half', headers: { ...AGENT, 'content-type': 'multipart/form-data; boundary=b' } };
    const response = await app.request(BASE, init as RequestInit);
    await expectProblem(response, 413, CoreErrorCodes.ATTACHMENT_TOO_LARGE);
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it('refuses a file over the limit that fits the envelope allowance, naming both sizes', async () => {
    const app = await setUp({ maxBytes: 1024 });
    const response = await app.request(BASE, { method: 'POST', body: form(new Uint8Array(2000), 'big.bin', 'application/octet-stream'), headers: AGENT });
    const problem = await expectProblem(response, 413, CoreErrorCodes.ATTACHMENT_TOO_LARGE);
    expect(problem['detail']).toContain('is 2 KiB (2000 bytes), over the limit of 1 KiB (1024 bytes)');
  });

  it('refuses an executable disguised as a PDF with 415', async () => {
    const app = await setUp();
    const response = await app.request(BASE, { method: 'POST', body: form(elfHeader, 'invoice.pdf', 'application/pdf'), headers: AGENT });
    const problem = await expectProblem(response, 415, CoreErrorCodes.ATTACHMENT_TYPE_REFUSED);
    expect(problem['detail']).toContain('application/x-elf');
  });

  it('explains a request that is not a multipart upload', async () => {
    const app = await setUp();
    const response = await app.request(BASE, { method: 'POST', body: '{"file":"x"}', headers: { ...AGENT, 'content-type': 'application/json' } });
    const problem = await expectProblem(response, 400, CoreErrorCodes.VALIDATION);
    expect(problem['detail']).toContain('multipart/form-data');
  });

  it('serves metadata with a signed URL that downloads the bytes without signing in', async () => {
    const app = await setUp();
    const uploaded = await app.request(BASE, { method: 'POST', body: form(tinyPng, 'fotó "1".png', 'image/png'), headers: AGENT });
    const { id } = (await uploaded.json()) as { id: string };

    const meta = await app.request(`${BASE}/${id}`, { headers: AGENT });
    expect(meta.status).toBe(200);
    const { url, ...ref } = (await meta.json()) as { url: string };
    expect(ref).toEqual({ id, name: 'fotó "1".png', contentType: 'image/png', size: tinyPng.byteLength });

    const signed = new URL(url);
    expect(signed.origin).toBe('https://support.example.com');
    const download = await app.request(`${signed.pathname}${signed.search}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="fot_ _1_.png"; filename*=UTF-8''fot%C3%B3%20%221%22.png`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(tinyPng);

    const tampered = new URL(signed);
    tampered.searchParams.set('expires', String(Number(signed.searchParams.get('expires')) + 86_400));
    await expectProblem(await app.request(`${tampered.pathname}${tampered.search}`), 403, CoreErrorCodes.ATTACHMENT_SIGNATURE_INVALID);
    await expectProblem(await app.request(`${signed.pathname}?expires=1&sig=abc`), 403, CoreErrorCodes.ATTACHMENT_SIGNATURE_INVALID);
    await expectProblem(await app.request(signed.pathname), 401, CoreErrorCodes.UNAUTHENTICATED);

    const asAgent = await app.request(signed.pathname, { headers: AGENT });
    expect(asAgent.status).toBe(200);
  });

  it('serves text as UTF-8 text', async () => {
    const app = await setUp();
    const csv = new TextEncoder().encode('name,city\nZoë,Kraków\n');
    const uploaded = await app.request(BASE, { method: 'POST', body: form(csv, 'contacts.csv', 'text/csv'), headers: AGENT });
    const { id } = (await uploaded.json()) as { id: string };
    const download = await app.request(`${BASE}/${id}/content`, { headers: AGENT });
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await download.text()).toBe('name,city\nZoë,Kraków\n');
  });

  it('answers an unknown attachment with 404', async () => {
    const app = await setUp();
    await expectProblem(await app.request(`${BASE}/01J9ZK3V5T7Q8R2W4X6Y8Z0A1B`, { headers: AGENT }), 404, CoreErrorCodes.ATTACHMENT_NOT_FOUND);
    await expectProblem(await app.request(`${BASE}/01J9ZK3V5T7Q8R2W4X6Y8Z0A1B/content`, { headers: AGENT }), 404, CoreErrorCodes.ATTACHMENT_NOT_FOUND);
  });
});
