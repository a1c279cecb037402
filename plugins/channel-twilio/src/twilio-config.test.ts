import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { listTwilioAccounts, toChannelAccounts } from './twilio-accounts';
import { TwilioConfigSchema } from './twilio-config';

const accountSid = 'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const problems = (input: unknown) => {
  const result = v.safeParse(TwilioConfigSchema, input);
  return result.success ? [] : result.issues.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`);
};

describe('channel-twilio options', () => {
  it('fills in defaults: the real API, SMS on, WhatsApp off, media limits', () => {
    const config = v.parse(TwilioConfigSchema, { accountSid, numbers: [{ number: '+12025550100' }] });
    expect(config).toEqual({
      accountSid,
      apiBaseUrl: 'https://api.twilio.com',
      sendTimeoutMs: 10_000,
      media: { maxBytes: 16 * 1024 * 1024, timeoutMs: 30_000 },
      numbers: [{ number: '+12025550100', sms: true, whatsapp: false }],
    });
  });

  it('drops a trailing slash from URLs, which would break every signature', () => {
    const config = v.parse(TwilioConfigSchema, { accountSid, numbers: [{ number: '+12025550100' }], webhookBaseUrl: 'https://inbox.example.com/twilio/', apiBaseUrl: 'http://127.0.0.1:9/' });
    expect(config.webhookBaseUrl).toBe('https://inbox.example.com/twilio');
    expect(config.apiBaseUrl).toBe('http://127.0.0.1:9');
  });

  it('names each mistake with its key path', () => {
    expect(problems({ numbers: [] })).toEqual([expect.stringContaining('accountSid is required'), 'numbers: numbers must list at least one Twilio number']);
    expect(problems({ accountSid: 'AC123', numbers: [{ number: '2025550100' }, { number: '+12025550101', sms: false }] })).toEqual([
      'accountSid: accountSid must be the Twilio Account SID: AC followed by 32 hex digits (Twilio console → Account info)',
      'numbers.0.number: numbers[].number must be the Twilio number in E.164 form, e.g. +12025550100',
      'numbers.1: a number needs sms: true or whatsapp: true, otherwise it serves nothing',
    ]);
    expect(problems({ accountSid, numbers: [{ number: '+12025550100' }, { number: '+12025550100', whatsapp: true }] })).toEqual([
      'numbers: numbers lists the same number twice; give each number once with sms/whatsapp flags',
    ]);
    expect(problems({ accountSid, numbers: [{ number: '+12025550100' }], webhookBaseUrl: 'https://user:pw@inbox.example.com/x#rc=3' })).toEqual([
      expect.stringMatching(/^webhookBaseUrl: .*without credentials or #fragment/),
    ]);
    expect(problems({ accountSid, numbers: [{ number: '+12025550100', messagingServiceSid: 'MG1' }] })).toEqual([expect.stringMatching(/^numbers.0.messagingServiceSid: /)]);
  });
});

describe('accounts of the configured numbers', () => {
  it('gives each number an SMS and/or a WhatsApp account; the Messaging Service carries SMS only', () => {
    const config = v.parse(TwilioConfigSchema, {
      accountSid,
      numbers: [
        { number: '+12025550100', label: 'Support', whatsapp: true, messagingServiceSid: 'MG0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
        { number: '+12025550101', sms: false, whatsapp: true },
      ],
    });
    const accounts = listTwilioAccounts(config);
    expect(accounts).toEqual([
      { id: 'sms:+12025550100', kind: 'sms', number: '+12025550100', label: 'Support (SMS)', messagingServiceSid: 'MG0a1b2c3d4e5f60718293a4b5c6d7e8f9', optOutScope: 'MG0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
      { id: 'whatsapp:+12025550100', kind: 'whatsapp', number: '+12025550100', label: 'Support (WhatsApp)', messagingServiceSid: undefined, optOutScope: '+12025550100' },
      { id: 'whatsapp:+12025550101', kind: 'whatsapp', number: '+12025550101', label: '+12025550101 (WhatsApp)', messagingServiceSid: undefined, optOutScope: '+12025550101' },
    ]);
    expect(toChannelAccounts(accounts).map(({ id, identityType, replyWindowHours }) => ({ id, identityType, replyWindowHours }))).toEqual([
      { id: 'sms:+12025550100', identityType: 'phone', replyWindowHours: null },
      { id: 'whatsapp:+12025550100', identityType: 'whatsapp', replyWindowHours: 24 },
      { id: 'whatsapp:+12025550101', identityType: 'whatsapp', replyWindowHours: 24 },
    ]);
  });
});
