import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, type CoreEventData, type Message } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';

describe('conversation loop over real NATS and libSQL', () => {
  const echo = createEchoChannel();
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  const inbound = (providerMessageId: string, text: string, thread = 'thread-1') =>
    echo.channel().recordInbound({ thread, from: { identity: { type: 'echo_user', value: 'u-1' }, name: 'Ada' }, providerMessageId, text });

  it('stores an inbound message once, however often the provider retries it', async () => {
    const first = await inbound('p-1', 'Hello, my order is late');
    const again = await inbound('p-1', 'Hello, my order is late');
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });

    const received = await host.waitForEvent<CoreEventData<'core.message.received.v1'>>('core.message.received.v1');
    expect(received.data.message.text).toBe('Hello, my order is late');
    expect(received.subject).toBe(first.messageId);

    const res = await host.request(`/api/v1/conversations/${first.conversationId}/messages`);
    const page = (await res.json()) as { items: Message[] };
    expect(page.items.map((m) => m.text)).toEqual(['Hello, my order is late']);
    expect(host.events().filter((e) => e.type === 'core.message.received.v1')).toHaveLength(1);
  });

  it('delivers an agent reply through the channel once, even when the client resends it', async () => {
    const { conversationId } = await inbound('p-2', 'Anyone there?');
    const body = JSON.stringify({ clientMessageId: 'c-1', text: 'Yes, looking into it' });
    const first = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body });
    const resend = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body });
    expect(first.status).toBe(201);
    expect(resend.status).toBe(200);
    const sent = (await first.json()) as { message: Message };
    expect(((await resend.json()) as { message: Message }).message.id).toBe(sent.message.id);

    const update = await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>(
      'core.message.delivery_updated.v1',
      (e) => e.data.messageId === sent.message.id,
    );
    expect(update.data.state).toBe('sent');
    expect(update.data.providerMessageId).toBe(`echo-${sent.message.id}`);
    expect(echo.delivered.filter((d) => d.message.id === sent.message.id)).toHaveLength(1);
    expect(echo.delivered.find((d) => d.message.id === sent.message.id)?.leg.thread).toBe('thread-1');
  });

  it('fails a message at once on a permanent provider error, showing the provider’s reason', async () => {
    const { conversationId } = await inbound('p-3', 'hello?', 'thread-3');
    echo.script.push('permanent');
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'c-3', text: 'reply' }) });
    const { message } = (await res.json()) as { message: Message };
    const failed = await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>(
      'core.message.delivery_updated.v1',
      (e) => e.data.messageId === message.id && e.data.state === 'failed',
    );
    expect(failed.data.error).toMatchObject({ code: 'invalid_recipient', message: 'recipient does not exist', retryable: false });
    expect(echo.delivered.filter((d) => d.message.id === message.id)).toHaveLength(1);
  });

  it('retries a rate-limited send with backoff and delivers it', async () => {
    const { conversationId } = await inbound('p-4', 'hello?', 'thread-4');
    echo.script.push('retryable', 'retryable');
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'c-4', text: 'reply' }) });
    const { message } = (await res.json()) as { message: Message };
    await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === message.id && e.data.state === 'sent');
    expect(echo.delivered.filter((d) => d.message.id === message.id).map((d) => d.attempt)).toEqual([1, 2, 3]);
  });

  it('after the last attempt marks the message failed and dead-letters the event for replay', async () => {
    const { conversationId } = await inbound('p-5', 'hello?', 'thread-5');
    echo.script.push('retryable', 'retryable', 'retryable', 'retryable');
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'c-5', text: 'reply' }) });
    const { message } = (await res.json()) as { message: Message };
    const failed = await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>(
      'core.message.delivery_updated.v1',
      (e) => e.data.messageId === message.id && e.data.state === 'failed',
    );
    expect(failed.data.error).toMatchObject({ code: 'provider_429', retryable: true });
    const nc = await connect({ servers: host.natsUrl });
    const dlq = await jetstream(nc).consumers.get(DEAD_LETTER_STREAM, { deliver_policy: DeliverPolicy.All });
    const letter = await dlq.next({ expires: 5000 });
    expect(letter?.json()).toMatchObject({ durable: 'core__deliver', attempts: 4, event: { type: 'core.message.sent.v1', subject: message.id } });
    await nc.close();
  });
});
