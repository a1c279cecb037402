import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN } from './test-helpers/fixtures';
import { TelegramConfigSchema, resolveBots } from './telegram-config';

const messages = (options: unknown) => {
  const result = v.safeParse(TelegramConfigSchema, options);
  return result.success ? [] : result.issues.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`);
};

describe('TelegramConfigSchema', () => {
  it('fills in every default from a single bot token', () => {
    expect(v.parse(TelegramConfigSchema, { bots: [{ token: FIXTURE_TOKEN }] })).toEqual({
      bots: [{ token: FIXTURE_TOKEN }],
      apiBaseUrl: 'https://api.telegram.org',
      webhook: { register: true, maxConnections: 40, dropPendingUpdates: false },
      quickReplies: 'inline',
      outboundMedia: 'upload',
      timeoutMs: 10_000,
      maxFloodWaitSeconds: 5,
      retentionDays: 7,
    });
  });

  it('names what is wrong, without echoing the token', () => {
    expect(messages({})).toEqual(['bots: bots is required: list your bots as [{ token: ${TELEGRAM_BOT_TOKEN} }]']);
    const wrong = messages({ bots: [{ token: 'not-a-token-s3cr3t', webhookSecret: 'has spaces' }], apiBaseUrl: 'ftp://x', quickReplies: 'menu' });
    expect(wrong).toEqual([
      'bots.0.token: bots[].token must look like "<bot id>:<secret>" as @BotFather gives it',
      'bots.0.webhookSecret: bots[].webhookSecret must be 1–256 characters of A-Z a-z 0-9 _ -',
      'apiBaseUrl: apiBaseUrl must be an absolute http:// or https:// URL',
      'quickReplies: quickReplies must be "inline" or "reply"',
    ]);
    expect(wrong.join('\n')).not.toContain('s3cr3t');
    // The core prints `received` in config problems: a token never appears there either.
    const issues = v.safeParse(TelegramConfigSchema, { bots: [{ token: 'not-a-token-s3cr3t' }] }).issues ?? [];
    expect(issues.map((issue) => [issue.expected, issue.received])).toEqual([['a bot token from @BotFather', '(hidden)']]);
    expect(messages({ bots: [] })).toEqual(['bots: bots must list at least one bot']);
    expect(messages({ bots: [{ token: FIXTURE_TOKEN }, { token: FIXTURE_TOKEN }] })).toEqual(['bots: bots must not list the same bot twice']);
  });

  it('keeps a flood wait inside one attempt short enough for the core’s 30 s delivery timeout', () => {
    expect(messages({ bots: [{ token: FIXTURE_TOKEN }], maxFloodWaitSeconds: 20, timeoutMs: 30_000 })).toEqual([
      'timeoutMs: timeoutMs must be at most 12000',
      'maxFloodWaitSeconds: maxFloodWaitSeconds must be at most 5',
    ]);
  });
});

describe('resolveBots', () => {
  it('takes the bot id from the token and derives a stable webhook secret Telegram accepts', () => {
    const config = v.parse(TelegramConfigSchema, { bots: [{ token: FIXTURE_TOKEN }, { token: '220301654:BBExampleSecondBotToken_0123456789', webhookSecret: 'mine', label: 'Sales' }] });
    const [first, second] = resolveBots(config);
    expect(first).toMatchObject({ id: '110201543', label: 'Telegram bot 110201543' });
    expect(first?.webhookSecret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(first?.webhookSecret).not.toContain(FIXTURE_TOKEN.split(':')[1]);
    expect(resolveBots(config)[0]?.webhookSecret).toBe(first?.webhookSecret);
    expect(second).toMatchObject({ id: '220301654', webhookSecret: 'mine', label: 'Sales' });
  });
});
