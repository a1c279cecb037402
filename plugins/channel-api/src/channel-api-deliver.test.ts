import { DeliveryFailure } from '@switchboard/plugin-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { createWebhookDeliver } from './channel-api-deliver';
import { deliverInput } from './test-helpers/fixtures';
import { closedPort, startTestReceiver, type TestReceiver } from './test-helpers/receiver';
import { verifyWebhookSignature } from './signature';

const SECRET = 'whsec-test-0123456789';
const NOW = new Date('2025-01-02T03:05:00.000Z');

let receiver: TestReceiver;

function deliverTo(url: string, timeoutMs = 10_000) {
  return createWebhookDeliver({ outbound: { url, timeoutMs }, webhookSecret: SECRET, version: pkg.version, now: () => NOW });
}

beforeAll(async () => {
  receiver = await startTestReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
});

describe('deliver: the message.created webhook', () => {
  it('POSTs a signed JSON webhook and returns the id the receiver answers with', async () => {
    receiver.respondWith((_req, res) => res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id":"crm-msg-42"}'));
    const input = deliverInput({ attempt: 3 });

    const output = await deliverTo(receiver.url)(input);

    expect(output).toEqual({ providerMessageId: 'crm-msg-42', state: 'sent' });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/switchboard?token=kept-out-of-messages');
    const timestamp = String(Math.floor(NOW.getTime() / 1000));
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': `switchboard-channel-api/${pkg.version}`,
      'x-switchboard-timestamp': timestamp,
      'x-switchboard-delivery': input.message.id,
      'x-switchboard-attempt': '3',
    });
    expect(request?.headers['x-switchboard-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    const signature = String(request?.headers['x-switchboard-signature']);
    expect(verifyWebhookSignature(SECRET, signature, timestamp, request?.rawBody ?? '', { now: NOW })).toBe(true);
    expect(verifyWebhookSignature('another-secret', signature, timestamp, request?.rawBody ?? '', { now: NOW })).toBe(false);
    expect(JSON.parse(request?.rawBody ?? '')).toEqual({
      type: 'message.created',
      id: input.message.id,
      conversationId: input.message.conversationId,
      thread: 'crm-thread-77',
      recipient: { type: 'api_user', value: 'crm-user-5' },
      sender: { kind: 'agent', name: 'Anna' },
      text: 'Your parcel ships tomorrow. ✓',
      attachments: [
        {
          id: '01JD3Z5X00000000000000ATT1',
          name: 'label.pdf',
          contentType: 'application/pdf',
          size: 2048,
          url: 'http://switchboard.test/attachments/01JD3Z5X00000000000000ATT1?sig=abc',
        },
      ],
      createdAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('counts a 2xx without a JSON id as sent, with no provider message id', async () => {
    receiver.respondWith((_req, res) => res.writeHead(204).end());
    await expect(deliverTo(receiver.url)(deliverInput())).resolves.toEqual({ providerMessageId: null, state: 'sent' });

    receiver.respondWith((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'));
    await expect(deliverTo(receiver.url)(deliverInput())).resolves.toEqual({ providerMessageId: null, state: 'sent' });
  });

  it('never sends a private note', async () => {
    const failure = await deliverTo(receiver.url)(deliverInput({ message: { private: true } })).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DeliveryFailure);
    expect(failure).toMatchObject({ code: 'not_deliverable', retryable: false });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('deliver: failures the core retries', () => {
  it('throws a retryable failure on 429, naming Retry-After', async () => {
    receiver.respondWith((_req, res) => res.writeHead(429, { 'Retry-After': '30' }).end('slow down'));
    const failure = await deliverTo(receiver.url)(deliverInput()).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DeliveryFailure);
    expect(failure).toMatchObject({ code: 'http_429', retryable: true });
    expect((failure as Error).message).toContain('Retry-After: 30');
  });

  it('throws a retryable failure on 503', async () => {
    receiver.respondWith((_req, res) => res.writeHead(503).end('maintenance'));
    await expect(deliverTo(receiver.url)(deliverInput())).rejects.toMatchObject({ name: 'DeliveryFailure', code: 'http_503', retryable: true });
  });

  it('throws a retryable timeout when the receiver does not answer in time', async () => {
    receiver.respondWith(() => {
      // Never answers: the attempt must end at outbound.timeoutMs.
    });
    const failure = await deliverTo(receiver.url, 200)(deliverInput()).catch((err: unknown) => err);
    expect(failure).toMatchObject({ name: 'DeliveryFailure', code: 'timeout', retryable: true });
    expect((failure as Error).message).toContain('200 ms');
  });

  it('throws a retryable network failure when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hooks`;
    const failure = await deliverTo(url)(deliverInput()).catch((err: unknown) => err);
    expect(failure).toMatchObject({ name: 'DeliveryFailure', code: 'network', retryable: true });
    expect((failure as Error).message).toContain('ECONNREFUSED');
  });
});

describe('deliver: failures that fail the message at once', () => {
  it('throws a permanent failure on 400 with the receiver’s answer, truncated to 500 characters', async () => {
    const answer = `unknown recipient ${'x'.repeat(2000)}`;
    receiver.respondWith((_req, res) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end(answer));
    const failure = await deliverTo(receiver.url)(deliverInput()).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DeliveryFailure);
    expect(failure).toMatchObject({ code: 'http_400', retryable: false });
    const message = (failure as Error).message;
    expect(message).toContain('answered 400');
    expect(message).toContain(answer.slice(0, 500));
    expect(message).not.toContain(answer.slice(0, 501));
    // The query string of outbound.url may hold a credential; it stays out of messages.
    expect(message).not.toContain('kept-out-of-messages');
  });

  it('does not follow a redirect, which would turn the POST into a GET', async () => {
    receiver.respondWith((_req, res) => res.writeHead(302, { Location: 'https://elsewhere.example/hooks' }).end());
    const failure = await deliverTo(receiver.url)(deliverInput()).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'http_302', retryable: false });
    expect((failure as Error).message).toContain('https://elsewhere.example/hooks');
    expect(receiver.requests).toHaveLength(1);
  });
});
