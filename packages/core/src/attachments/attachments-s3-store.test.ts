import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CoreErrorCodes } from '../errors';
import { S3AttachmentsConfigSchema } from './attachments-config';
import { createS3BlobStore } from './attachments-s3-store';

type Recorded = { method: string; path: string; authorization: string };

const BUCKET = 'swb-test';
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/;

/**
 * A minimal S3 stand-in: path-style addressing, objects in a Map, SigV4 Authorization header
 * required (and a "revoked" key refused), payload hash checked on PUT, S3-style XML errors.
 */
function startS3StandIn(): Promise<{ server: Server; endpoint: string; objects: Map<string, { body: Buffer; contentType: string }>; requests: Recorded[] }> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: Recorded[] = [];
  const fail = (res: ServerResponse, status: number, code: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://stand-in').pathname);
    const authorization = req.headers.authorization ?? '';
    requests.push({ method: req.method ?? '', path, authorization });

    const auth = AUTHORIZATION.exec(authorization);
    if (!auth || !auth[2]?.split(';').includes('x-amz-date') || !req.headers['x-amz-date']) return fail(res, 403, 'AccessDenied');
    if (auth[1] === 'AKIDREVOKED') return fail(res, 403, 'InvalidAccessKeyId');
    if (auth[1] === 'AKIDBROKEN') return fail(res, 500, 'InternalError');
    if (!path.startsWith(`/${BUCKET}/`)) return fail(res, 400, 'InvalidBucketName');
    const key = path.slice(BUCKET.length + 2);

    switch (req.method) {
      case 'PUT': {
        if (req.headers['x-amz-content-sha256'] !== createHash('sha256').update(body).digest('hex')) return fail(res, 400, 'XAmzContentSHA256Mismatch');
        objects.set(key, { body, contentType: req.headers['content-type'] ?? '' });
        res.writeHead(200, { etag: '"x"' });
        return res.end();
      }
      case 'GET':
      case 'HEAD': {
        const object = objects.get(key);
        if (!object) return req.method === 'HEAD' ? (res.writeHead(404), res.end()) : fail(res, 404, 'NoSuchKey');
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length });
        return res.end(req.method === 'GET' ? object.body : undefined);
      }
      case 'DELETE': {
        objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      default:
        return fail(res, 405, 'MethodNotAllowed');
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, 500, String(error)));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, endpoint: `http://127.0.0.1:${port}`, objects, requests });
    });
  });
}

describe('createS3BlobStore', () => {
  let standIn: Awaited<ReturnType<typeof startS3StandIn>>;
  const config = (overrides: Record<string, unknown> = {}) =>
    v.parse(S3AttachmentsConfigSchema, {
      endpoint: standIn.endpoint,
      region: 'eu-central-1',
      bucket: BUCKET,
      accessKeyId: 'AKIDTEST',
      secretAccessKey: 'stand-in-secret',
      forcePathStyle: true,
      prefix: 'switchboard/attachments/',
      ...overrides,
    });

  beforeAll(async () => {
    standIn = await startS3StandIn();
  });
  afterAll(() => new Promise<void>((resolve) => standIn.server.close(() => resolve())));
  beforeEach(() => {
    standIn.objects.clear();
    standIn.requests.length = 0;
  });

  it('puts, gets, checks and deletes objects with signed path-style requests under the prefix', async () => {
    const blobs = createS3BlobStore(config());
    const bytes = new TextEncoder().encode('hello over S3');
    await blobs.put('7Q/01J9ZK3V5T7Q', bytes, 'text/plain');

    expect(standIn.objects.get('switchboard/attachments/7Q/01J9ZK3V5T7Q')).toEqual({ body: Buffer.from(bytes), contentType: 'text/plain' });
    expect(new TextDecoder().decode(await blobs.get('7Q/01J9ZK3V5T7Q'))).toBe('hello over S3');
    expect(await blobs.exists('7Q/01J9ZK3V5T7Q')).toBe(true);
    await blobs.delete('7Q/01J9ZK3V5T7Q');
    expect(await blobs.exists('7Q/01J9ZK3V5T7Q')).toBe(false);

    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /${BUCKET}/switchboard/attachments/7Q/01J9ZK3V5T7Q`,
      `GET /${BUCKET}/switchboard/attachments/7Q/01J9ZK3V5T7Q`,
      `HEAD /${BUCKET}/switchboard/attachments/7Q/01J9ZK3V5T7Q`,
      `DELETE /${BUCKET}/switchboard/attachments/7Q/01J9ZK3V5T7Q`,
      `HEAD /${BUCKET}/switchboard/attachments/7Q/01J9ZK3V5T7Q`,
    ]);
    for (const request of standIn.requests) expect(request.authorization).toMatch(AUTHORIZATION);
  });

  it('round-trips binary bytes exactly', async () => {
    const blobs = createS3BlobStore(config({ prefix: '' }));
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    await blobs.put('bin/blob', bytes, 'application/octet-stream');
    expect(standIn.objects.has('bin/blob')).toBe(true);
    expect(await blobs.get('bin/blob')).toEqual(bytes);
  });

  it('answers a missing object with the attachment-not-found error', async () => {
    const blobs = createS3BlobStore(config());
    await expect(blobs.get('no/such-key')).rejects.toMatchObject({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND, status: 404 });
  });

  it('names the credentials when the store refuses them', async () => {
    const blobs = createS3BlobStore(config({ accessKeyId: 'AKIDREVOKED' }));
    const error = await blobs.put('a/b', new Uint8Array([1]), 'application/octet-stream').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, retryable: false });
    expect((error as Error).message).toMatch(/answered 403 \(InvalidAccessKeyId\).*accessKeyId/);
  });

  it('marks server errors as retryable after its own retries', async () => {
    const blobs = createS3BlobStore(config({ accessKeyId: 'AKIDBROKEN' }), { retries: 1 });
    await expect(blobs.get('a/b')).rejects.toMatchObject({ status: 502, retryable: true });
    expect(standIn.requests).toHaveLength(2);
  });

  it('refuses traversal keys before any request is made', async () => {
    const blobs = createS3BlobStore(config());
    await expect(blobs.put('../other-tenant/x', new Uint8Array([1]), 'text/plain')).rejects.toMatchObject({ code: CoreErrorCodes.VALIDATION });
    expect(standIn.requests).toEqual([]);
  });
});
