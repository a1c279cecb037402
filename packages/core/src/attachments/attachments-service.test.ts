import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginAttachments } from '@switchboard/plugin-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreErrorCodes } from '../errors';
import { createLocalBlobStore } from './attachments-local-store';
import { createAttachmentService, type AttachmentServiceOptions } from './attachments-service';
import { createAttachmentsTestEnv, elfHeader, pdfHeader, testSigningKey, tinyPng, type AttachmentsTestEnv } from './attachments-test-fixtures';

const PUBLIC_URL = 'https://support.example.com/';

describe('createAttachmentService', () => {
  let env: AttachmentsTestEnv;
  afterEach(() => env.cleanup());

  async function setUp(config: Parameters<typeof createAttachmentsTestEnv>[0] = {}, overrides: Partial<AttachmentServiceOptions> = {}) {
    env = await createAttachmentsTestEnv(config);
    const blobDir = join(env.dir, 'attachments');
    const service = createAttachmentService({ db: env.db, blobs: createLocalBlobStore(blobDir), config: env.config, signingKey: testSigningKey, publicUrl: PUBLIC_URL, ...overrides });
    return { service, blobDir };
  }

  it('stores an upload under a new id with its sniffed type, sanitised name and uploader', async () => {
    const { service } = await setUp();
    const ref = await service.put({ data: tinyPng, filename: '../../photo\u0000.png', declaredType: 'application/pdf' }, { kind: 'agent', id: 'AG1' });

    expect(ref).toEqual({ id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/), name: 'photo.png', contentType: 'image/png', size: tinyPng.byteLength });
    expect(await service.getRef(ref.id)).toEqual(ref);
    const { ref: again, data } = await service.get(ref.id);
    expect(again).toEqual(ref);
    expect(data).toEqual(tinyPng);

    const row = (await env.db.execute({ sql: 'SELECT * FROM attachments WHERE id = ?', args: [ref.id] })).rows[0];
    expect(row).toMatchObject({
      uploader_kind: 'agent',
      uploader_id: 'AG1',
      storage_key: `${ref.id.slice(-2)}/${ref.id}`,
      sha256: createHash('sha256').update(tinyPng).digest('hex'),
      name: 'photo.png',
      content_type: 'image/png',
      size: tinyPng.byteLength,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('satisfies the plugin SDK contract', async () => {
    const { service } = await setUp();
    const forPlugins: PluginAttachments = service;
    const ref = await forPlugins.put({ data: pdfHeader, filename: 'invoice.pdf' });
    expect(ref.contentType).toBe('application/pdf');
  });

  it('refuses a file over the limit, naming the limit and the size received', async () => {
    const { service, blobDir } = await setUp({ maxBytes: 1024 });
    const error = await service.put({ data: new Uint8Array(2048), filename: 'big.bin' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: CoreErrorCodes.ATTACHMENT_TOO_LARGE, status: 413 });
    expect((error as Error).message).toBe('attachment "big.bin" is 2 KiB (2048 bytes), over the limit of 1 KiB (1024 bytes) (attachments.maxBytes)');
    await expect(readdir(blobDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a type outside the allow-list whatever the client declared, storing nothing', async () => {
    const { service, blobDir } = await setUp();
    const error = await service.put({ data: elfHeader, filename: 'invoice.pdf', declaredType: 'application/pdf' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: CoreErrorCodes.ATTACHMENT_TYPE_REFUSED, status: 415 });
    expect((error as Error).message).toMatch(/^attachment "invoice.pdf" is application\/x-elf judging by its content \(declared application\/pdf\), which is not among the allowed types/);
    await expect(readdir(blobDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await env.db.execute('SELECT count(*) AS n FROM attachments')).rows[0]?.['n']).toBe(0);
  });

  it('answers an unknown id with not-found', async () => {
    const { service } = await setUp();
    await expect(service.getRef('01J9ZK3V5T7Q8R2W4X6Y8Z0A1B')).rejects.toMatchObject({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND, status: 404 });
    await expect(service.get('01J9ZK3V5T7Q8R2W4X6Y8Z0A1B')).rejects.toMatchObject({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND });
    await expect(service.signedUrl('01J9ZK3V5T7Q8R2W4X6Y8Z0A1B')).rejects.toMatchObject({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND });
  });

  it('signs download URLs that verify until they expire and not once tampered with', async () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const { service } = await setUp({ urlTtlSeconds: 600 }, { now: () => now });
    const ref = await service.put({ data: tinyPng, filename: 'a.png' });

    const url = new URL(await service.signedUrl(ref.id));
    expect(`${url.origin}${url.pathname}`).toBe(`https://support.example.com/api/v1/attachments/${ref.id}/content`);
    const expires = url.searchParams.get('expires');
    const sig = url.searchParams.get('sig');
    expect(expires).toBe(String(now / 1000 + 600));
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(service.verifySignedUrl(ref.id, expires, sig)).toBe(true);
    expect(service.verifySignedUrl(ref.id, String(Number(expires) + 60), sig)).toBe(false);
    expect(service.verifySignedUrl(ref.id, expires, `${sig?.slice(0, 10)}x${sig?.slice(11)}`)).toBe(false);
    const other = await service.put({ data: tinyPng, filename: 'b.png' });
    expect(service.verifySignedUrl(other.id, expires, sig)).toBe(false);

    now += 601_000;
    expect(service.verifySignedUrl(ref.id, expires, sig)).toBe(false);

    const longer = new URL(await service.signedUrl(ref.id, 3600));
    expect(longer.searchParams.get('expires')).toBe(String(now / 1000 + 3600));
    await expect(service.signedUrl(ref.id, 0)).rejects.toMatchObject({ code: CoreErrorCodes.VALIDATION });
  });

  it('records no row when the blob cannot be written', async () => {
    env = await createAttachmentsTestEnv();
    const notADirectory = join(env.dir, 'file-in-the-way');
    await writeFile(notADirectory, 'x');
    const service = createAttachmentService({ db: env.db, blobs: createLocalBlobStore(notADirectory), config: env.config, signingKey: testSigningKey, publicUrl: PUBLIC_URL });
    await expect(service.put({ data: tinyPng, filename: 'a.png' })).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect((await env.db.execute('SELECT count(*) AS n FROM attachments')).rows[0]?.['n']).toBe(0);
  });

  it('removes the blob again when its row cannot be written', async () => {
    env = await createAttachmentsTestEnv({}, { migrate: false });
    const blobDir = join(env.dir, 'attachments');
    const service = createAttachmentService({ db: env.db, blobs: createLocalBlobStore(blobDir), config: env.config, signingKey: testSigningKey, publicUrl: PUBLIC_URL });
    const error = await service.put({ data: tinyPng, filename: 'a.png' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: CoreErrorCodes.INTERNAL, message: expect.stringContaining('its blob was removed') });
    expect((error as Error).cause).toBeInstanceOf(Error);
    const shards = await readdir(blobDir);
    for (const shard of shards) expect(await readdir(join(blobDir, shard))).toEqual([]);
  });

  it('refuses a signing key too short to be safe', async () => {
    env = await createAttachmentsTestEnv();
    expect(() =>
      createAttachmentService({ db: env.db, blobs: createLocalBlobStore(env.dir), config: env.config, signingKey: 'short', publicUrl: PUBLIC_URL }),
    ).toThrow(expect.objectContaining({ code: CoreErrorCodes.CONFIG_INVALID, message: expect.stringContaining('at least 32') }));
  });
});
