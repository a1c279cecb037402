import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreErrorCodes } from '../errors';
import { createLocalBlobStore } from './attachments-local-store';

const bytes = (value: string) => new TextEncoder().encode(value);

describe('createLocalBlobStore', () => {
  let parent: string;
  let dir: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'swb-blobs-'));
    dir = join(parent, 'attachments');
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('stores, reads, replaces and deletes bytes', async () => {
    const blobs = createLocalBlobStore(dir);
    await blobs.put('7Q/01J9ZK3V5T7Q', bytes('first'), 'text/plain');
    expect(new TextDecoder().decode(await blobs.get('7Q/01J9ZK3V5T7Q'))).toBe('first');
    expect(await blobs.exists('7Q/01J9ZK3V5T7Q')).toBe(true);

    await blobs.put('7Q/01J9ZK3V5T7Q', bytes('second'), 'text/plain');
    expect(new TextDecoder().decode(await blobs.get('7Q/01J9ZK3V5T7Q'))).toBe('second');

    await blobs.delete('7Q/01J9ZK3V5T7Q');
    await blobs.delete('7Q/01J9ZK3V5T7Q');
    expect(await blobs.exists('7Q/01J9ZK3V5T7Q')).toBe(false);
  });

  it('leaves no temp file behind once a write is done', async () => {
    const blobs = createLocalBlobStore(dir);
    await Promise.all(['a', 'b', 'c'].map((value) => blobs.put('xy/same-key', bytes(value.repeat(100_000)), 'text/plain')));
    expect(await readdir(join(dir, 'xy'))).toEqual(['same-key']);
    expect(['a', 'b', 'c'].map((value) => value.repeat(100_000))).toContain(new TextDecoder().decode(await blobs.get('xy/same-key')));
  });

  it('answers a missing key with the attachment-not-found error', async () => {
    const blobs = createLocalBlobStore(dir);
    await expect(blobs.get('no/such-key')).rejects.toMatchObject({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND, status: 404 });
  });

  it('refuses keys that could leave its directory, and writes nothing', async () => {
    const blobs = createLocalBlobStore(dir);
    const evil = ['../escaped', 'a/../../escaped', '/etc/passwd', '..\\escaped', 'a//b', './a', 'a/./b', '.hidden', '', 'a/b\u0000c', 'x'.repeat(513)];
    for (const key of evil) {
      await expect(blobs.put(key, bytes('pwned'), 'text/plain'), key).rejects.toMatchObject({ code: CoreErrorCodes.VALIDATION });
      await expect(blobs.get(key), key).rejects.toMatchObject({ code: CoreErrorCodes.VALIDATION });
      await expect(blobs.delete(key), key).rejects.toMatchObject({ code: CoreErrorCodes.VALIDATION });
    }
    expect(await readdir(parent)).toEqual([]);
  });
});
