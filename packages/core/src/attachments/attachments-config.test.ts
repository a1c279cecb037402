import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AttachmentsConfigSchema, isAttachmentTypeAllowed, mediaTypeEssence, resolveAttachmentsDir } from './attachments-config';

describe('AttachmentsConfigSchema', () => {
  it('fills in local disk, 25 MiB, the common types and 15-minute URLs', () => {
    const config = v.parse(AttachmentsConfigSchema, {});
    expect(config.driver).toBe('local');
    expect(config.maxBytes).toBe(25 * 1024 * 1024);
    expect(config.urlTtlSeconds).toBe(900);
    expect(config.allowedTypes).toEqual(expect.arrayContaining(['image/jpeg', 'application/pdf', 'audio/ogg', 'text/csv', 'application/zip']));
    expect(config.allowedTypes).not.toContain('text/html');
    expect(resolveAttachmentsDir(config, '/srv/data')).toBe('/srv/data/attachments');
  });

  it('keeps the configured local directory', () => {
    const config = v.parse(AttachmentsConfigSchema, { local: { dir: '/mnt/files' } });
    expect(resolveAttachmentsDir(config, '/srv/data')).toBe('/mnt/files');
  });

  it('does not share the default allow-list between configs', () => {
    const first = v.parse(AttachmentsConfigSchema, {});
    first.allowedTypes.push('application/x-elf');
    expect(v.parse(AttachmentsConfigSchema, {}).allowedTypes).not.toContain('application/x-elf');
  });

  it('reports a missing s3 section at the key the admin must add', () => {
    const result = v.safeParse(AttachmentsConfigSchema, { driver: 's3' });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => [v.getDotPath(issue), issue.message])).toEqual([
      ['s3', expect.stringContaining('driver "s3" needs an `s3` section')],
    ]);
  });

  it('reports every bad key at once', () => {
    const result = v.safeParse(AttachmentsConfigSchema, {
      driver: 's3',
      s3: { endpoint: 'not a url', region: 'eu-west-1', bucket: '', accessKeyId: 'k', secretAccessKey: 's', prefix: '../up' },
      maxBytes: 0,
      allowedTypes: ['image/png', 'png'],
    });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue)).sort()).toEqual(['allowedTypes.1', 'maxBytes', 's3.bucket', 's3.endpoint', 's3.prefix']);
  });

  it('accepts a complete s3 section with path-style addressing off by default', () => {
    const config = v.parse(AttachmentsConfigSchema, {
      driver: 's3',
      s3: { endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: 'acme', accessKeyId: 'k', secretAccessKey: 's' },
    });
    expect(config.s3).toEqual(expect.objectContaining({ forcePathStyle: false, prefix: '' }));
  });
});

describe('isAttachmentTypeAllowed', () => {
  it('matches exact types, wildcard ranges and ignores parameters and case', () => {
    expect(isAttachmentTypeAllowed('audio/ogg; codecs=opus', ['audio/ogg'])).toBe(true);
    expect(isAttachmentTypeAllowed('IMAGE/PNG', ['image/*'])).toBe(true);
    expect(isAttachmentTypeAllowed('application/x-elf', ['application/pdf', 'image/*'])).toBe(false);
    expect(mediaTypeEssence(' Text/CSV ; charset=utf-8')).toBe('text/csv');
  });
});
