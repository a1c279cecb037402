import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ChannelApiConfigSchema } from './channel-api-config';

function problems(input: unknown): Array<[string | null, string]> {
  const result = v.safeParse(ChannelApiConfigSchema, input);
  return result.success ? [] : result.issues.map((issue) => [v.getDotPath(issue), issue.message]);
}

describe('ChannelApiConfigSchema', () => {
  it('needs only outbound.url and fills in every default', () => {
    expect(v.parse(ChannelApiConfigSchema, { outbound: { url: 'https://crm.example.com/hooks/switchboard' } })).toEqual({
      outbound: { url: 'https://crm.example.com/hooks/switchboard', timeoutMs: 10_000 },
      inbound: { maxTextLength: 65_536, maxAttachments: 10, maxAttachmentBytes: 10 * 1024 * 1024 },
    });
  });

  it('says what to set when outbound or its url is missing', () => {
    expect(problems({})).toEqual([['outbound', 'outbound is required: set outbound.url to the URL that receives outbound messages']]);
    expect(problems({ outbound: {} })).toEqual([['outbound.url', 'outbound.url is required: the URL that receives outbound messages']]);
  });

  it('refuses a URL that is not absolute http(s)', () => {
    for (const url of ['crm.example.com/hooks', 'ftp://crm.example.com/hooks', '/relative']) {
      expect(problems({ outbound: { url } })).toEqual([
        ['outbound.url', 'outbound.url must be an absolute http:// or https:// URL, e.g. https://crm.example.com/hooks/switchboard'],
      ]);
    }
  });

  it('reports every problem at once, each with its key path', () => {
    expect(
      problems({
        outbound: { url: 'https://crm.example.com/', timeoutMs: 50 },
        inbound: { maxTextLength: 100_000, maxAttachments: 2.5, maxAttachmentBytes: '10MB' },
      }),
    ).toEqual([
      ['outbound.timeoutMs', 'outbound.timeoutMs must be at least 100'],
      ['inbound.maxTextLength', 'inbound.maxTextLength must be at most 65536'],
      ['inbound.maxAttachments', 'inbound.maxAttachments must be a whole number'],
      ['inbound.maxAttachmentBytes', 'inbound.maxAttachmentBytes must be a number of bytes'],
    ]);
  });
});
