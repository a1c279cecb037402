import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { httpUrl, isHttpUrl, secretMatching, wholeNumber } from './config-fields';

const problems = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? [] : result.issues.map((issue) => issue.message);
};

describe('isHttpUrl', () => {
  it('accepts absolute http and https URLs, with credentials, query and fragment unless told otherwise', () => {
    expect(['https://graph.facebook.com', 'http://127.0.0.1:9/', 'https://u:p@example.com/x?q=1#top'].every((url) => isHttpUrl(url))).toBe(true);
  });

  it('refuses other schemes, relative paths and what is no URL at all', () => {
    expect(['ftp://example.com', 'mailto:support@example.com', '/hooks', 'example.com', ''].some((url) => isHttpUrl(url))).toBe(false);
  });

  it('refuses exactly the parts it is told to', () => {
    expect(isHttpUrl('https://example.com/x?q=1', { without: ['query'] })).toBe(false);
    expect(isHttpUrl('https://example.com/x#top', { without: ['query'] })).toBe(true);
    expect(isHttpUrl('https://example.com/x#top', { without: ['fragment'] })).toBe(false);
    expect(isHttpUrl('https://user@example.com/', { without: ['credentials'] })).toBe(false);
    expect(isHttpUrl('https://:secret@example.com/', { without: ['credentials'] })).toBe(false);
    // A bare `?` or `#` leaves nothing behind in the parsed URL, so there is nothing to refuse.
    expect(isHttpUrl('https://example.com/?#', { without: ['credentials', 'query', 'fragment'] })).toBe(true);
  });
});

describe('httpUrl', () => {
  it('trims trailing slashes, so paths appended to it get one slash', () => {
    expect(v.parse(httpUrl('apiBaseUrl', 'The API.'), 'https://api.example.com/v1//')).toBe('https://api.example.com/v1');
    expect(v.parse(httpUrl('apiBaseUrl', 'The API.'), 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9');
  });

  it('names the key in every refusal', () => {
    const schema = httpUrl('webhook.publicUrl', 'The public URL.');
    expect(problems(schema, 42)).toEqual(['webhook.publicUrl must be a string']);
    expect(problems(schema, 'ftp://example.com')).toEqual(['webhook.publicUrl must be an absolute http:// or https:// URL']);
  });

  it('says which parts it refuses and quotes the example', () => {
    const schema = httpUrl('webhookBaseUrl', 'Where Twilio posts.', { without: ['fragment', 'credentials'], example: 'https://inbox.example.com/twilio' });
    const refusal = 'webhookBaseUrl must be an absolute http:// or https:// URL without credentials or #fragment, e.g. https://inbox.example.com/twilio';
    expect(problems(schema, 'https://u:p@inbox.example.com/twilio')).toEqual([refusal]);
    expect(problems(schema, 'https://inbox.example.com/twilio#x')).toEqual([refusal]);
    expect(v.parse(schema, 'https://inbox.example.com/twilio?tenant=1')).toBe('https://inbox.example.com/twilio?tenant=1');
    expect(problems(httpUrl('url', 'A URL.', { without: ['query', 'fragment', 'credentials'] }), 'x')).toEqual([
      'url must be an absolute http:// or https:// URL without credentials, query, or #fragment',
    ]);
  });

  it('carries its description for generated config docs', () => {
    expect(v.getDescription(httpUrl('apiBaseUrl', 'The Bot API base URL.'))).toBe('The Bot API base URL.');
  });
});

describe('wholeNumber', () => {
  const port = wholeNumber('smtp.port', 1, 65_535, 'Port of the SMTP server.');

  it('accepts whole numbers from min to max, both included', () => {
    expect([1, 587, 65_535].map((value) => v.parse(port, value))).toEqual([1, 587, 65_535]);
  });

  it('refuses everything else, naming the key and the bound', () => {
    expect(problems(port, '587')).toEqual(['smtp.port must be a number']);
    expect(problems(port, 2.5)).toEqual(['smtp.port must be a whole number']);
    expect(problems(port, 0)).toEqual(['smtp.port must be at least 1']);
    expect(problems(port, 65_536)).toEqual(['smtp.port must be at most 65535']);
  });

  it('names the unit in the type refusals when given one', () => {
    const timeout = wholeNumber('outbound.timeoutMs', 100, 25_000, 'How long one attempt may take.', { unit: 'milliseconds' });
    expect(problems(timeout, '10s')).toEqual(['outbound.timeoutMs must be a number of milliseconds']);
    expect(problems(timeout, 100.5)).toEqual(['outbound.timeoutMs must be a whole number of milliseconds']);
    expect(problems(timeout, 30_000)).toEqual(['outbound.timeoutMs must be at most 25000']);
  });

  it('carries its description for generated config docs', () => {
    expect(v.getDescription(port)).toBe('Port of the SMTP server.');
  });
});

describe('secretMatching', () => {
  const token = v.pipe(v.string('token must be a string'), secretMatching(/^\d+:[\w-]{20,}$/, 'token must look like "<bot id>:<secret>"', 'a bot token from @BotFather'));

  it('lets a matching value through unchanged', () => {
    expect(v.parse(token, '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw')).toBe('110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  });

  it('refuses with its message and never repeats the refused value', () => {
    const secret = 'sk_live_do-not-print-me';
    const result = v.safeParse(token, secret);
    expect(result.success).toBe(false);
    const issues = result.issues ?? [];
    expect(issues.map((issue) => [issue.message, issue.expected, issue.received])).toEqual([['token must look like "<bot id>:<secret>"', 'a bot token from @BotFather', '(hidden)']]);
    expect(issues.map((issue) => issue.message + issue.expected + issue.received).join()).not.toContain(secret);
  });

  it('adds nothing when the value did not even pass the type check before it', () => {
    expect(problems(token, 42)).toEqual(['token must be a string']);
  });
});
