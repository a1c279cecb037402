import type { CoreEventData, Message } from '@switchboard/events';
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
});
