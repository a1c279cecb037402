import type { CoreEventData, Message } from '@switchboard/events';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from './index';
import { verifyWebhookSignature } from './signature';
import { TEST_SECRETS } from './test-helpers/plugin-harness';
import { startTestReceiver, type ReceivedRequest, type TestReceiver } from './test-helpers/receiver';

type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;

let receiver: TestReceiver;
let host: TestHost;

beforeAll(async () => {
  receiver = await startTestReceiver();
  host = await startTestHost({
    plugins: [{ definition: plugin, options: { outbound: { url: receiver.url, timeoutMs: 2000 } }, secrets: { ...TEST_SECRETS } }],
    delivery: { maxAttempts: 3, backoffMs: [100] },
  });
});
afterAll(async () => {
  await host?.stop();
  await receiver?.close();
});

function inbound(path: 'messages' | 'statuses', body: unknown): Promise<Response> {
  return fetch(`${host.url}/plugins/channel-api/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TEST_SECRETS.inboundToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function customerWrites(thread: string, id: string): Promise<{ messageId: string; conversationId: string; duplicate: boolean }> {
  const res = await inbound('messages', { id, thread, from: { id: `user-of-${thread}`, name: 'Dana Example' }, text: `hello from ${thread}` });
  expect(res.status).toBe(202);
  return (await res.json()) as never;
}

async function agentReplies(conversationId: string, text: string): Promise<Message> {
  const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `reply-${Math.random()}`, text }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { message: Message }).message;
}

function deliveryState(messageId: string, state: string) {
  return host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (event) => event.data.messageId === messageId && event.data.state === state);
}

function webhooksFor(messageId: string): ReceivedRequest[] {
  return receiver.requests.filter((request) => request.headers['x-switchboard-delivery'] === messageId);
}

describe('channel-api in a real Switchboard', () => {
  it('records an inbound message once, however often it is sent', async () => {
    const first = await customerWrites('thread-a', 'crm-a-1');
    expect(first.duplicate).toBe(false);
    const again = await customerWrites('thread-a', 'crm-a-1');
    expect(again).toEqual({ ...first, duplicate: true });

    const res = await host.request(`/api/v1/conversations/${first.conversationId}/messages`);
    const { items } = (await res.json()) as { items: Message[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ direction: 'inbound', channel: 'channel-api', providerMessageId: 'crm-a-1', text: 'hello from thread-a' });
  });

  it('delivers an agent’s reply as a signed webhook and records the receiver’s id as sent', async () => {
    receiver.respondWith((request, res) => {
      const id = JSON.parse(request.rawBody).id as string;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `crm-out-${id}` }));
    });
    const { conversationId } = await customerWrites('thread-b', 'crm-b-1');
    const reply = await agentReplies(conversationId, 'We are on it.');

    const sent = await deliveryState(reply.id, 'sent');
    expect(sent.data.providerMessageId).toBe(`crm-out-${reply.id}`);
    const [webhook] = webhooksFor(reply.id);
    expect(JSON.parse(webhook?.rawBody ?? '')).toMatchObject({
      type: 'message.created',
      id: reply.id,
      conversationId,
      thread: 'thread-b',
      recipient: { type: 'api_user', value: 'user-of-thread-b' },
      text: 'We are on it.',
    });
    expect(
      verifyWebhookSignature(TEST_SECRETS.webhookSecret, String(webhook?.headers['x-switchboard-signature']), String(webhook?.headers['x-switchboard-timestamp']), webhook?.rawBody ?? ''),
    ).toBe(true);

    const status = await inbound('statuses', { providerMessageId: `crm-out-${reply.id}`, state: 'read' });
    expect(status.status).toBe(200);
    await deliveryState(reply.id, 'read');
  });

  it('retries a 503 with the same delivery id and the next attempt number', async () => {
    let calls = 0;
    receiver.respondWith((_request, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(503).end('busy');
      else res.writeHead(204).end();
    });
    const { conversationId } = await customerWrites('thread-c', 'crm-c-1');
    const reply = await agentReplies(conversationId, 'Retry me.');

    await deliveryState(reply.id, 'sent');
    expect(webhooksFor(reply.id).map((request) => request.headers['x-switchboard-attempt'])).toEqual(['1', '2']);
  });

  it('fails a message at once on a 400, with the receiver’s reason', async () => {
    receiver.respondWith((_request, res) => res.writeHead(400, { 'Content-Type': 'text/plain' }).end('recipient unknown'));
    const { conversationId } = await customerWrites('thread-d', 'crm-d-1');
    const reply = await agentReplies(conversationId, 'Nobody home?');

    const failed = await deliveryState(reply.id, 'failed');
    expect(failed.data.error).toMatchObject({ code: 'http_400', retryable: false, message: expect.stringContaining('recipient unknown') });
    expect(webhooksFor(reply.id)).toHaveLength(1);
  });
});
