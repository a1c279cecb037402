import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { WhatsAppCloudConfigSchema } from './whatsapp-cloud-config';

const messages = (input: unknown) => {
  const result = v.safeParse(WhatsAppCloudConfigSchema, input);
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`);
};

describe('WhatsAppCloudConfigSchema', () => {
  it('fills in the Graph API defaults', () => {
    expect(v.parse(WhatsAppCloudConfigSchema, { accounts: [{ phoneNumberId: '106540352242922' }] })).toEqual({
      accounts: [{ phoneNumberId: '106540352242922' }],
      graphApiVersion: 'v25.0',
      graphApiBaseUrl: 'https://graph.facebook.com',
      requestTimeoutMs: 10_000,
      maxMediaBytes: 25 * 1024 * 1024,
      outboundMedia: 'link',
      listButtonLabel: 'Options',
    });
  });

  it('trims a trailing slash off the base URL', () => {
    expect(v.parse(WhatsAppCloudConfigSchema, { accounts: [{ phoneNumberId: '106540352242922' }], graphApiBaseUrl: 'http://127.0.0.1:9000/' }).graphApiBaseUrl).toBe('http://127.0.0.1:9000');
  });

  it('names every mistake with its path', () => {
    expect(messages({})).toEqual(['accounts: accounts is required: list your WhatsApp business numbers as { phoneNumberId }']);
    expect(messages({ accounts: [] })).toEqual(['accounts: accounts needs at least one WhatsApp business number ({ phoneNumberId })']);
    expect(messages({ accounts: [{ phoneNumberId: '+1 202 555 0100' }], graphApiVersion: '25', graphApiBaseUrl: 'graph.facebook.com', outboundMedia: 'ftp' })).toEqual([
      'accounts.0.phoneNumberId: accounts[].phoneNumberId must be the numeric Phone number ID from WhatsApp Manager (API Setup), e.g. "106540352242922"',
      'graphApiVersion: graphApiVersion must look like "v25.0"',
      'graphApiBaseUrl: graphApiBaseUrl must be an absolute http(s) URL without query, e.g. https://graph.facebook.com',
      'outboundMedia: outboundMedia must be "link" or "upload"',
    ]);
    expect(messages({ accounts: [{ phoneNumberId: '106540352242922' }, { phoneNumberId: '106540352242922' }] })).toEqual(['accounts: accounts lists the same phoneNumberId twice']);
  });
});
