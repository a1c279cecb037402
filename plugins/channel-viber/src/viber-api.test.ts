import type { Logger } from '@switchboard/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN, rawFixture } from './test-helpers/fixtures';
import { startViberStandIn, type ViberStandIn } from './test-helpers/viber-stand-in';
import { ViberApiError, createViberApi } from './viber-api';
import type { ViberBot } from './viber-config';
import { toViberDeliveryFailure } from './viber-deliver';
import { registerViberWebhooks } from './viber-webhook-registration';

let viber: ViberStandIn;
beforeAll(async () => {
  viber = await startViberStandIn([FIXTURE_TOKEN]);
});
afterAll(async () => {
  await viber?.close();
});

const api = (token = FIXTURE_TOKEN, baseUrl = viber.apiBaseUrl) => createViberApi({ bot: { token }, baseUrl, timeoutMs: 2000 });

async function failureOf(promise: Promise<unknown>): Promise<ViberApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ViberApiError);
  return err as ViberApiError;
}

describe('createViberApi', () => {
  it('reads the 64-bit token of a successful send without losing digits', async () => {
    viber.answerNext('send_message', { body: rawFixture('send-response-ok.raw') });
    expect(await api().call('send_message', { receiver: 'u', type: 'text', text: 'x' })).toMatchObject({ status: 0, message_token: '5741311803571721187', billing_status: 1 });
  });

  it('reads errors from the status of an HTTP 200 answer: 6 is final, 12 can be retried', async () => {
    viber.answerNext('send_message', { body: rawFixture('send-response-not-subscribed.raw') }, { body: rawFixture('send-response-too-many-requests.raw') });
    const notSubscribed = await failureOf(api().call('send_message', {}));
    expect(notSubscribed.failure).toEqual({ status: 6, statusMessage: 'notSubscribed', httpStatus: 200, retryable: false });
    const tooMany = await failureOf(api().call('send_message', {}));
    expect(tooMany.failure).toEqual({ status: 12, statusMessage: 'tooManyRequests', httpStatus: 200, retryable: true });
    expect(toViberDeliveryFailure(tooMany.failure)).toMatchObject({ code: 'viber_12', retryable: true });
  });

  it('treats HTTP 5xx and an unreachable API as retryable, never naming the token', async () => {
    viber.answerNext('send_message', { httpStatus: 502, body: 'Bad Gateway' });
    const gateway = await failureOf(api().call('send_message', {}));
    expect(gateway.failure).toMatchObject({ status: null, httpStatus: 502, retryable: true });
    const refused = await failureOf(api(FIXTURE_TOKEN, 'http://127.0.0.1:9/pa').call('send_message', {}));
    expect(refused).toMatchObject({ code: 'SWB_ERR_VIBER_API_UNREACHABLE', failure: { httpStatus: 0, retryable: true } });
    for (const err of [gateway, refused]) expect(err.message).not.toContain(FIXTURE_TOKEN);
  });

  it('downloads media, refusing a file over the limit and calling an expired link final', async () => {
    viber.addMedia('a.pdf', Buffer.from('%PDF-1.7 a'));
    expect(Buffer.from(await api().downloadMedia(viber.mediaUrl('a.pdf'), 100)).toString()).toBe('%PDF-1.7 a');
    expect((await failureOf(api().downloadMedia(viber.mediaUrl('a.pdf'), 5))).failure).toMatchObject({ httpStatus: 413, retryable: false });
    expect((await failureOf(api().downloadMedia(viber.mediaUrl('gone.pdf'), 100))).failure).toMatchObject({ httpStatus: 404, retryable: false });
  });
});

describe('registerViberWebhooks', () => {
  const lines: Array<{ level: string; message: string | undefined }> = [];
  const logger: Logger = (() => {
    const at = (level: string) => (fields: unknown, message?: string) => lines.push({ level, message: typeof fields === 'string' ? fields : message });
    const self: Logger = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal'), child: () => self };
    return self;
  })();
  const bot = (token: string): ViberBot => ({ id: 'support', token, sender: { name: 'Example Support' } });
  const register = (token: string) =>
    registerViberWebhooks({
      bots: [bot(token)],
      apiOf: (b) => createViberApi({ bot: b, baseUrl: viber.apiBaseUrl, timeoutMs: 2000 }),
      webhookUrl: () => 'https://inbox.example.com/plugins/channel-viber/webhook/support',
      webhook: { register: true, sendName: true, sendPhoto: true },
      logger,
      signal: new AbortController().signal,
      retryDelaysMs: [10],
    });

  it('retries a URL Viber could not check yet, and gives up at once on a wrong token', async () => {
    viber.answerNext('set_webhook', { body: '{"status":1,"status_message":"invalidUrl"}' }, { body: '{"status":0,"status_message":"ok","event_types":["delivered"]}' });
    lines.length = 0;
    await register(FIXTURE_TOKEN);
    expect(lines.map((l) => l.message)).toEqual(['could not register the webhook yet; will retry', 'webhook registered with Viber']);

    lines.length = 0;
    const before = viber.callsOf('set_webhook').length;
    await register('wrong-token-0000000000000000');
    expect(viber.callsOf('set_webhook').length - before).toBe(1);
    expect(lines).toEqual([{ level: 'error', message: expect.stringContaining('Viber refused the webhook for good') }]);
  });
});
