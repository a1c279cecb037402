import type { CloudEvent } from '@switchboard/events';
import { describe, expect, it } from 'vitest';
import type { Logger } from './logger';
import { createWebhookIntake, type WebhookIntakeOptions } from './webhook-intake';

const silent: Logger = { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, fatal: () => {}, child: () => silent };

function intake(overrides: Partial<WebhookIntakeOptions> = {}) {
  const published: Array<{ type: string; data: unknown }> = [];
  const app = createWebhookIntake({
    path: '/webhook',
    bus: { publish: async (type, data) => (published.push({ type, data }), { id: `e${published.length}` } as CloudEvent) },
    logger: silent,
    eventType: 'channel-acme.webhook.received.v1',
    maxBytes: 64,
    verify: (raw, c) => {
      const signature = c.req.header('x-sig');
      if (!signature) return { status: 401, code: 'SWB_ERR_ACME_SIGNATURE_MISSING', detail: 'x-sig is missing' };
      return signature === `len-${raw.byteLength}` ? null : { status: 403, code: 'SWB_ERR_ACME_SIGNATURE_INVALID', detail: 'x-sig does not match' };
    },
    codes: { bodyTooLarge: 'SWB_ERR_ACME_BODY_TOO_LARGE', unavailable: 'SWB_ERR_ACME_UNAVAILABLE' },
    acceptedText: 'OK',
    ...overrides,
  });
  const post = (body: string, headers: Record<string, string> = {}) => app.request('/webhook', { method: 'POST', body, headers });
  return { published, post };
}

describe('webhook intake', () => {
  it('publishes the verified body byte for byte and answers 200 at once', async () => {
    const { published, post } = intake();
    const body = '{"text":"caf\\u00e9"}';
    const res = await post(body, { 'x-sig': `len-${Buffer.byteLength(body)}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(published).toEqual([{ type: 'channel-acme.webhook.received.v1', data: { body, receivedAt: expect.any(String) } }]);
  });

  it('refuses a missing or wrong signature with problem+json and publishes nothing', async () => {
    const { published, post } = intake();
    const missing = await post('{}');
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { code: string }).code).toBe('SWB_ERR_ACME_SIGNATURE_MISSING');
    const wrong = await post('{}', { 'x-sig': 'len-99' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(published).toEqual([]);
  });

  it('refuses a body over the limit before verifying it', async () => {
    const { published, post } = intake();
    const body = 'x'.repeat(65);
    const res = await post(body, { 'x-sig': 'len-65' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('SWB_ERR_ACME_BODY_TOO_LARGE');
    expect(published).toEqual([]);
  });

  it('answers 503 when the bus cannot take the body, so the provider retries', async () => {
    const { post } = intake({ bus: { publish: async () => Promise.reject(new Error('no JetStream')) }, retryHint: 'Acme retries for a day' });
    const res = await post('{}', { 'x-sig': 'len-2' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'SWB_ERR_ACME_UNAVAILABLE', detail: 'the notification could not be queued; Acme retries for a day' });
  });
});
