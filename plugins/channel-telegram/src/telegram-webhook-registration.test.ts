import type { Logger } from '@switchboard/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN } from './test-helpers/fixtures';
import { startTelegramStandIn, type TelegramStandIn } from './test-helpers/telegram-stand-in';
import { createTelegramApi } from './telegram-api';
import type { TelegramBot } from './telegram-config';
import { registerTelegramWebhooks } from './telegram-webhook-registration';

type Line = { level: string; fields: Record<string, unknown>; message: string | undefined };

function recordingLogger(lines: Line[] = []): Logger {
  const at = (level: string) => (fields: Record<string, unknown> | string, message?: string) =>
    lines.push(typeof fields === 'string' ? { level, fields: {}, message: fields } : { level, fields, message });
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: () => recordingLogger(lines) };
}

let telegram: TelegramStandIn;
beforeAll(async () => {
  telegram = await startTelegramStandIn([FIXTURE_TOKEN]);
});
afterAll(async () => {
  await telegram?.close();
});

const bot = (token: string): TelegramBot => ({ id: token.split(':')[0] as string, token, webhookSecret: 'secret-1', label: 'bot' });

function register(bots: TelegramBot[], lines: Line[], signal = new AbortController().signal) {
  return registerTelegramWebhooks({
    bots,
    apiOf: (b) => createTelegramApi({ bot: b, baseUrl: telegram.url, timeoutMs: 2000 }),
    webhookUrl: (b) => `https://inbox.example.com/plugins/channel-telegram/webhook/${b.id}`,
    webhook: { register: true, maxConnections: 40, dropPendingUpdates: false },
    logger: recordingLogger(lines),
    signal,
    retryDelaysMs: [10],
  });
}

describe('registerTelegramWebhooks', () => {
  it('retries while Telegram fails transiently, until it is registered', async () => {
    telegram.answerNext('setWebhook', { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } }, { status: 500, body: 'oops' });
    const before = telegram.callsOf('setWebhook').length;
    const lines: Line[] = [];
    await register([bot(FIXTURE_TOKEN)], lines);
    expect(telegram.callsOf('setWebhook').length - before).toBe(3);
    expect(lines.map((l) => l.message)).toEqual(['could not register the webhook yet; will retry', 'could not register the webhook yet; will retry', 'webhook registered with Telegram']);
  });

  it('gives up at once on a refusal, saying what to fix and never the token', async () => {
    const revoked = '999000111:RevokedTokenExample_abcdefghijklmnop';
    const lines: Line[] = [];
    const before = telegram.callsOf('setWebhook').length;
    await register([bot(revoked)], lines);
    expect(telegram.callsOf('setWebhook').length - before).toBe(1);
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: expect.stringContaining('fix the bot token or the public URL') });
    expect(JSON.stringify(lines, (_key, value: unknown) => (value instanceof Error ? value.message : value))).not.toContain(revoked);
  });

  it('stops retrying when the plugin stops', async () => {
    telegram.answerNext('setWebhook', ...Array.from({ length: 3 }, () => ({ status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } })));
    const controller = new AbortController();
    const lines: Line[] = [];
    const done = register([bot(FIXTURE_TOKEN)], lines, controller.signal);
    controller.abort();
    await done;
    expect(lines.some((l) => l.message === 'webhook registered with Telegram')).toBe(false);
  });
});
