import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN, fixture } from './test-helpers/fixtures';
import { startTelegramStandIn, type TelegramStandIn } from './test-helpers/telegram-stand-in';
import { TelegramApiError, createTelegramApi } from './telegram-api';
import { toDeliveryFailure } from './telegram-deliver';

let telegram: TelegramStandIn;
beforeAll(async () => {
  telegram = await startTelegramStandIn([FIXTURE_TOKEN]);
});
afterAll(async () => {
  await telegram?.close();
});

const api = (baseUrl = telegram.url) => createTelegramApi({ bot: { token: FIXTURE_TOKEN }, baseUrl, timeoutMs: 2000 });

async function failureOf(promise: Promise<unknown>): Promise<TelegramApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TelegramApiError);
  return err as TelegramApiError;
}

describe('createTelegramApi', () => {
  it('returns the result of a call', async () => {
    expect(await api().call('setWebhook', { url: 'https://inbox.example.com/hook' })).toBe(true);
  });

  it('reads flood control’s retry_after and marks it retryable', async () => {
    telegram.answerNext('sendMessage', fixture('error-429-too-many-requests.json') as never);
    const err = await failureOf(api().call('sendMessage', { chat_id: 1, text: 'x' }));
    expect(err.failure).toEqual({ errorCode: 429, description: 'Too Many Requests: retry after 17', retryAfter: 17, retryable: true });
  });

  it('marks 403 and 400 permanent and 5xx retryable', async () => {
    telegram.answerNext('sendMessage', fixture('error-403-blocked.json') as never, fixture('error-400-chat-not-found.json') as never, { status: 503, body: { ok: false, error_code: 503, description: 'Service Unavailable' } });
    const retryable = [];
    for (let i = 0; i < 3; i += 1) retryable.push((await failureOf(api().call('sendMessage', { chat_id: 1, text: 'x' }))).failure.retryable);
    expect(retryable).toEqual([false, false, true]);
  });

  it('downloads a file through getFile and refuses one over the limit before downloading it', async () => {
    telegram.addFile('file-a', { path: 'documents/a.pdf', bytes: Buffer.from('%PDF-1.7 a') });
    expect(Buffer.from(await api().downloadFile('file-a', 1000)).toString()).toBe('%PDF-1.7 a');
    const downloadsBefore = telegram.downloads.length;
    const err = await failureOf(api().downloadFile('file-a', 5));
    expect(err.failure).toMatchObject({ errorCode: 400, retryable: false });
    expect(telegram.downloads).toHaveLength(downloadsBefore);
  });

  it('never puts the token into an error, whatever the transport or the server says', async () => {
    const echo = createServer((req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end(`<h1>bad gateway for ${req.url}</h1>`));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoed = await failureOf(api(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`).call('getMe', {}));
    echo.close();
    const refused = await failureOf(api('http://127.0.0.1:9').call('getMe', {}));
    for (const err of [echoed, refused]) {
      expect(err.message).not.toContain(FIXTURE_TOKEN);
      expect(err.failure.retryable).toBe(true);
      expect(toDeliveryFailure('getMe', err.failure).message).not.toContain(FIXTURE_TOKEN);
    }
    expect(echoed.message).toContain('/bot<token>/getMe');
    expect(refused.code).toBe('SWB_ERR_TELEGRAM_API_UNREACHABLE');
  });
});

describe('toDeliveryFailure', () => {
  it('tells the agent what Telegram’s refusal means', () => {
    const blocked = toDeliveryFailure('sendMessage', { errorCode: 403, description: 'Forbidden: bot was blocked by the user', retryAfter: undefined, retryable: false });
    expect(blocked).toMatchObject({ code: 'telegram_403', retryable: false });
    expect(blocked.message).toBe('Telegram sendMessage: 403 Forbidden: bot was blocked by the user — the customer blocked the bot; they can be reached again once they restart it (/start)');
    const revoked = toDeliveryFailure('sendMessage', { errorCode: 401, description: 'Unauthorized', retryAfter: undefined, retryable: false });
    expect(revoked.message).toContain('put the new token from @BotFather into bots[].token');
  });
});
